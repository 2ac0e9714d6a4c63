// The strategy lifecycle on a trading node over the real SQLite journal: versions promoted through the gate trade on
// the simulated exchange (paper) and on the chosen venue (live, within a capital limit), a rollback restores the
// previous version, the journal names the version behind every order, and a strategy that throws or hangs is
// stopped with its policy applied while the trader's own orders still go through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../../src/core/model/clock';
import type { Quote } from '../../../src/core/model/marketData';
import { SimulatedScheduler } from '../../../src/core/model/scheduler';
import { SimulatedVenue } from '../../../src/core/trading/simulatedVenue';
import { TradingNode, type NodeInstrument } from '../../../src/core/trading/tradingNode';
import { runBacktest } from '../../../src/core/backtest';
import type { StageMetrics } from '../../../src/core/strategy/deploymentLifecycle';
import { resolveParams } from '../../../src/core/strategy/params';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { SystemLog } from '../../../src/main/systemLog';
import { readJournal, SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { DeploymentStore } from '../../../src/main/strategies/deploymentStore';
import { loadStrategy, type StrategyDirs } from '../../../src/main/strategies/strategyLoader';
import { StrategyService } from '../../../src/main/strategies/strategyService';
import { strategyVersionId } from '../../../src/main/strategies/strategyVersionId';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import type { StrategyEvent } from '../../../src/shared/contracts/strategies';
import { bars, CONFIG, series } from '../../unit/core/backtest/fixtures';

const T0 = Date.UTC(2026, 10, 23, 15, 0); // Monday 10:00 New York, inside the session
const ACME: NodeInstrument = { symbol: 'ACME', name: 'ACME', assetClass: 'EQUITY', currency: 'USD', exchange: 'NYSE', sector: 'Test', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 };

/** Buys `qty` at market on its first quote (and on its first bar, in a backtest) and rests a limit buy 10% below. */
const TICKER = `
import { defineStrategy } from 'nautilus/strategy';
export default defineStrategy({
  name: 'ticker',
  params: { qty: { default: 10, min: 1, max: 1000, integer: true } },
  create(params, ctx) {
    let quotes = 0;
    const enter = (symbol: string, price: number) => {
      ctx.submit({ symbol, side: 'BUY', type: 'MARKET', quantity: params.qty, timeInForce: 'DAY' });
      ctx.submit({ symbol, side: 'BUY', type: 'LIMIT', limitPrice: Math.round(price * 90) / 100, quantity: params.qty, timeInForce: 'GTC' });
    };
    return {
      onBar(bar) { if (ctx.portfolio.position(bar.symbol) === 0 && ctx.workingOrders(bar.symbol).length === 0) enter(bar.symbol, bar.close); },
      onQuote(q) { quotes += 1; if (quotes === 1) enter(q.symbol, q.last); },
    };
  },
});`;
const FAILING = (name: string, fault: string) => `
import { defineStrategy } from 'nautilus/strategy';
export default defineStrategy({
  name: '${name}',
  params: {},
  create(_params, ctx) {
    let quotes = 0;
    return {
      onQuote(q) {
        quotes += 1;
        if (quotes === 1) {
          ctx.submit({ symbol: q.symbol, side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
          ctx.submit({ symbol: q.symbol, side: 'BUY', type: 'LIMIT', limitPrice: 50, quantity: 5, timeInForce: 'GTC' });
          ctx.submit({ symbol: q.symbol, side: 'SELL', type: 'LIMIT', limitPrice: 500, quantity: 10, timeInForce: 'GTC' });
        }
        if (quotes === 3) { ${fault} }
      },
    };
  },
});`;

/** Rests a buy, then cancels everything it can on every quote and tries to cancel order C000000000001 by id. */
const SWEEPER = `
import { defineStrategy } from 'nautilus/strategy';
export default defineStrategy({
  name: 'sweeper',
  params: {},
  create(_params, ctx) {
    let quotes = 0;
    return {
      onQuote(q) {
        quotes += 1;
        if (quotes === 1) ctx.submit({ symbol: q.symbol, side: 'BUY', type: 'LIMIT', limitPrice: 80, quantity: 1, timeInForce: 'GTC' });
        if (quotes === 2) { ctx.cancelAll(); ctx.log(JSON.stringify(ctx.cancel('C000000000001'))); }
      },
    };
  },
});`;

/** Buys on its first quote and throws when told of the fill: inside the OMS's own event delivery. */
const FILL_THROWER = `
import { defineStrategy } from 'nautilus/strategy';
export default defineStrategy({
  name: 'fill-thrower',
  params: {},
  create(_params, ctx) {
    let quotes = 0;
    return {
      onQuote(q) { quotes += 1; if (quotes === 1) ctx.submit({ symbol: q.symbol, side: 'BUY', type: 'MARKET', quantity: 7, timeInForce: 'DAY' }); },
      onFill() { throw new TypeError('fill handler bug'); },
    };
  },
});`;

interface Rig {
  dir: string;
  node: TradingNode;
  scheduler: SimulatedScheduler;
  journal: SqliteJournal;
  service: StrategyService;
  events: StrategyEvent[];
  log: SystemLog;
  dirs: StrategyDirs;
  backtests: Map<string, StageMetrics>;
  /** A quote to the node (and, unless `strategies` is false, to the running strategies), then a flush. */
  tick(price: number, strategies?: boolean): void;
}

let rig: Rig;

/** A node, journal and strategy service on `dir` (a fresh one, or the same after a restart: the journal is replayed). */
function makeRig(existing?: string): Rig {
  const dir = existing ?? mkdtempSync(join(tmpdir(), 'nautilus-strategies-'));
  mkdirSync(join(dir, 'strategies'), { recursive: true });
  writeFileSync(join(dir, 'strategies', 'ticker.ts'), TICKER);
  writeFileSync(join(dir, 'strategies', 'thrower.ts'), FAILING('thrower', "throw new Error('division by zero in the signal');"));
  writeFileSync(join(dir, 'strategies', 'hanger.ts'), FAILING('hanger', 'for (;;) { quotes += 0; }'));
  writeFileSync(join(dir, 'strategies', 'sweeper.ts'), SWEEPER);
  writeFileSync(join(dir, 'strategies', 'fill-thrower.ts'), FILL_THROWER);
  const dirs: StrategyDirs = { builtin: join(dir, 'none'), user: join(dir, 'strategies') };
  const scheduler = new SimulatedScheduler(T0);
  const sim = new SimulatedVenue({ instruments: [ACME], clock: scheduler, random: new SeededRandom(7), commission: { kind: 'NONE', currency: 'USD' } });
  // The live venue: another exchange the node does not step itself (IB in the app), here a second simulated one.
  const real = new SimulatedVenue({ name: 'IB', instruments: [ACME], clock: scheduler, random: new SeededRandom(8), commission: { kind: 'NONE', currency: 'USD' } });
  const journal = new SqliteJournal(openSqlite(join(dir, 'workstation.sqlite'), RECORD_MIGRATIONS));
  const node = new TradingNode({ account: 'U1', baseCurrency: 'USD', clock: scheduler, scheduler, journal, instruments: [ACME], simulatedVenue: sim, venues: [sim, real], limits: [], capital: 1_000_000, accountUtcOffsetMinutes: -300, venuePollMs: null, timeoutCheckMs: null });
  if (existing) node.restore(journal.records());
  node.start();
  const bus = new MessageBus({ schedule: (fn) => fn() });
  const events: StrategyEvent[] = [];
  bus.subscribe('strategies.events', (e) => events.push(e as StrategyEvent));
  const log = new SystemLog(bus, () => scheduler.now());
  const backtests = new Map<string, StageMetrics>();
  const service = new StrategyService({
    store: new DeploymentStore(journal.db, () => scheduler.now()),
    node,
    scheduler,
    log,
    bus,
    now: () => scheduler.now(),
    load: (name) => loadStrategy(name, dirs),
    backtestEvidence: async (_strategy, version) => backtests.get(version) ?? null,
    paperVenue: 'SIM',
    defaultLiveVenue: 'IB',
    // Wide enough that a normal callback on a loaded CI machine never trips it; the hanging strategy still trips it.
    callbackBudgetMs: 2_000,
  });
  let t = T0;
  const tick = (price: number, strategies = true) => {
    t += 1_000;
    scheduler.advanceTo(t);
    const q: Quote = { symbol: 'ACME', time: t, bid: price - 0.01, ask: price + 0.01, bidSize: 10_000, askSize: 10_000, last: price, volume: 0 };
    node.onQuote(q);
    real.onQuote(q);
    if (strategies) service.onQuote(q);
    node.flush();
  };
  return { dir, node, scheduler, journal, service, events, log, dirs, backtests, tick };
}

/** A real backtest of the version (same code, same parameters) whose figures the gate shows. */
async function backtest(strategy: string, params: Record<string, number>): Promise<string> {
  const loaded = await loadStrategy(strategy, rig.dirs);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const resolved = resolveParams(loaded.value.definition.params, params);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  const rows = Array.from({ length: 30 }, (_, i) => ({ o: 100 + i, c: 100 + i }));
  const run = runBacktest([series('ACME', bars(rows))], loaded.value.definition, resolved.value, { ...CONFIG, initialCash: 100_000 });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  const version = strategyVersionId(loaded.value.contentHash, resolved.value);
  rig.backtests.set(version, { stage: 'BACKTEST', source: 'backtest in test', values: { fills: run.value.fills.length } });
  return version;
}

function submittedOrders() {
  const records = [...readJournal(openSqlite(join(rig.dir, 'workstation.sqlite'), RECORD_MIGRATIONS))];
  return records.flatMap((r) => (r.kind === 'ORDER_SUBMITTED' ? [{ ...r.order, venue: r.venue }] : []));
}

beforeEach(() => {
  rig = makeRig();
});
afterEach(() => {
  rig.node.stop();
  rig.journal.db.close();
  rmSync(rig.dir, { recursive: true, force: true });
});

describe('strategy lifecycle on the live node', () => {
  it('promotes a version to paper through the gate, rolls back a newer one, and the journal names the version of every order', async () => {
    const { service } = rig;
    rig.tick(100);
    const a = await service.deploy({ strategy: 'ticker', params: { qty: 10 }, symbols: ['ACME'], policy: 'FLATTEN', barSeconds: 60, initialCash: 100_000 });
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.value.stage).toBe('BACKTEST');
    // The gate refuses a version that was never backtested, and changes nothing.
    const refused = await service.promote({ deploymentId: a.value.id, approvedBy: 'alice' });
    expect(refused.ok ? null : refused.error.code).toBe('NO_BACKTEST_OF_VERSION');
    expect(service.list().deployments[0]!.stage).toBe('BACKTEST');
    // A backtest of other parameters is another version: still refused.
    await backtest('ticker', { qty: 20 });
    expect((await service.promote({ deploymentId: a.value.id, approvedBy: 'alice' })).ok).toBe(false);
    const versionA = await backtest('ticker', { qty: 10 });
    expect(a.value.version).toBe(versionA);
    const gate = await service.gate(a.value.id);
    expect(gate.ok && gate.value).toMatchObject({ from: 'BACKTEST', to: 'PAPER', blocked: null, backtest: { stage: 'BACKTEST' } });

    const paperA = await service.promote({ deploymentId: a.value.id, approvedBy: 'alice', note: 'looks sane' });
    if (!paperA.ok) throw new Error(JSON.stringify(paperA.error));
    expect(paperA.value).toMatchObject({ stage: 'PAPER', state: 'RUNNING', venue: 'SIM' });
    rig.tick(100);
    rig.tick(100.5);
    expect(service.list().deployments[0]!.positions).toEqual([{ symbol: 'ACME', quantity: 10 }]);

    const b = await service.deploy({ strategy: 'ticker', params: { qty: 20 }, symbols: ['ACME'], policy: 'FLATTEN', barSeconds: 60, initialCash: 100_000 });
    if (!b.ok) throw new Error(JSON.stringify(b.error));
    expect(b.value.version).not.toBe(a.value.version);
    const paperB = await service.promote({ deploymentId: b.value.id, approvedBy: 'bob' });
    expect(paperB.ok).toBe(true);
    rig.tick(101);
    rig.tick(101);
    // The trader's own order in between: no version on it.
    const manual = rig.node.core.oms.submit({ symbol: 'ACME', side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });
    expect(manual.ok).toBe(true);
    rig.tick(101);

    const back = await service.rollback('ticker', 'PAPER');
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value).toMatchObject({ id: a.value.id, stage: 'PAPER', state: 'RUNNING' });
    rig.tick(102);
    rig.tick(102);
    const list = service.list();
    expect(list.deployments.map((d) => [d.id, d.stage, d.state])).toEqual([
      [a.value.id, 'PAPER', 'RUNNING'],
      [b.value.id, 'PAPER', 'RETIRED'],
    ]);
    expect(list.promotions.map((p) => [p.kind, p.deploymentId, p.superseded, p.approvedBy])).toEqual([
      ['promote', a.value.id, null, 'alice'],
      ['promote', b.value.id, a.value.id, 'bob'],
      ['rollback', a.value.id, b.value.id, 'rollback'],
    ]);
    expect(list.promotions[0]!.backtest?.source).toBe('backtest in test');
    // Every paper run is on the record with the version it ran.
    expect(list.runs.map((r) => [r.version, r.stage, r.venue, r.endReason === null ? 'running' : r.endReason.split(' ')[0]])).toEqual([
      [a.value.version, 'PAPER', 'SIM', 'superseded'],
      [b.value.version, 'PAPER', 'SIM', 'rolled'],
      [a.value.version, 'PAPER', 'SIM', 'running'],
    ]);

    // The journal, read back from the file: which version sent each order, in order.
    const short = (v: string | undefined) => (v === a.value.version ? 'A' : v === b.value.version ? 'B' : 'manual');
    const orders = submittedOrders().map((o) => `${short(o.strategy?.version)} ${o.side} ${o.type} ${o.quantity} ${o.venue}`);
    expect(orders).toEqual([
      'A BUY MARKET 10 SIM',
      'A BUY LIMIT 10 SIM',
      // A superseded: its resting order canceled, its position flattened under its own version.
      'A SELL MARKET 10 SIM',
      'B BUY MARKET 20 SIM',
      'B BUY LIMIT 20 SIM',
      'manual BUY MARKET 1 SIM',
      'B SELL MARKET 20 SIM',
      'A BUY MARKET 10 SIM',
      'A BUY LIMIT 10 SIM',
    ]);
    expect(submittedOrders().every((o) => !o.strategy || o.strategy.strategyId === 'ticker')).toBe(true);
    expect(rig.node.core.positions.quantity('U1', 'ACME')).toBe(11);
  });

  it('promotes paper to live only with a capital limit; live orders go to the chosen venue and the limit is enforced before the OMS', async () => {
    const { service } = rig;
    rig.tick(100);
    await backtest('ticker', { qty: 10 });
    const a = await service.deploy({ strategy: 'ticker', params: { qty: 10 }, symbols: ['ACME'], policy: 'HOLD', barSeconds: 60, initialCash: 100_000 });
    if (!a.ok) throw new Error('deploy');
    // Not on paper yet: the gate has no paper record to show.
    expect((await service.promote({ deploymentId: a.value.id, approvedBy: 'alice' })).ok).toBe(true);
    rig.tick(100);
    const noLimit = await service.promote({ deploymentId: a.value.id, approvedBy: 'alice' });
    expect(noLimit.ok ? null : noLimit.error.code).toBe('CAPITAL_LIMIT_REQUIRED');
    const gate = await service.gate(a.value.id);
    expect(gate.ok && gate.value.previous?.values).toMatchObject({ orders: 2 });
    const live = await service.promote({ deploymentId: a.value.id, approvedBy: 'alice', capitalLimit: 1_500 });
    if (!live.ok) throw new Error(JSON.stringify(live.error));
    expect(live.value).toMatchObject({ stage: 'LIVE', venue: 'IB', capitalLimit: 1_500 });
    rig.tick(100);
    rig.tick(100);
    const liveOrders = submittedOrders().filter((o) => o.venue === 'IB');
    // The market buy (1,000) fits; the resting buy would take the worst case to 1,900 > 1,500: refused before the OMS.
    expect(liveOrders.map((o) => `${o.side} ${o.type} ${o.quantity}`)).toEqual(['BUY MARKET 10']);
    expect(liveOrders[0]!.strategy).toEqual({ strategyId: 'ticker', version: a.value.version });
    const p = service.list().promotions.at(-1)!;
    expect(p).toMatchObject({ fromStage: 'PAPER', toStage: 'LIVE', previous: { stage: 'PAPER' }, backtest: { stage: 'BACKTEST' } });
  });

  it('after a restart, a resumed deployment takes back its position and working orders from the journal, and its policy acts on them', async () => {
    rig.tick(100);
    const versionA = await backtest('ticker', { qty: 10 });
    const a = await rig.service.deploy({ strategy: 'ticker', params: { qty: 10 }, symbols: ['ACME'], policy: 'FLATTEN', barSeconds: 60, initialCash: 100_000 });
    if (!a.ok) throw new Error('deploy');
    expect((await rig.service.promote({ deploymentId: a.value.id, approvedBy: 'alice' })).ok).toBe(true);
    rig.tick(100);
    rig.tick(100);
    expect(rig.service.list().deployments[0]!.positions).toEqual([{ symbol: 'ACME', quantity: 10 }]);

    // The app stops (the deployment stays RUNNING on the record) and starts again on the same journal.
    rig.service.close();
    rig.node.stop();
    rig.journal.db.close();
    const evidence = rig.backtests;
    rig = makeRig(rig.dir);
    evidence.forEach((m, v) => rig.backtests.set(v, m));
    await rig.service.resumeActive();
    const resumed = rig.service.list();
    expect(resumed.deployments[0]).toMatchObject({ version: versionA, stage: 'PAPER', state: 'RUNNING', positions: [{ symbol: 'ACME', quantity: 10 }] });
    expect(resumed.runs.map((r) => r.endReason)).toEqual(['app stopped', null]);
    // Stopping it flattens what it held before the restart and cancels its resting order from then (the market has
    // a price again; the strategy itself sees no quote, so it sends nothing new).
    rig.tick(100, false);
    const stopped = rig.service.stop(a.value.id);
    expect(stopped.ok && stopped.value.state).toBe('STOPPED');
    const theirs = submittedOrders().filter((o) => o.strategy?.version === versionA);
    expect(theirs.map((o) => `${o.side} ${o.type} ${o.quantity}`)).toEqual(['BUY MARKET 10', 'BUY LIMIT 10', 'SELL MARKET 10']);
    // Its resting buy from before the restart was asked to cancel (this test's fresh simulated exchange no longer
    // knows it; in the app, reconciliation at start settles such orders first).
    const limit = theirs.find((o) => o.type === 'LIMIT')!;
    const records = [...readJournal(openSqlite(join(rig.dir, 'workstation.sqlite'), RECORD_MIGRATIONS))];
    expect(records.some((r) => r.kind === 'ORDER_CANCEL_REQUESTED' && r.clientOrderId === limit.clientOrderId)).toBe(true);
  });

  it("a live strategy's cancel-all and cancel reach only its own orders, never the trader's", async () => {
    rig.tick(100);
    const manual = rig.node.core.oms.submit({ symbol: 'ACME', side: 'BUY', type: 'LIMIT', limitPrice: 90, quantity: 5, timeInForce: 'GTC' });
    if (!manual.ok) throw new Error('manual');
    expect(manual.value.clientOrderId).toBe('C000000000001');
    const d = await rig.service.deploy({ strategy: 'sweeper', params: {}, symbols: ['ACME'], policy: 'HOLD', barSeconds: 60, initialCash: 100_000 });
    if (!d.ok) throw new Error('deploy');
    rig.backtests.set(d.value.version, { stage: 'BACKTEST', source: 'test', values: {} });
    expect((await rig.service.promote({ deploymentId: d.value.id, approvedBy: 'alice' })).ok).toBe(true);
    rig.tick(100);
    rig.tick(100);
    const working = rig.node.core.oms.workingOrders();
    expect(working.map((o) => `${o.clientOrderId} ${o.strategy ? 'sweeper' : 'manual'} ${o.status}`)).toEqual(['C000000000001 manual Accepted']);
    expect(rig.log.recent().some((e) => e.source === 'strategy:sweeper' && e.message.includes('UNKNOWN_ORDER'))).toBe(true);
  });

  it('stops a strategy that throws, flattens its book, alerts the trader, and manual orders still go through', async () => {
    const { service } = rig;
    rig.tick(100);
    const d = await service.deploy({ strategy: 'thrower', params: {}, symbols: ['ACME'], policy: 'FLATTEN', barSeconds: 60, initialCash: 100_000 });
    if (!d.ok) throw new Error('deploy');
    rig.backtests.set(d.value.version, { stage: 'BACKTEST', source: 'test', values: {} });
    expect((await service.promote({ deploymentId: d.value.id, approvedBy: 'alice' })).ok).toBe(true);
    rig.tick(100);
    rig.tick(100);
    rig.tick(100); // third quote: it throws
    rig.tick(100);
    const view = service.list().deployments[0]!;
    expect(view.state).toBe('FAILED');
    expect(view.lastError).toContain('division by zero in the signal');
    const theirs = submittedOrders().filter((o) => o.strategy?.strategyId === 'thrower');
    expect(theirs.map((o) => `${o.side} ${o.type} ${o.quantity}`)).toEqual(['BUY MARKET 10', 'BUY LIMIT 5', 'SELL LIMIT 10', 'SELL MARKET 10']);
    expect(rig.node.core.oms.workingOrders()).toEqual([]);
    expect(rig.node.core.positions.quantity('U1', 'ACME')).toBe(0);
    expect(rig.events.map((e) => e.kind)).toContain('FAILED');
    expect(rig.log.recent().some((e) => e.level === 'error' && e.source === 'strategies' && e.message.includes('threw in onQuote'))).toBe(true);
    const manual = rig.node.core.oms.submit({ symbol: 'ACME', side: 'BUY', type: 'MARKET', quantity: 3, timeInForce: 'DAY' });
    rig.tick(100);
    expect(manual.ok && rig.node.core.oms.order(manual.value.clientOrderId)?.status).toBe('Filled');
  });

  it('a strategy that throws inside the OMS event delivery (onFill) is stopped there; the fill still reaches every other listener', async () => {
    rig.tick(100);
    const d = await rig.service.deploy({ strategy: 'fill-thrower', params: {}, symbols: ['ACME'], policy: 'FLATTEN', barSeconds: 60, initialCash: 100_000 });
    if (!d.ok) throw new Error('deploy');
    rig.backtests.set(d.value.version, { stage: 'BACKTEST', source: 'test', values: {} });
    expect((await rig.service.promote({ deploymentId: d.value.id, approvedBy: 'alice' })).ok).toBe(true);
    // Subscribed after the strategy's host: the OMS calls it after the strategy's onFill has thrown.
    const published: string[] = [];
    rig.node.core.oms.subscribe((e) => {
      if (e.kind === 'FILL') published.push(`${e.fill.side} ${e.fill.quantity}`);
    });
    rig.tick(100);
    rig.tick(100);
    rig.tick(100);
    expect(rig.service.list().deployments[0]).toMatchObject({ state: 'FAILED', lastError: expect.stringContaining('threw in onFill: fill handler bug') });
    // The listener after it saw the buy and the flattening sell; the account is flat.
    expect(published).toEqual(['BUY 7', 'SELL 7']);
    expect(rig.node.core.positions.quantity('U1', 'ACME')).toBe(0);
  });

  it('stops a strategy that hangs within its budget, holds its position per its policy, and the order path keeps working', async () => {
    const { service } = rig;
    rig.tick(100);
    const d = await service.deploy({ strategy: 'hanger', params: {}, symbols: ['ACME'], policy: 'REDUCE_ONLY', barSeconds: 60, initialCash: 100_000 });
    if (!d.ok) throw new Error('deploy');
    rig.backtests.set(d.value.version, { stage: 'BACKTEST', source: 'test', values: {} });
    expect((await service.promote({ deploymentId: d.value.id, approvedBy: 'alice' })).ok).toBe(true);
    rig.tick(100);
    rig.tick(100);
    rig.tick(100); // third quote: it never returns
    const view = service.list().deployments[0]!;
    expect(view.state).toBe('FAILED');
    expect(view.lastError).toContain('hung in onQuote');
    // Reduce-only: the resting buy (would add) is canceled, the resting sell (an exit of its 10) keeps working.
    const working = rig.node.core.oms.workingOrders().map((o) => `${o.side} ${o.type} ${o.quantity}`);
    expect(working).toEqual(['SELL LIMIT 10']);
    expect(rig.node.core.positions.quantity('U1', 'ACME')).toBe(10);
    const manual = rig.node.core.oms.submit({ symbol: 'ACME', side: 'SELL', type: 'MARKET', quantity: 4, timeInForce: 'DAY' });
    rig.tick(100);
    expect(manual.ok && rig.node.core.oms.order(manual.value.clientOrderId)?.status).toBe('Filled');
    expect(rig.events.filter((e) => e.kind === 'FAILED').map((e) => e.message)[0]).toContain('reduce_only');
  });
});
