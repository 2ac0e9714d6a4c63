// The audit trail from a real SQLite journal: every order event with its original time and reason,
// filtered and paged through journal.events (validated at the dispatcher) and `nautilus audit`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, SeededRandom } from '../../../src/core/model';
import { restoreFromJournal, SimulatedVenue, type AuditEntry } from '../../../src/core/trading';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { auditHandlers, readAuditTrail } from '../../../src/main/api/auditHandlers';
import { createDispatcher } from '../../../src/main/api/dispatcher';
import type { WorkstationApi } from '../../../src/shared/contracts/api';
import type { AuditPage } from '../../../src/shared/contracts/audit';
import { SQLITE_FILE } from '../../../src/main/workstation';
import { runCli } from '../../../src/cli/main';
import { harness, must, quote, AAPL } from '../../unit/core/trading/fixtures';

const START = Date.UTC(2026, 11, 1, 14, 0, 0);
const LATENCY = { latencyMs: 2, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1 };

describe('audit trail from the SQLite journal', () => {
  let dir: string;
  let journal: SqliteJournal;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-audit-'));
    journal = SqliteJournal.open(join(dir, SQLITE_FILE));
    const clock = new ManualClock(START);
    // The venue lists AAPL only: an MSFT order is rejected there, with the venue's reason.
    const venue = new SimulatedVenue({ instruments: [AAPL], clock, random: new SeededRandom(1), fillModel: LATENCY, commission: { kind: 'NONE', currency: 'USD' } });
    const h = harness({ clock, venue, journal });
    const settle = () => {
      for (let i = 0; i < 5; i++) {
        clock.advance(1);
        venue.poll();
        h.oms.flush();
      }
    };
    h.tick(quote('AAPL', 100, 100.01, START));
    h.oms.onQuote(quote('MSFT', 300, 300.01, START));
    ids.bracket = must(h.oms.submitBracket({ entry: { symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 100, limitPrice: 100.01, timeInForce: 'DAY' }, takeProfitPrice: 102, stopLossPrice: 98 })).clientOrderId;
    h.oms.flush();
    settle();
    clock.advance(60_000);
    ids.close = must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 100, timeInForce: 'DAY' })).clientOrderId;
    h.oms.flush();
    settle();
    clock.advance(60_000);
    ids.rejected = must(h.oms.submit({ symbol: 'MSFT', side: 'BUY', type: 'LIMIT', quantity: 5, limitPrice: 299, timeInForce: 'DAY' })).clientOrderId;
    h.oms.flush();
    settle();
    h.oms.flush();
  });
  afterAll(() => {
    journal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const all = (): AuditEntry[] => readAuditTrail(journal, { limit: 1_000 }).entries;

  it('lists every order event newest first, with symbol, side, prices, status and reasons', () => {
    const entries = all();
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));
    const of = (id: string) => entries.filter((e) => e.clientOrderId === id).reverse();
    expect(of(ids.bracket!).map((e) => [e.kind, e.symbol, e.side, e.quantity ?? null, e.price ?? null, e.status ?? null])).toEqual([
      ['NEW', 'AAPL', 'BUY', 100, 100.01, 'Submitted'],
      ['ACCEPTED', 'AAPL', 'BUY', null, null, 'Accepted'],
      ['FILL', 'AAPL', 'BUY', 100, 100.01, null],
    ]);
    const exits = entries.filter((e) => e.kind === 'NEW' && e.reason?.includes(`of ${ids.bracket}`));
    expect(exits).toHaveLength(2);
    for (const exit of exits) {
      const trail = of(exit.clientOrderId!);
      expect(trail.map((e) => e.kind)).toEqual(['NEW', 'ACCEPTED', 'CANCEL_REQUESTED', 'CANCELED']);
      expect(trail[2]).toMatchObject({ symbol: 'AAPL', side: 'SELL', status: 'PendingCancel', reason: 'POSITION_FLAT' });
    }
    expect(of(ids.rejected!).at(-1)).toMatchObject({ kind: 'REJECTED', symbol: 'MSFT', status: 'Rejected', reason: 'UNKNOWN_SYMBOL' });
  });

  it('filters by symbol, order, kinds, text and time, and pages with beforeSeq', () => {
    const entries = all();
    expect(readAuditTrail(journal, { symbol: 'MSFT' }).entries.map((e) => e.kind)).toEqual(['REJECTED', 'NEW']);
    expect(readAuditTrail(journal, { clientOrderId: ids.close }).entries.map((e) => e.kind)).toEqual(['FILL', 'ACCEPTED', 'NEW']);
    expect(readAuditTrail(journal, { kinds: ['FILL'] }).entries.map((e) => e.clientOrderId)).toEqual([ids.close, ids.bracket]);
    expect(readAuditTrail(journal, { text: 'position_flat' }).entries).toHaveLength(2);
    expect(readAuditTrail(journal, { text: 'unknown_symbol' }).entries.map((e) => e.clientOrderId)).toEqual([ids.rejected]);
    const firstMinute = readAuditTrail(journal, { from: START, to: START + 59_999 }).entries;
    expect(firstMinute.length).toBeGreaterThan(0);
    expect(firstMinute.every((e) => e.time >= START && e.time < START + 60_000)).toBe(true);
    expect(firstMinute.some((e) => e.clientOrderId === ids.close)).toBe(false);
    const paged: AuditEntry[] = [];
    let beforeSeq: number | undefined;
    do {
      const page = readAuditTrail(journal, { limit: 3, beforeSeq });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.entries);
      beforeSeq = page.nextBeforeSeq ?? undefined;
    } while (beforeSeq !== undefined);
    expect(paged).toEqual(entries);
  });

  it('after a restart the orders keep their original times', () => {
    const clock = new ManualClock(START + 86_400_000);
    const restarted = harness({ clock });
    restoreFromJournal(restarted.oms, journal.records());
    const close = restarted.oms.order(ids.close!);
    const fill = all().find((e) => e.clientOrderId === ids.close && e.kind === 'FILL');
    expect(close).toMatchObject({ status: 'Filled', createdAt: START + 5 + 60_000 });
    expect(close?.updatedAt).toBe(fill?.time);
    expect(close!.updatedAt).toBeLessThan(START + 86_400_000);
  });

  it('journal.events validates its input at the dispatcher and caps the limit', async () => {
    const dispatch = createDispatcher(auditHandlers(() => journal) as WorkstationApi, () => undefined);
    const reply = await dispatch('journal.events', { symbol: 'AAPL', kinds: ['FILL'], limit: 10 });
    expect(reply).toMatchObject({ ok: true });
    expect((reply as { value: AuditPage }).value.entries.map((e) => e.kind)).toEqual(['FILL', 'FILL']);
    for (const bad of [{ limit: 1_001 }, { limit: 0 }, { from: 1e308 }, { to: Number.NaN }, { kinds: ['NOPE'] }, { from: START + 1, to: START }, { text: 'x'.repeat(101) }, { beforeSeq: 1.5 }, { extra: 1 }]) {
      const refused = await dispatch('journal.events', bad);
      expect(refused, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('nautilus audit prints the trail as CSV and JSON, oldest first, filtered by symbol', async () => {
    const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
    expect(await runCli(['audit', '--data-dir', dir, '--symbol', 'MSFT', '--csv'], io)).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toBe('seq,time,kind,clientOrderId,symbol,side,quantity,price,status,reason');
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(['NEW', 'REJECTED']);
    expect(lines[2]).toContain(',MSFT,BUY,,,Rejected,UNKNOWN_SYMBOL');
    const json = { stdout: '', stderr: '', out: (t: string) => void (json.stdout += t), err: (t: string) => void (json.stderr += t) };
    expect(await runCli(['audit', '--data-dir', dir, '--json', '--from', new Date(START + 60_000).toISOString()], json)).toBe(0);
    const entries = JSON.parse(json.stdout) as AuditEntry[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.time >= START + 60_000)).toBe(true);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    const bad = { stdout: '', stderr: '', out: (t: string) => void (bad.stdout += t), err: (t: string) => void (bad.stderr += t) };
    expect(await runCli(['audit', '--data-dir', dir, '--from', 'yesterday'], bad)).toBe(2);
    expect(bad.stderr).toContain('--from must be ISO 8601');
  });
});
