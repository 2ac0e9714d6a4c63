// Pausing a live strategy deployment through the strategy service pauses its execution parents (its TWAP stops
// slicing), resuming resumes them, stopping cancels them; over the real SQLite record on a trading node.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../../src/core/model/clock';
import type { Quote } from '../../../src/core/model/marketData';
import { SimulatedScheduler } from '../../../src/core/model/scheduler';
import { SimulatedVenue } from '../../../src/core/trading/simulatedVenue';
import { TradingNode, type NodeInstrument } from '../../../src/core/trading/tradingNode';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { SystemLog } from '../../../src/main/systemLog';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { DeploymentStore } from '../../../src/main/strategies/deploymentStore';
import { loadStrategy } from '../../../src/main/strategies/strategyLoader';
import { StrategyService } from '../../../src/main/strategies/strategyService';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import type { ExecutionParent } from '../../../src/core/execution/parentOrder';

const T0 = Date.UTC(2026, 10, 23, 15, 0); // Monday 10:00 New York, inside the session
const ACME: NodeInstrument = { symbol: 'ACME', name: 'ACME', assetClass: 'EQUITY', currency: 'USD', exchange: 'NYSE', sector: 'Test', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 };

/** On its first quote: a TWAP buy of 100 over ten one-minute slices, each crossing the spread. */
const TWAPPER = `
import { defineStrategy } from 'nautilus/strategy';
export default defineStrategy({
  name: 'twapper',
  params: {},
  create(_params, ctx) {
    let quotes = 0;
    return {
      onQuote(q) {
        quotes += 1;
        if (quotes === 1) ctx.execute({ symbol: q.symbol, side: 'BUY', quantity: 100, limitPrice: null, urgency: 'HIGH', style: { kind: 'TWAP', durationMs: 600_000, intervalMs: 60_000 } });
      },
    };
  },
});`;

let dir: string;
let journal: SqliteJournal;
let node: TradingNode;
let scheduler: SimulatedScheduler;
let service: StrategyService;
let t: number;

/** A strategy service on the node (a new one: the app started again over the same record). */
const serviceOn = (n: TradingNode, s: SimulatedScheduler, j: SqliteJournal): StrategyService => {
  const bus = new MessageBus({ schedule: (fn) => fn() });
  return new StrategyService({
    store: new DeploymentStore(j.db, () => s.now()),
    node: n,
    scheduler: s,
    log: new SystemLog(bus, () => s.now()),
    bus,
    now: () => s.now(),
    load: (name) => loadStrategy(name, { builtin: join(dir, 'none'), user: join(dir, 'strategies') }),
    backtestEvidence: async () => ({ stage: 'BACKTEST', source: 'test', values: {} }),
    paperVenue: 'SIM',
    defaultLiveVenue: 'SIM',
  });
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nautilus-strategy-pause-'));
  mkdirSync(join(dir, 'strategies'), { recursive: true });
  writeFileSync(join(dir, 'strategies', 'twapper.ts'), TWAPPER);
  scheduler = new SimulatedScheduler(T0);
  const sim = new SimulatedVenue({ instruments: [ACME], clock: scheduler, random: new SeededRandom(7), commission: { kind: 'NONE', currency: 'USD' } });
  journal = new SqliteJournal(openSqlite(join(dir, 'workstation.sqlite'), RECORD_MIGRATIONS));
  node = new TradingNode({ account: 'U1', baseCurrency: 'USD', clock: scheduler, scheduler, journal, instruments: [ACME], simulatedVenue: sim, venues: [sim], limits: [], capital: 1_000_000, accountUtcOffsetMinutes: -300, venuePollMs: null, timeoutCheckMs: null });
  node.start();
  service = serviceOn(node, scheduler, journal);
  t = T0;
});
afterEach(() => {
  node.stop();
  journal.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A quote every `stepMs` up to `ms` from now: the venue, the desk's slice timers and the strategies all see time pass. */
function run(ms: number, stepMs = 10_000): void {
  const end = t + ms;
  while (t < end) {
    t += stepMs;
    scheduler.advanceTo(t);
    const q: Quote = { symbol: 'ACME', time: t, bid: 99.99, ask: 100.01, bidSize: 10_000, askSize: 10_000, last: 100, volume: 0 };
    node.onQuote(q);
    service.onQuote(q);
    node.flush();
  }
}

const workingChildren = (parent: ExecutionParent) => node.core.oms.workingOrders().filter((o) => o.parentId === parent.id);

async function deployTwapper(): Promise<number> {
  run(10_000);
  const d = await service.deploy({ strategy: 'twapper', params: {}, symbols: ['ACME'], policy: 'HOLD', barSeconds: 60, initialCash: 1_000_000 });
  if (!d.ok) throw new Error(JSON.stringify(d.error));
  const promoted = await service.promote({ deploymentId: d.value.id, approvedBy: 'alice' });
  if (!promoted.ok) throw new Error(JSON.stringify(promoted.error));
  return d.value.id;
}

describe('a paused deployment pauses its execution parents', () => {
  it('pause stops its TWAP slicing, resume starts it again, stop cancels it and leaves no working child', async () => {
    const id = await deployTwapper();
    run(150_000);
    const [twap] = node.execution.parents();
    expect(twap).toMatchObject({ algo: 'TWAP', status: 'WORKING', owner: { strategy: { strategyId: 'twapper' }, venue: 'SIM' } });
    const before = twap!.filled;
    expect(before).toBeGreaterThan(0);

    expect(service.pause(id).ok).toBe(true);
    expect(twap!.status).toBe('PAUSED');
    const released = twap!.released;
    run(180_000);
    // Three slice times passed: nothing more was released, nothing more filled, nothing is working.
    expect(twap).toMatchObject({ status: 'PAUSED', released, filled: before });
    expect(workingChildren(twap!)).toEqual([]);

    expect((await service.resume(id)).ok).toBe(true);
    expect(twap!.status).toBe('WORKING');
    run(120_000);
    expect(twap!.filled).toBeGreaterThan(before);

    expect(service.stop(id).ok).toBe(true);
    node.flush();
    run(10_000);
    expect(twap!.status).toBe('CANCELED');
    expect(workingChildren(twap!)).toEqual([]);
    expect(twap!.filled).toBeLessThan(100);
  });

  it('the app stopping leaves its parents working; the next run takes them back, so its pause and stop still reach them', async () => {
    const id = await deployTwapper();
    run(150_000);
    const [twap] = node.execution.parents();
    expect(twap!.status).toBe('WORKING');
    // The app stops: the run ends, the deployment stays running, and its TWAP is not paused (it is saved working).
    service.close();
    expect(twap!.status).toBe('WORKING');
    // The app starts again: a new run of the same deployment, whose parent the desk still holds (restored, in the app).
    service = serviceOn(node, scheduler, journal);
    await service.resumeActive();
    expect(service.pause(id).ok).toBe(true);
    expect(twap!.status).toBe('PAUSED');
    expect((await service.resume(id)).ok).toBe(true);
    expect(twap!.status).toBe('WORKING');
    expect(service.stop(id).ok).toBe(true);
    run(10_000);
    expect(twap!.status).toBe('CANCELED');
    expect(workingChildren(twap!)).toEqual([]);
  });
});
