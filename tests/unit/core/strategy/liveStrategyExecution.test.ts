// A live deployment's SMART orders and algorithms on the node's desk: its children carry its version and go only to
// its own venue though the desk sees another one, their fills are in its book, and stopping it cancels its parents.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/core/model/clock';
import type { Quote } from '../../../../src/core/model/marketData';
import { SimulatedScheduler } from '../../../../src/core/model/scheduler';
import { MemoryJournal } from '../../../../src/core/trading/journal';
import { SimulatedVenue } from '../../../../src/core/trading/simulatedVenue';
import { TradingNode, type NodeInstrument } from '../../../../src/core/trading/tradingNode';
import { LiveStrategy } from '../../../../src/core/strategy/liveStrategy';
import type { StrategyDefinition } from '../../../../src/core/strategy/strategy';
import type { ExecutionParent } from '../../../../src/core/execution/parentOrder';

const T0 = Date.UTC(2026, 10, 23, 15, 0); // Monday 10:00 New York
const ACME: NodeInstrument = { symbol: 'ACME', name: 'ACME', assetClass: 'EQUITY', currency: 'USD', exchange: 'NYSE', sector: 'Test', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 };
const REF = { strategyId: 'worker', version: 'v1' };
const NO_LATENCY = { latencyMs: 0, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1 };

function rig() {
  const scheduler = new SimulatedScheduler(T0);
  const venue = (name: string) => new SimulatedVenue({ name, instruments: [ACME], clock: scheduler, random: new SeededRandom(1), fillModel: NO_LATENCY, depth: { levels: 1, levelSpacingTicks: 1, sizeDecay: 1 } });
  const sim = venue('SIM');
  const alt = venue('ALT');
  const node = new TradingNode({
    account: 'U1',
    baseCurrency: 'USD',
    clock: scheduler,
    scheduler,
    journal: new MemoryJournal(),
    instruments: [ACME],
    simulatedVenue: sim,
    venues: [sim, alt],
    limits: [],
    capital: 1e7,
    accountUtcOffsetMinutes: -300,
    venuePollMs: null,
    timeoutCheckMs: null,
    // ALT is cheaper than SIM: left to itself the router would take it first.
    execution: {
      venues: [
        { venue: sim, takerFeePerShare: 0.01, makerFeePerShare: 0.01, latencyMs: 0, fillProbability: 0.5, levels: (s, side) => sim.levelsFor(s, side) },
        { venue: alt, takerFeePerShare: 0, makerFeePerShare: 0, latencyMs: 0, fillProbability: 0.5, levels: (s, side) => alt.levelsFor(s, side) },
      ],
    },
  });
  const quote = (i: number): Quote => ({ symbol: 'ACME', time: T0 + i * 1_000, bid: 100, ask: 100.02, bidSize: 100, askSize: 100, last: 100.01, volume: 10_000 + i });
  const tick = (i: number) => {
    scheduler.advanceTo(T0 + i * 1_000);
    alt.onQuote(quote(i));
    node.onQuote(quote(i));
    strategy.onQuote(quote(i));
    node.flush();
  };
  const sent: ExecutionParent[] = [];
  const definition: StrategyDefinition = {
    name: 'worker',
    params: {},
    create(_params, ctx) {
      let quotes = 0;
      return {
        onQuote() {
          quotes += 1;
          const send = (request: Parameters<typeof ctx.execute>[0]) => {
            const r = ctx.execute(request);
            if (!r.ok) throw new Error(JSON.stringify(r.error));
            sent.push(r.value);
          };
          if (quotes === 1) send({ symbol: 'ACME', side: 'BUY', quantity: 150, limitPrice: null, style: { kind: 'SMART', ioc: false } });
          if (quotes === 2) send({ symbol: 'ACME', side: 'BUY', quantity: 40, limitPrice: 99, urgency: 'LOW', style: { kind: 'TWAP', durationMs: 600_000, intervalMs: 60_000 } });
        },
      };
    },
  };
  const strategy = new LiveStrategy({ node, scheduler, definition, params: {}, symbols: ['ACME'], initialCash: 1e6, ref: REF, venue: 'SIM', policy: 'HOLD', capitalLimit: null, barMs: 60_000, guard: (_cb, run) => run(), onFailure: (f) => { throw f; } });
  return { node, strategy, tick, sent };
}

describe('a live strategy executes on the node desk', () => {
  it('children carry its version, go only to its venue, count in its book; stopping it cancels its parents', () => {
    const { node, strategy, tick, sent } = rig();
    node.start();
    strategy.start();
    tick(1);
    tick(2);
    tick(3);
    const oms = node.core.oms;
    const [smart, twap] = sent;
    expect(smart).toMatchObject({ algo: 'SMART', status: 'FILLED', filled: 150, owner: { strategy: REF, venue: 'SIM' } });
    const children = oms.orders().filter((o) => o.parentId === smart!.id);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      expect(child.strategy).toEqual(REF);
      expect(oms.store.runtimeOf(child.clientOrderId).venue).toBe('SIM');
    }
    expect(strategy.positions()).toEqual([{ symbol: 'ACME', quantity: 150 }]);
    expect(strategy.executions().map((p) => p.id)).toEqual([smart!.id, twap!.id]);

    // The TWAP rests below the market; the stop cancels it and its working child, nothing of it is left working.
    expect(twap!.status).toBe('WORKING');
    expect(oms.workingOrders().some((o) => o.parentId === twap!.id)).toBe(true);
    const outcome = strategy.stop('HOLD');
    node.flush();
    expect(outcome.refused).toEqual([]);
    expect(twap!.status).toBe('CANCELED');
    expect(oms.workingOrders()).toEqual([]);
  });
});
