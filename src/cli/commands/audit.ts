// `nautilus audit`: the order audit trail from the data directory's journal, as a table, JSON or CSV.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuditEntry } from '../../core/trading/auditTrail';
import { readAuditTrail } from '../../main/api/auditHandlers';
import { defaultDataDir } from '../../main/dataDir';
import { SqliteJournal } from '../../main/storage/journal/sqliteJournal';
import { openSqliteReadOnly } from '../../main/storage/sqlite/database';
import { SQLITE_FILE } from '../../main/workstation';
import { AUDIT_MAX_LIMIT, auditQueryInput } from '../../shared/contracts/audit';
import { validationError } from '../../shared/contracts/errors';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const MAX_ENTRIES = 1_000_000;

const usage = `nautilus audit [--symbol S] [--order ID] [--kinds FILL,REJECTED,…] [--text WORDS] [--from T] [--to T]
               [--limit N] [--data-dir DIR] [--json | --csv]

Prints the order audit trail from the journal, oldest first: every submit, ack, modify, cancel
(with the OMS's reason), reject (with the venue's reason), fill, expiry and kill-switch change,
with original times. T is ISO 8601 (a date alone is UTC midnight, a time without a zone is UTC)
or epoch milliseconds. --limit keeps the newest N matching entries (default 10000). Safe beside a
running workstation: the journal is opened read-only.`;

const CSV_COLUMNS = ['seq', 'time', 'kind', 'clientOrderId', 'symbol', 'side', 'quantity', 'price', 'status', 'reason'] as const;

function parseTime(text: string | undefined, flag: string): number | undefined | string {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  const ms = iso ? Date.parse(iso[4] || !iso[1] ? text : `${text}Z`) : NaN;
  return Number.isFinite(ms) ? ms : `${flag} must be ISO 8601 (2026-12-01, 2026-12-01T14:30Z) or epoch milliseconds, got "${text}"`;
}

const csvCell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function table(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [
    new Date(e.time).toISOString(),
    e.kind,
    e.clientOrderId ?? '-',
    e.symbol ?? '',
    e.side ?? '',
    e.quantity === undefined ? '' : String(e.quantity),
    e.price === undefined ? '' : String(e.price),
    e.status ?? '',
    e.reason ?? '',
  ]);
  const header = ['time (UTC)', 'kind', 'order', 'symbol', 'side', 'qty', 'price', 'status', 'reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'print the order audit trail from the journal (table, --json or --csv)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      symbol: { type: 'string' },
      order: { type: 'string' },
      kinds: { type: 'string' },
      text: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
    });
    const fail = (message: string) => (io.err(`nautilus audit: ${message}\n`), EXIT_USAGE);
    if (!parsed.ok) return fail(`${parsed.error}\n\n${usage}`);
    const v = parsed.value.values as Record<string, string | boolean | undefined>;
    if (v.json && v.csv) return fail('choose one of --json and --csv');
    const from = parseTime(v.from as string | undefined, '--from');
    const to = parseTime(v.to as string | undefined, '--to');
    if (typeof from === 'string') return fail(from);
    if (typeof to === 'string') return fail(to);
    const limitText = (v.limit as string | undefined) ?? '10000';
    const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_ENTRIES)) return fail(`--limit must be a whole number from 1 to ${MAX_ENTRIES}, got "${limitText}"`);
    const query = auditQueryInput.safeParse({
      ...(v.symbol !== undefined ? { symbol: v.symbol } : {}),
      ...(v.order !== undefined ? { clientOrderId: v.order } : {}),
      ...(v.kinds !== undefined ? { kinds: String(v.kinds).split(',').map((k) => k.trim()).filter(Boolean) } : {}),
      ...(v.text !== undefined ? { text: v.text } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    if (!query.success) return fail(validationError(query.error, 'options').message);

    const file = join(resolve((v['data-dir'] as string | undefined) ?? defaultDataDir()), SQLITE_FILE);
    if (!existsSync(file)) return io.err(`nautilus audit: no journal at ${file}\n`), EXIT_FAILURE;
    const db = openSqliteReadOnly(file);
    try {
      const journal = new SqliteJournal(db);
      const entries: AuditEntry[] = [];
      let beforeSeq: number | undefined;
      do {
        const page = readAuditTrail(journal, { ...query.data, limit: Math.min(AUDIT_MAX_LIMIT, limit - entries.length), beforeSeq });
        entries.push(...page.entries);
        beforeSeq = page.nextBeforeSeq ?? undefined;
      } while (beforeSeq !== undefined && entries.length < limit);
      entries.reverse();
      if (v.json) io.out(`${JSON.stringify(entries)}\n`);
      else if (v.csv) io.out(`${[CSV_COLUMNS.join(','), ...entries.map((e) => CSV_COLUMNS.map((c) => csvCell(c === 'time' ? new Date(e.time).toISOString() : e[c])).join(','))].join('\n')}\n`);
      else io.out(`${entries.length === 0 ? 'no matching entries' : table(entries)}\n`);
      return EXIT_OK;
    } catch (error) {
      io.err(`nautilus audit: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    } finally {
      db.close();
    }
  },
};
