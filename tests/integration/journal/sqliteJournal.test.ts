import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, SeededRandom } from '../../../src/core/model';
import { createTradingCore, reconcile, SimulatedVenue } from '../../../src/core/trading';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { restoreTradingCore } from '../../../src/main/storage/journal/restoreTradingCore';
import { INSTRUMENTS, quote, must } from '../../unit/core/trading/fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  return join(dir, 'journal.sqlite');
};

function world(clock = new ManualClock(1_000)) {
  const venue = new SimulatedVenue({ instruments: INSTRUMENTS, clock, random: new SeededRandom(3), commission: { kind: 'PER_SHARE', currency: 'USD', perShare: 0.01, minPerOrder: 1, maxFractionOfNotional: null } });
  return { clock, venue };
}
const base = (w: ReturnType<typeof world>) => ({ account: 'U1', baseCurrency: 'USD', clock: w.clock, instruments: INSTRUMENTS, venues: [w.venue], capital: 1e6 });

describe('SQLite journal', () => {
  it('group-commits appends in one transaction and refuses updates and deletes', () => {
    const journal = SqliteJournal.open(tempFile());
    for (let i = 0; i < 100; i++) journal.append({ kind: 'ORDER_CANCEL_REQUESTED', time: i, clientOrderId: `C${i}` });
    expect(journal.count()).toBe(0);
    journal.commit();
    expect([journal.count(), journal.commits]).toEqual([100, 1]);
    expect((journal.db.prepare('SELECT COUNT(*) AS n FROM journal_group').get() as { n: number }).n).toBe(1);
    expect([...journal.records()].map((r) => r.kind === 'ORDER_CANCEL_REQUESTED' && r.clientOrderId)).toEqual(Array.from({ length: 100 }, (_, i) => `C${i}`));
    expect(() => journal.db.exec('DELETE FROM journal_group')).toThrow(/append-only/);
    expect(() => journal.db.exec('UPDATE journal_group SET records = 0')).toThrow(/append-only/);
    expect(journal.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(journal.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    journal.close();
  });

  it('rebuilds OMS, positions and risk from the file; ids continue after the highest', () => {
    const file = tempFile();
    const w = world();
    const journal = SqliteJournal.open(file);
    const core = createTradingCore({ ...base(w), journal });
    const q = quote('AAPL', 100, 100.01, 1_000);
    core.oms.onQuote(q);
    w.venue.onQuote(q);
    must(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 300, timeInForce: 'DAY' }));
    const resting = must(core.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'LIMIT', quantity: 100, limitPrice: 105, timeInForce: 'GTC' }));
    core.oms.flush();
    must(core.oms.modify(resting.clientOrderId, { limitPrice: 104 }));
    core.oms.engageKillSwitch('test', 'ops');
    core.oms.flush();
    const lastId = core.oms.orders().at(-1)!.clientOrderId;
    journal.close();

    const restored = restoreTradingCore(file, base(world()));
    expect(restored.restore.records).toBeGreaterThan(5);
    expect(JSON.parse(JSON.stringify(restored.oms.orders()))).toEqual(JSON.parse(JSON.stringify(core.oms.orders())));
    expect(restored.positions.position('U1', 'AAPL')).toMatchObject({ quantity: 300, commissions: 3 });
    expect(restored.risk.killSwitch.engaged).toBe(true);
    expect(restored.risk.book.symbol('AAPL')?.position).toBe(300);
    restored.oms.onQuote(q);
    restored.oms.releaseKillSwitch('ops');
    const next = must(restored.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 1, limitPrice: 99, timeInForce: 'DAY' }));
    expect(next.clientOrderId > lastId).toBe(true);
    restored.journal.close();
  });

  it('an append not yet committed at a crash never reached the venue; a committed unanswered one comes back Unknown', async () => {
    const file = tempFile();
    const w = world();
    const journal = SqliteJournal.open(file);
    const core = createTradingCore({ ...base(w), journal });
    const q = quote('AAPL', 100, 100.01, 1_000);
    core.oms.onQuote(q);
    w.venue.onQuote(q);
    const committed = must(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'GTC' }));
    journal.commit(); // durable, then the process dies before the venue is called
    must(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 20, limitPrice: 98, timeInForce: 'GTC' }));
    journal.db.close(); // crash: the second append is lost, and nothing was sent
    expect(await w.venue.openOrders()).toEqual([]);

    const restored = restoreTradingCore(file, base(w));
    expect(restored.oms.orders().map((o) => [o.clientOrderId, o.status])).toEqual([[committed.clientOrderId, 'Unknown']]);
    expect(restored.restore.unknown).toEqual([committed.clientOrderId]);
    await reconcile(restored.oms);
    expect(restored.oms.order(committed.clientOrderId)?.status).toBe('Rejected');
    restored.journal.close();
    const again = restoreTradingCore(file, base(w));
    expect(again.oms.order(committed.clientOrderId)?.status).toBe('Rejected');
    again.journal.close();
  });

  it('flushes automatically once per microtask batch when given a scheduler', async () => {
    const w = world();
    const journal = SqliteJournal.open(tempFile());
    const core = createTradingCore({ ...base(w), journal, scheduleFlush: (f) => queueMicrotask(f) });
    const q = quote('AAPL', 100, 100.01, 1_000);
    core.oms.onQuote(q);
    w.venue.onQuote(q);
    for (let i = 0; i < 50; i++) must(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 1 + i, limitPrice: 90, timeInForce: 'DAY' }));
    expect(journal.commits).toBe(0);
    await Promise.resolve();
    // first group commit: the 50 submits; the venue's answers ride in the next one
    expect(journal.commits).toBe(1);
    expect(core.oms.workingOrders().every((o) => o.status === 'Accepted')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(journal.commits).toBe(2);
    expect(journal.count()).toBe(100);
    journal.close();
  });
});
