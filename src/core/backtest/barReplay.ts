// The data-driving half of a backtest: bars of many symbols turned into quotes, bar events and closes in time order,
// pushed into a trading node, its simulated venue and a strategy host. A generator, so each driver decides what
// happens between data events: the backtest flushes synchronously, the live path lets the event loop run its
// scheduled group commit. Both drivers replay through this one function, so parity holds by construction.
import type { Quote } from '../model/marketData';
import type { SimulatedScheduler } from '../model/scheduler';
import type { SimulatedVenue } from '../trading/simulatedVenue';
import type { TradingNode } from '../trading/tradingNode';
import type { StrategyHost } from '../strategy/strategyHost';
import type { BacktestConfig, BacktestProgress, BacktestSeries } from './backtestTypes';
import type { Timeline } from './barTimeline';

/** Liquidity offered by a bar with no volume (index data) or with the cap off: effectively unlimited. */
const UNCAPPED = 1e15;

export interface ReplayMachinery {
  readonly node: TradingNode;
  readonly venue: SimulatedVenue;
  readonly host: StrategyHost;
  readonly scheduler: SimulatedScheduler;
  /** After each group's close, with the group's bar time (daily equity). */
  readonly afterClose?: (barTime: number) => void;
}

/** What the replay pauses on: a group of bars opened or closed (the driver settles the node), or progress. */
export type ReplayStep = { readonly kind: 'OPENED' | 'CLOSED'; readonly time: number } | { readonly kind: 'PROGRESS'; readonly progress: BacktestProgress };

/**
 * Per bar time T: the previous group's bars close first (timers due inside the bar, their close, timers due at the
 * close — an algorithm's slice, the session's end — then the strategy), then timers due by T run, then this group's
 * bars open (the open trades, then cash orders sized at it; the high and low are walked only where orders work). In
 * `next-open` mode the market is shut between a close and the next open, so orders placed at a close wait.
 * Yields after each open and each close (the driver settles the node there) and every `progressEvery` bars.
 */
export function* replayBars(timeline: Timeline, series: readonly BacktestSeries[], config: BacktestConfig, m: ReplayMachinery, progressEvery?: number): Generator<ReplayStep, void, void> {
  const { node, venue, host, scheduler } = m;
  const { times, groupStart, groupSeries, groupIndex } = timeline;
  const quote = new QuoteWriter(config);
  // By default about a hundred reports a run (so a short run shows progress and can be cancelled), at most one every 500 bars.
  const every = Math.max(1, progressEvery ?? Math.max(500, Math.ceil(timeline.barCount / 100)));
  const nextOpen = config.fill === 'next-open';
  let barsDone = 0;
  let nextReport = every;
  const closeGroup = (g: number, closeTime: number): void => {
    scheduler.advanceBefore(closeTime);
    const end = groupStart[g + 1] as number;
    for (let k = groupStart[g] as number; k < end; k++) {
      const s = series[groupSeries[k] as number] as BacktestSeries;
      const i = groupIndex[k] as number;
      const close = s.bars.close[i] as number;
      if (!nextOpen) node.onQuote(quote.at(s, closeTime, close, i), false);
      else {
        // The market shuts at the close: with nothing working there, the venue would only hold the close until the
        // shut quote replaces it, so it gets its due messages and the shut quote; positions and risk get the close.
        if (venue.hasWorkingOrders(s.instrument.symbol)) node.onQuote(quote.at(s, closeTime, close, i), false);
        else {
          venue.poll();
          node.mark(quote.at(s, closeTime, close, i));
        }
        venue.onQuote(quote.at(s, closeTime, close, i, true));
      }
    }
    scheduler.advanceTo(closeTime);
    for (let k = groupStart[g] as number; k < end; k++) {
      const s = series[groupSeries[k] as number] as BacktestSeries;
      const i = groupIndex[k] as number;
      const b = s.bars;
      host.onBar({ symbol: s.instrument.symbol, time: b.time[i] as number, open: b.open[i] as number, high: b.high[i] as number, low: b.low[i] as number, close: b.close[i] as number, volume: b.volume[i] as number });
    }
    host.onBarsClosed(closeTime);
    m.afterClose?.(times[g] as number);
  };
  for (let g = 0; g < times.length; g++) {
    const t = times[g] as number;
    if (g > 0) {
      closeGroup(g - 1, Math.min((times[g - 1] as number) + config.timeframeMs, t));
      yield { kind: 'CLOSED', time: times[g - 1] as number };
    }
    scheduler.advanceTo(t);
    const end = groupStart[g + 1] as number;
    for (let k = groupStart[g] as number; k < end; k++) {
      const s = series[groupSeries[k] as number] as BacktestSeries;
      const i = groupIndex[k] as number;
      const symbol = s.instrument.symbol;
      const b = s.bars;
      const open = b.open[i] as number;
      node.onQuote(quote.at(s, t, open, i));
      // Cash orders are sized at the open and trade against it, whatever the fill timing.
      if (host.hasCashOrders(symbol)) host.releaseCashOrders(symbol, open);
      if (venue.hasWorkingOrders(symbol)) {
        // The path inside the bar: toward the nearer extreme first.
        const high = b.high[i] as number;
        const low = b.low[i] as number;
        const first = high - open <= open - low ? high : low;
        venue.onQuote(quote.at(s, t, first, i), false);
        venue.onQuote(quote.at(s, t, first === high ? low : high, i), false);
      }
    }
    yield { kind: 'OPENED', time: t };
    barsDone += end - (groupStart[g] as number);
    if (barsDone >= nextReport) {
      nextReport = barsDone + every;
      yield { kind: 'PROGRESS', progress: { barsDone, barsTotal: timeline.barCount, time: t } };
    }
  }
  const last = times[times.length - 1] as number;
  closeGroup(times.length - 1, last + config.timeframeMs);
  yield { kind: 'CLOSED', time: last };
  yield { kind: 'PROGRESS', progress: { barsDone: timeline.barCount, barsTotal: timeline.barCount, time: last } };
}

/** A quote at one price of a bar: bid = ask = price, sized by the bar's volume cap; `shut` offers nothing. */
class QuoteWriter {
  constructor(private readonly config: BacktestConfig) {}

  at(s: BacktestSeries, time: number, price: number, i: number, shut = false): Quote {
    const volume = s.bars.volume[i] as number;
    const capped = this.config.maxVolumeShare > 0 && volume > 0;
    const lot = s.instrument.lotSize;
    const size = shut ? 0 : capped ? Math.floor((volume * this.config.maxVolumeShare) / lot + 1e-9) * lot : UNCAPPED;
    return { symbol: s.instrument.symbol, time, bid: price, ask: price, bidSize: size, askSize: size, last: price, volume };
  }
}
