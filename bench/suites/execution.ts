// Execution benchmarks (issue 18): smart-routing decisions per second over five venues beside the direct router's
// lookup, and the latency SMART adds to an order (plan + child through risk and journal + venue) beside a direct order.
import { percentile, measureRate, type BenchFigure, type BenchSuite } from '../harness';
import { ManualClock, SeededRandom, type Instrument, type OrderRequest, type Quote } from '../../src/core/model';
import { createTradingCore, MemoryJournal } from '../../src/core/trading';
import { planRoute } from '../../src/core/execution/routePlanner';
import { SimulatedMarket } from '../../src/core/execution/simulatedMarket';
import { SmartOrderRouter } from '../../src/core/execution/smartRouter';
import { DEFAULT_VENUE_PROFILES } from '../../src/core/execution/venueProfile';
import type { VenueView } from '../../src/core/execution/venueView';

const SUITE = 'execution';
const XYZ: Instrument = { symbol: 'XYZ', name: 'XYZ', assetClass: 'EQUITY', currency: 'USD', exchange: 'SIM', sector: 'S', tickSize: 0.01, lotSize: 1, multiplier: 1 };
const PROFILES = DEFAULT_VENUE_PROFILES.map((p) => ({ ...p, latencyMs: 0 }));

function setup() {
  const clock = new ManualClock(1_000_000);
  const market = new SimulatedMarket({ profiles: PROFILES, instruments: [XYZ], clock, random: new SeededRandom(1) });
  const journal = new MemoryJournal();
  const core = createTradingCore({ account: 'BENCH', baseCurrency: 'USD', clock, journal, instruments: [XYZ], venues: market.venues, capital: 1e12 });
  const sor = new SmartOrderRouter({ oms: core.oms, venues: market, clock, instrument: core.instrument, maxMessagesPerSecond: Number.MAX_SAFE_INTEGER });
  const quote = (): Quote => ({ symbol: 'XYZ', time: clock.now(), bid: 99.99, ask: 100.01, bidSize: 1e6, askSize: 1e6, last: 100, volume: 0 });
  const refresh = (): void => {
    const q = quote();
    core.oms.onQuote(q);
    market.onQuote(q);
  };
  refresh();
  return { clock, market, core, sor, journal, refresh };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1_000;
};

/** Rate of `fn` (operations per wall second) and per CPU-second of this process, which a busy machine moves less. */
function rates(fn: () => number, minMs: number): { wall: number; cpu: number } {
  const cpu0 = cpuMs();
  let operations = 0;
  const wall = measureRate(() => {
    const n = fn();
    operations += n;
    return n;
  }, minMs);
  return { wall, cpu: (operations / (cpuMs() - cpu0)) * 1_000 };
}

function decisionsPerSecond(views: readonly VenueView[], quick: boolean): { smart: { wall: number; cpu: number }; direct: { wall: number; cpu: number } } {
  const { core } = setup();
  let n = 0;
  const smart = rates(() => {
    for (let i = 0; i < 1_000; i++, n++) {
      const buy = (n & 1) === 0;
      planRoute({ side: buy ? 'BUY' : 'SELL', quantity: 100 + (n % 3_000), limitPrice: n % 3 === 0 ? null : buy ? 100.02 : 99.98, mayRest: n % 2 === 0, tickSize: 0.01, lotSize: 1 }, views, () => false, () => undefined);
    }
    return 1_000;
  }, quick ? 100 : 2_000);
  const direct = rates(() => {
    for (let i = 0; i < 1_000; i++) core.router.routeNew('XYZ');
    return 1_000;
  }, quick ? 100 : 2_000);
  return { smart, direct };
}

/** Per-order time (µs) of submit + group commit + venue for `count` orders of each path, alternated so load hits both alike. */
function orderLatency(count: number): { direct: Float64Array; smart: Float64Array; directCpuUs: number; smartCpuUs: number } {
  const { core, sor, refresh } = setup();
  const direct = new Float64Array(count);
  const smart = new Float64Array(count);
  const request = (i: number): OrderRequest => ({ symbol: 'XYZ', side: i % 2 === 0 ? 'BUY' : 'SELL', type: 'LIMIT', timeInForce: 'IOC', quantity: 100, limitPrice: i % 2 === 0 ? 100.01 : 99.99 });
  const sendDirect = (r: OrderRequest): void => {
    core.oms.submit(r);
    core.oms.flush();
  };
  const sendSmart = (r: OrderRequest): void => {
    sor.smart({ symbol: r.symbol, side: r.side, quantity: r.quantity, limitPrice: r.limitPrice ?? null, ioc: true });
    core.oms.flush();
  };
  for (let i = 0; i < count; i++) {
    if (i % 500 === 0) refresh();
    const r = request(i);
    let t = process.hrtime.bigint();
    sendDirect(r);
    direct[i] = Number(process.hrtime.bigint() - t) / 1_000;
    t = process.hrtime.bigint();
    sendSmart(r);
    smart[i] = Number(process.hrtime.bigint() - t) / 1_000;
  }
  // CPU per order: each path alone over a loop, process CPU time before and after (not around each order).
  const cpuPerOrder = (send: (r: OrderRequest) => void): number => {
    const c = cpuMs();
    for (let i = 0; i < count; i++) {
      if (i % 500 === 0) refresh();
      send(request(i));
    }
    return ((cpuMs() - c) * 1_000) / count;
  };
  const directCpuUs = cpuPerOrder(sendDirect);
  const smartCpuUs = cpuPerOrder(sendSmart);
  return { direct: direct.sort(), smart: smart.sort(), directCpuUs, smartCpuUs };
}

export const executionSuite: BenchSuite = {
  name: SUITE,
  summary: 'smart routing decisions/s over 5 venues, and the latency SMART adds to an order beside a direct one',
  async run({ quick, progress }): Promise<BenchFigure[]> {
    const { market } = setup();
    const views = market.views('XYZ');
    progress('routing decisions over 5 venues');
    const rate = decisionsPerSecond(views, quick);
    progress('order latency, direct and SMART');
    orderLatency(quick ? 200 : 5_000); // warm-up
    const { direct, smart, directCpuUs, smartCpuUs } = orderLatency(quick ? 500 : 50_000);
    const d50 = percentile(direct, 50);
    const d99 = percentile(direct, 99);
    const s50 = percentile(smart, 50);
    const s99 = percentile(smart, 99);
    return [
      { suite: SUITE, name: 'SOR routing decisions over 5 venues × 5 levels (one core)', value: rate.smart.wall, unit: 'decisions/s', peer: 'direct route lookup (router.routeNew)', peerValue: rate.direct.wall, ratio: rate.smart.wall / rate.direct.wall },
      { suite: SUITE, name: 'the same per CPU-second of this process (what a busy machine moves less)', value: rate.smart.cpu, unit: 'decisions/CPU-s', peer: 'direct route lookup', peerValue: rate.direct.cpu, ratio: rate.smart.cpu / rate.direct.cpu },
      { suite: SUITE, name: 'direct order: submit→risk→journal→venue fill (IOC, memory journal)', value: d50, unit: 'µs', p50: d50, p99: d99 },
      { suite: SUITE, name: 'SMART order: plan + child submit→risk→journal→venue fill (same orders)', value: s50, unit: 'µs', p50: s50, p99: s99, peer: 'direct order', peerValue: d50, ratio: d50 / s50 },
      { suite: SUITE, name: 'added latency of SMART over direct (p50 and p99 differences)', value: s50 - d50, unit: 'µs', p50: s50 - d50, p99: s99 - d99 },
      { suite: SUITE, name: 'CPU per order, SMART (process CPU time over a loop of SMART orders alone, mean)', value: smartCpuUs, unit: 'µs', peer: 'direct order', peerValue: directCpuUs, ratio: directCpuUs / smartCpuUs },
    ];
  },
};
