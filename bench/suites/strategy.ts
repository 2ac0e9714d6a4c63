// Strategy runtime benchmark: what the live time budget costs per callback (a vm watchdog per outermost callback)
// against the same callback called directly (the ceiling), and a quote through a LiveStrategy on a trading node.
import { SeededRandom } from '../../src/core/model';
import { SimulatedScheduler } from '../../src/core/model/scheduler';
import { LiveStrategy } from '../../src/core/strategy/liveStrategy';
import type { StrategyDefinition } from '../../src/core/strategy/strategy';
import { MemoryJournal, SimulatedVenue, TradingNode, type NodeInstrument } from '../../src/core/trading';
import { timeBudgetGuard } from '../../src/main/strategies/callbackGuard';
import { percentile, type BenchFigure, type BenchOptions, type BenchSuite } from '../harness';

const SUITE = 'strategy';
const ACME: NodeInstrument = { symbol: 'ACME', name: 'ACME', assetClass: 'EQUITY', currency: 'USD', exchange: 'NYSE', sector: 'Test', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 };

/** µs per call of `fn`, in batches of `batch` calls, sorted. */
function perCallMicros(batches: number, batch: number, fn: () => void): Float64Array {
  for (let i = 0; i < batch; i++) fn();
  const out = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    out[b] = ((performance.now() - t0) * 1000) / batch;
  }
  return out.sort();
}

/** A strategy that reads its portfolio on every quote and trades on none: the runtime's own cost per quote. */
const WATCHER: StrategyDefinition = {
  name: 'watcher',
  params: {},
  create(_params, ctx) {
    let seen = 0;
    return { onQuote: (q) => void (seen += ctx.portfolio.position(q.symbol) + (seen > 1e12 ? 1 : 0)) };
  },
};

async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const batches = options.quick ? 20 : 200;
  const batch = options.quick ? 20 : 100;
  let sink = 0;
  const body = () => void (sink += Math.sqrt(sink + 1));
  const guard = timeBudgetGuard(250);
  options.progress('guarded vs direct callbacks');
  const guarded = perCallMicros(batches, batch, () => guard('onQuote', body));
  const direct = perCallMicros(batches, batch, body);
  const figures: BenchFigure[] = [
    {
      suite: SUITE,
      name: 'one strategy callback under its time budget (vm watchdog), µs per call',
      value: percentile(guarded, 50),
      unit: 'µs',
      p50: percentile(guarded, 50),
      p99: percentile(guarded, 99),
      peer: 'the same callback called directly (no budget)',
      peerValue: percentile(direct, 50),
      ratio: percentile(direct, 50) / percentile(guarded, 50),
    },
  ];

  options.progress('quotes through a live strategy on a node');
  const scheduler = new SimulatedScheduler(Date.UTC(2026, 10, 23, 15));
  const venue = new SimulatedVenue({ instruments: [ACME], clock: scheduler, random: new SeededRandom(1), commission: { kind: 'NONE', currency: 'USD' } });
  const node = new TradingNode({ account: 'B', baseCurrency: 'USD', clock: scheduler, scheduler, journal: new MemoryJournal(), instruments: [ACME], simulatedVenue: venue, venues: [venue], limits: [], capital: 1e9, accountUtcOffsetMinutes: -300, venuePollMs: null, timeoutCheckMs: null });
  const live = new LiveStrategy({ node, scheduler, definition: WATCHER, params: {}, symbols: ['ACME'], initialCash: 1e6, ref: { strategyId: 'watcher', version: 'bench' }, venue: 'SIM', policy: 'HOLD', capitalLimit: null, barMs: 60_000, guard, onFailure: () => undefined });
  live.start();
  let t = scheduler.now();
  const quote = () => {
    t += 100;
    const price = 100 + Math.sin(t / 1e5);
    live.onQuote({ symbol: 'ACME', time: t, bid: price - 0.01, ask: price + 0.01, bidSize: 100, askSize: 100, last: price, volume: t / 100 });
  };
  const perQuote = perCallMicros(batches, batch, quote);
  figures.push({ suite: SUITE, name: 'one quote through a live strategy (book mark, guarded onQuote, bar builder), µs', value: percentile(perQuote, 50), unit: 'µs', p50: percentile(perQuote, 50), p99: percentile(perQuote, 99) });
  if (sink < 0) figures.length = 0;
  return figures;
}

export const strategySuite: BenchSuite = {
  name: SUITE,
  summary: 'Live strategy runtime: the per-callback time budget against a direct call, and one quote through a live strategy.',
  run,
};
