// The backtest driver: replays bars of many symbols in time order through the very trading node the workstation
// trades on (order state table, pre-trade risk, matching engine, fill model), on a simulated clock and a memory journal.
import { SeededRandom } from '../model/clock';
import type { Fill } from '../model/fill';
import type { Quote } from '../model/marketData';
import { err, ok, type Result } from '../model/result';
import { SimulatedScheduler } from '../model/scheduler';
import { MemoryJournal } from '../trading/journal';
import { SimulatedVenue } from '../trading/simulatedVenue';
import { TradingNode } from '../trading/tradingNode';
import { StrategyFailure, StrategyHost } from '../strategy/strategyHost';
import type { ParamValues, StrategyDefinition } from '../strategy/strategy';
import type { BacktestConfig, BacktestError, BacktestHooks, BacktestResult, BacktestSeries } from './backtestTypes';
import { buildTimeline, validateSeries, type Timeline } from './barTimeline';
import { roundTripsOf } from './roundTrips';
import { DailyEquityRecorder } from './dailyEquity';

export const BACKTEST_ACCOUNT = 'BACKTEST';
/** Liquidity offered by a bar with no volume (index data) or with the cap off: effectively unlimited. */
const UNCAPPED = 1e15;

export function runBacktest(
  series: readonly BacktestSeries[],
  definition: StrategyDefinition,
  params: ParamValues,
  config: BacktestConfig,
  hooks: BacktestHooks = {},
): Result<BacktestResult, BacktestError> {
  const invalid = validateSeries(series);
  if (invalid) return err(invalid);
  const timeline = buildTimeline(series);
  if (timeline.times.length === 0) return err({ code: 'NO_BARS', detail: 'no bar in the requested range for any symbol' });

  const start = timeline.times[0] as number;
  const scheduler = new SimulatedScheduler(start);
  const instruments = series.map((s) => s.instrument);
  const venue = new SimulatedVenue({
    name: 'BACKTEST',
    instruments,
    clock: scheduler,
    random: new SeededRandom(config.seed),
    fillModel: { latencyMs: 0, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1, slippageBps: config.slippageBps },
    depth: { levels: 1, levelSpacingTicks: 1, sizeDecay: 1 },
    commission: config.commission,
  });
  const node = new TradingNode({
    account: BACKTEST_ACCOUNT,
    baseCurrency: config.baseCurrency,
    clock: scheduler,
    scheduler,
    journal: new MemoryJournal(),
    instruments,
    simulatedVenue: venue,
    venues: [venue],
    limits: config.limits,
    capital: config.initialCash,
    accountUtcOffsetMinutes: config.accountUtcOffsetMinutes,
    venuePollMs: null,
    timeoutCheckMs: null,
    commission: config.commission,
  });
  const fills: Fill[] = [];
  node.core.oms.subscribe((event) => {
    if (event.kind === 'FILL') fills.push(event.fill);
  });
  const symbols = series.map((s) => s.instrument.symbol);
  try {
    const host = new StrategyHost({ node, scheduler, definition, params, symbols, initialCash: config.initialCash });
    const recorder = new DailyEquityRecorder(host.portfolio, () => node.core.positions.positions(), (symbol) => node.core.instrument(symbol), node.core.fx);
    node.core.oms.subscribe((event) => {
      if (event.kind === 'FILL') recorder.traded(event.fill);
    });
    node.start();
    host.start();
    const replay = replayBars(timeline, series, config, { node, venue, host, scheduler, recorder }, hooks);
    if (!replay.ok) return replay;
    host.stop();
    node.stop();
    const positions = node.core.positions
      .positions()
      .filter((p) => p.quantity !== 0)
      .map((p) => ({ symbol: p.symbol, quantity: p.quantity, averageCost: p.averageCost, mark: p.markPrice ?? NaN }));
    const multiplierOf = (symbol: string) => node.core.instrument(symbol)?.multiplier ?? 1;
    const toBase = (amount: number, symbol: string) => node.core.fx.convert(amount, node.core.instrument(symbol)?.currency ?? config.baseCurrency) ?? NaN;
    return ok({
      params,
      symbols,
      from: start,
      to: timeline.times[timeline.times.length - 1] as number,
      barCount: timeline.barCount,
      finalEquity: host.portfolio.equity(),
      orders: node.core.oms.orders().map((o) => Object.freeze({ ...o })),
      fills,
      trades: roundTripsOf(fills, multiplierOf, toBase),
      denials: host.denials,
      equity: recorder.result(),
      positions,
    });
  } catch (error) {
    if (error instanceof StrategyFailure) return err({ code: 'STRATEGY_THREW', callback: error.callback, message: error.strategyMessage, stack: error.strategyStack });
    throw error;
  }
}

interface Machinery {
  readonly node: TradingNode;
  readonly venue: SimulatedVenue;
  readonly host: StrategyHost;
  readonly scheduler: SimulatedScheduler;
  readonly recorder: DailyEquityRecorder;
}

/**
 * Per bar time T: the previous group's bars close first (their close, then the strategy), then timers due by T run,
 * then this group's bars open (the open trades, then cash orders sized at it; the high and low are walked only where orders
 * work). In `next-open` mode the market is shut between a close and the next open, so orders placed at a close wait.
 */
function replayBars(timeline: Timeline, series: readonly BacktestSeries[], config: BacktestConfig, m: Machinery, hooks: BacktestHooks): Result<void, BacktestError> {
  const { node, venue, host, scheduler, recorder } = m;
  const { times, groupStart, groupSeries, groupIndex } = timeline;
  const quote = makeQuoteWriter(config);
  const every = Math.max(1, hooks.progressEvery ?? 50_000);
  let barsDone = 0;
  let nextReport = every;
  const closeGroup = (g: number, closeTime: number): void => {
    scheduler.advanceTo(closeTime);
    for (let k = groupStart[g] as number; k < (groupStart[g + 1] as number); k++) {
      const s = series[groupSeries[k] as number] as BacktestSeries;
      const i = groupIndex[k] as number;
      node.onQuote(quote(s, closeTime, s.bars.close[i] as number, i), false);
      if (config.fill === 'next-open') venue.onQuote(quote(s, closeTime, s.bars.close[i] as number, i, true));
    }
    for (let k = groupStart[g] as number; k < (groupStart[g + 1] as number); k++) {
      const s = series[groupSeries[k] as number] as BacktestSeries;
      const i = groupIndex[k] as number;
      const b = s.bars;
      host.onBar({ symbol: s.instrument.symbol, time: b.time[i] as number, open: b.open[i] as number, high: b.high[i] as number, low: b.low[i] as number, close: b.close[i] as number, volume: b.volume[i] as number });
    }
    host.onBarsClosed(closeTime);
    recorder.record(times[g] as number);
  };
  for (let g = 0; g < times.length; g++) {
    const t = times[g] as number;
    if (g > 0) closeGroup(g - 1, Math.min((times[g - 1] as number) + config.timeframeMs, t));
    scheduler.advanceTo(t);
    for (let k = groupStart[g] as number; k < (groupStart[g + 1] as number); k++) {
      const s = series[groupSeries[k] as number] as BacktestSeries;
      const i = groupIndex[k] as number;
      const symbol = s.instrument.symbol;
      const b = s.bars;
      node.onQuote(quote(s, t, b.open[i] as number, i));
      // Cash orders are sized at the open and trade against it, whatever the fill timing.
      if (host.hasCashOrders(symbol)) host.releaseCashOrders(symbol, b.open[i] as number);
      if (venue.hasWorkingOrders(symbol)) {
        // The path inside the bar: toward the nearer extreme first.
        const open = b.open[i] as number;
        const high = b.high[i] as number;
        const low = b.low[i] as number;
        const first = high - open <= open - low ? high : low;
        venue.onQuote(quote(s, t, first, i), false);
        venue.onQuote(quote(s, t, first === high ? low : high, i), false);
      }
    }
    node.flush();
    barsDone += (groupStart[g + 1] as number) - (groupStart[g] as number);
    if (barsDone >= nextReport) {
      nextReport = barsDone + every;
      if (hooks.isCancelled?.()) return err({ code: 'BACKTEST_CANCELLED', barsDone });
      hooks.onProgress?.({ barsDone, barsTotal: timeline.barCount, time: t });
    }
  }
  closeGroup(times.length - 1, (times[times.length - 1] as number) + config.timeframeMs);
  hooks.onProgress?.({ barsDone: timeline.barCount, barsTotal: timeline.barCount, time: times[times.length - 1] as number });
  return ok(undefined);
}

/** A quote at one price of a bar: bid = ask = price, sized by the bar's volume cap; `shut` offers nothing. */
function makeQuoteWriter(config: BacktestConfig) {
  return (s: BacktestSeries, time: number, price: number, i: number, shut = false): Quote => {
    const volume = s.bars.volume[i] as number;
    const capped = config.maxVolumeShare > 0 && volume > 0;
    const lot = s.instrument.lotSize;
    const size = shut ? 0 : capped ? Math.floor((volume * config.maxVolumeShare) / lot + 1e-9) * lot : UNCAPPED;
    return { symbol: s.instrument.symbol, time, bid: price, ask: price, bidSize: size, askSize: size, last: price, volume };
  };
}
