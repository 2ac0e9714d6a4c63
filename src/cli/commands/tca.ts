// `nautilus tca`: transaction cost analysis of finished SMART orders and algorithms from the data directory's TCA
// log, per parent and rolled up per venue and per algorithm, as a table or --json.
import { join, resolve } from 'node:path';
import { tcaSummary, type TcaGroup } from '../../core/execution/tca';
import { defaultDataDir } from '../../main/dataDir';
import { TCA_LOG_FILE, TcaLog } from '../../main/trading/tcaLog';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const usage = `nautilus tca [--from T] [--to T] [--data-dir DIR] [--json]

Implementation shortfall of every SMART order and algorithm created in [--from, --to), against its
arrival mid, split into spread, market impact, timing and fees (currency and bps), then rolled up per
venue and per algorithm. T is ISO 8601 (a date alone is UTC midnight) or epoch milliseconds; by
default everything. Reads <data-dir>/${TCA_LOG_FILE}, written as parents finish.`;

function parseTime(text: string | undefined, flag: string, fallback: number): number | string {
  if (text === undefined) return fallback;
  if (/^\d+$/.test(text)) return Number(text);
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  const ms = iso ? Date.parse(iso[4] || !iso[1] ? text : `${text}Z`) : NaN;
  return Number.isFinite(ms) ? ms : `${flag} must be ISO 8601 (2026-12-01, 2026-12-01T14:30Z) or epoch milliseconds, got "${text}"`;
}

const groupLine = (g: TcaGroup): string =>
  `${g.key.padEnd(8)} ${g.currency} ${String(g.filledQuantity).padStart(10)}  shortfall ${g.shortfall.amount.toFixed(2)} (${g.shortfall.bps.toFixed(2)} bp) = spread ${g.spread.amount.toFixed(2)} + impact ${g.impact.amount.toFixed(2)} + timing ${g.timing.amount.toFixed(2)} + fees ${g.fees.amount.toFixed(2)}`;

export const tcaCommand: CliCommand = {
  name: 'tca',
  summary: 'transaction cost analysis of SMART orders and algorithms, per order, venue and algorithm',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, { from: { type: 'string' }, to: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
    const fail = (message: string) => (io.err(`nautilus tca: ${message}\n`), EXIT_USAGE);
    if (!parsed.ok) return fail(`${parsed.error}\n\n${usage}`);
    const v = parsed.value.values as Record<string, string | boolean | undefined>;
    const from = parseTime(v.from as string | undefined, '--from', -Infinity);
    const to = parseTime(v.to as string | undefined, '--to', Infinity);
    if (typeof from === 'string') return fail(from);
    if (typeof to === 'string') return fail(to);
    if (!(from < to)) return fail('--from must be before --to');
    const file = join(resolve((v['data-dir'] as string | undefined) ?? defaultDataDir()), TCA_LOG_FILE);
    const read = new TcaLog(file).read();
    if (!read.ok) return io.err(`nautilus tca: ${file}:${read.error.line}: ${read.error.path || 'record'}: ${read.error.message}\n`), EXIT_FAILURE;
    const result = tcaSummary(read.value, from, to);
    if (v.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return EXIT_OK;
    }
    const count = result.parents.length;
    const lines = [`${count} parent order${count === 1 ? '' : 's'}`];
    for (const r of result.parents) {
      lines.push(`${r.parentId} ${r.algo} ${r.side} ${r.filledQuantity}/${r.quantity} ${r.symbol} arrival ${r.arrivalPrice} avg ${r.averageFillPrice ?? '-'}  shortfall ${r.shortfall.amount.toFixed(2)} ${r.currency} (${r.shortfall.bps.toFixed(2)} bp)`);
    }
    lines.push('', 'per venue', ...result.byVenue.map(groupLine), '', 'per algorithm', ...result.byAlgo.map(groupLine));
    io.out(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};
