// Synthetic price history (daily and 1-minute bars) from the same factor model and seed-derived parameters as the live feed.
import { SeededRandom, type EpochMs } from '../model/clock';
import type { BarColumns } from '../model/marketData';
import { FactorModel, DEFAULT_FACTOR_MODEL, type FactorModelConfig } from './factorModel';
import { FX_PAIRS, FxRates, type FxPairSpec } from './fxRates';
import { intradayVolumeProfile, tickGrid } from './microstructure';
import { sessionCloseTime, sessionMinuteTime, tradingDaysEnding } from './sessionCalendar';
import { SESSION_MINUTES, TRADING_DAYS_PER_YEAR, createUniverse, deriveSeed, type SyntheticInstrument } from './universe';

/** Share of a day's variance that arrives overnight (the gap between close and next open). */
export const OVERNIGHT_VARIANCE_SHARE = 0.2;

export interface SyntheticHistoryOptions {
  readonly seed: number;
  /** Years of daily bars (252 weekdays each). Default 10. */
  readonly years?: number;
  /** Trailing sessions that also get 1-minute bars. Default 30. */
  readonly minuteDays?: number;
  /** Any time on (or after) the last session date; weekends roll back to Friday. Injected: core has no clock. */
  readonly endTime: EpochMs;
  readonly instruments?: readonly SyntheticInstrument[];
  readonly fxPairs?: readonly FxPairSpec[];
  readonly model?: FactorModelConfig;
  /** Called after each simulated session with (sessions done, sessions total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SeriesHistory {
  readonly symbol: string;
  readonly daily: BarColumns;
  /** Empty for FX pairs, which get daily bars only. */
  readonly minute: BarColumns;
}

export interface SyntheticHistory {
  readonly instruments: readonly SyntheticInstrument[];
  readonly fxPairs: readonly FxPairSpec[];
  /** Equities first (universe order), then FX pairs. */
  readonly series: readonly SeriesHistory[];
  /** Session dates (UTC midnight), ascending. */
  readonly sessions: Float64Array;
  /** Last close of every series: where the live feed starts. */
  readonly lastClose: Readonly<Record<string, number>>;
  /** UTC time of the last session's close (the latest exchange): when the live feed may start. */
  readonly endOfHistory: EpochMs;
  /** The volatility regime at the end, so the live feed can continue in the same regime. */
  readonly finalVolatilityMultiplier: number;
}

interface MutableColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

function allocate(length: number): MutableColumns {
  return {
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/**
 * Simulates the whole universe jointly (so cross-sectional correlation is real), in log prices,
 * then rescales each path so its last close equals the instrument's reference price and rounds to
 * tick. Sessions before the minute window take one overnight and one intraday step; sessions in
 * the window take an overnight step and 390 one-minute steps, and their daily bar is the exact
 * aggregate of the (rounded) minute bars.
 */
export function generateSyntheticHistory(options: SyntheticHistoryOptions): SyntheticHistory {
  const instruments = options.instruments ?? createUniverse(options.seed);
  const fxPairs = options.fxPairs ?? FX_PAIRS;
  const totalDays = Math.max(1, Math.round((options.years ?? 10) * TRADING_DAYS_PER_YEAR));
  const minuteDays = Math.min(totalDays, Math.max(0, Math.floor(options.minuteDays ?? 30)));
  const firstMinuteDay = totalDays - minuteDays;
  const sessions = tradingDaysEnding(options.endTime, totalDays);
  const random = new SeededRandom(deriveSeed(options.seed, 'history'));
  const model = new FactorModel(instruments, random, options.model ?? DEFAULT_FACTOR_MODEL);
  const fx = new FxRates(fxPairs, random);
  const n = instruments.length;
  const daily = instruments.map(() => allocate(totalDays));
  const minute = instruments.map(() => allocate(minuteDays * SESSION_MINUTES));
  const fxDaily = fxPairs.map(() => allocate(totalDays));
  const profile = intradayVolumeProfile(SESSION_MINUTES);
  const logPrice = new Float64Array(n);
  const returns = new Float64Array(n);
  const totalVol = Float64Array.from(instruments, (_, i) => model.totalVol(i));
  const overnightDt = OVERNIGHT_VARIANCE_SHARE / TRADING_DAYS_PER_YEAR;
  const dayDt = (1 - OVERNIGHT_VARIANCE_SHARE) / TRADING_DAYS_PER_YEAR;
  const minuteDt = dayDt / SESSION_MINUTES;

  for (let d = 0; d < totalDays; d++) {
    const sessionDate = sessions[d] as number;
    model.step(overnightDt, returns);
    for (let i = 0; i < n; i++) logPrice[i] = (logPrice[i] as number) + (returns[i] as number);
    if (d < firstMinuteDay) {
      const open = Float64Array.from(logPrice);
      model.step(dayDt, returns);
      const v = model.volatilityMultiplier;
      for (let i = 0; i < n; i++) {
        const bars = daily[i] as MutableColumns;
        const instrument = instruments[i] as SyntheticInstrument;
        const o = open[i] as number;
        const c = o + (returns[i] as number);
        const sigma = v * (totalVol[i] as number) * Math.sqrt(dayDt);
        bars.time[d] = sessionDate;
        bars.open[d] = o;
        bars.close[d] = c;
        bars.high[d] = Math.max(o, c) + 0.6 * sigma * Math.abs(random.normal());
        bars.low[d] = Math.min(o, c) - 0.6 * sigma * Math.abs(random.normal());
        bars.volume[d] = instrument.averageDailyVolume * Math.exp(0.25 * random.normal() - 0.03) * v ** 0.8;
        logPrice[i] = c;
      }
    } else {
      const base = (d - firstMinuteDay) * SESSION_MINUTES;
      for (let m = 0; m < SESSION_MINUTES; m++) {
        const o = Float64Array.from(logPrice);
        model.step(minuteDt, returns);
        const v = model.volatilityMultiplier;
        const share = profile[m] as number;
        for (let i = 0; i < n; i++) {
          const bars = minute[i] as MutableColumns;
          const instrument = instruments[i] as SyntheticInstrument;
          const open = o[i] as number;
          const c = open + (returns[i] as number);
          const sigma = v * (totalVol[i] as number) * Math.sqrt(minuteDt);
          const k = base + m;
          bars.time[k] = sessionMinuteTime(sessionDate, m, instrument.utcOffsetMinutes);
          bars.open[k] = open;
          bars.close[k] = c;
          bars.high[k] = Math.max(open, c) + 0.5 * sigma * Math.abs(random.normal());
          bars.low[k] = Math.min(open, c) - 0.5 * sigma * Math.abs(random.normal());
          bars.volume[k] = instrument.averageDailyVolume * share * Math.exp(0.4 * random.normal() - 0.08) * v;
          logPrice[i] = c;
        }
      }
      for (let i = 0; i < n; i++) (daily[i] as MutableColumns).time[d] = sessionDate;
    }
    fx.step(1 / TRADING_DAYS_PER_YEAR, model.volatilityMultiplier);
    fxPairs.forEach((pair, p) => {
      const bars = fxDaily[p] as MutableColumns;
      const close = Math.log(fx.rate(pair.symbol) as number);
      const open = d === 0 ? close : (bars.close[d - 1] as number);
      const sigma = pair.annualVol / Math.sqrt(TRADING_DAYS_PER_YEAR);
      bars.time[d] = sessionDate;
      bars.open[d] = open;
      bars.close[d] = close;
      bars.high[d] = Math.max(open, close) + 0.5 * sigma * Math.abs(random.normal());
      bars.low[d] = Math.min(open, close) - 0.5 * sigma * Math.abs(random.normal());
      bars.volume[d] = 0;
    });
    options.onProgress?.(d + 1, totalDays);
  }

  const lastClose: Record<string, number> = {};
  const series: SeriesHistory[] = [];
  let endOfHistory = sessions[totalDays - 1] as number;
  instruments.forEach((instrument, i) => {
    const bars = daily[i] as MutableColumns;
    const minuteBars = minute[i] as MutableColumns;
    const shift = Math.log(instrument.referencePrice) - (logPrice[i] as number);
    const grid = tickGrid(instrument.tickSize);
    finishPrices(minuteBars, 0, minuteBars.time.length, shift, grid.round, instrument.tickSize, instrument.lotSize);
    finishPrices(bars, 0, firstMinuteDay, shift, grid.round, instrument.tickSize, instrument.lotSize);
    for (let d = firstMinuteDay; d < totalDays; d++) aggregateSession(minuteBars, (d - firstMinuteDay) * SESSION_MINUTES, bars, d);
    lastClose[instrument.symbol] = bars.close[totalDays - 1] as number;
    endOfHistory = Math.max(endOfHistory, sessionCloseTime(sessions[totalDays - 1] as number, instrument.utcOffsetMinutes));
    series.push({ symbol: instrument.symbol, daily: bars, minute: minuteBars });
  });
  fxPairs.forEach((pair, p) => {
    const bars = fxDaily[p] as MutableColumns;
    const shift = Math.log(pair.referenceRate) - (bars.close[totalDays - 1] as number);
    finishPrices(bars, 0, totalDays, shift, tickGrid(pair.tickSize).round, pair.tickSize, 1);
    lastClose[pair.symbol] = bars.close[totalDays - 1] as number;
    series.push({ symbol: pair.symbol, daily: bars, minute: allocate(0) });
  });
  return {
    instruments,
    fxPairs,
    series,
    sessions,
    lastClose,
    endOfHistory,
    finalVolatilityMultiplier: model.volatilityMultiplier,
  };
}

/** Log prices → prices anchored by `shift`, on the tick grid, with low ≤ open, close ≤ high restored after rounding. */
function finishPrices(
  bars: MutableColumns,
  from: number,
  to: number,
  shift: number,
  round: (price: number) => number,
  tick: number,
  lot: number,
): void {
  for (let k = from; k < to; k++) {
    const open = Math.max(tick, round(Math.exp((bars.open[k] as number) + shift)));
    const close = Math.max(tick, round(Math.exp((bars.close[k] as number) + shift)));
    const high = round(Math.exp((bars.high[k] as number) + shift));
    const low = round(Math.exp((bars.low[k] as number) + shift));
    bars.open[k] = open;
    bars.close[k] = close;
    bars.high[k] = Math.max(high, open, close);
    bars.low[k] = Math.max(tick, Math.min(low, open, close));
    bars.volume[k] = Math.max(0, Math.round((bars.volume[k] as number) / lot) * lot);
  }
}

/** Daily bar `d` := the session's 390 minute bars starting at `start`. */
function aggregateSession(minute: MutableColumns, start: number, daily: MutableColumns, d: number): void {
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (let k = start; k < start + SESSION_MINUTES; k++) {
    high = Math.max(high, minute.high[k] as number);
    low = Math.min(low, minute.low[k] as number);
    volume += minute.volume[k] as number;
  }
  daily.open[d] = minute.open[start] as number;
  daily.close[d] = minute.close[start + SESSION_MINUTES - 1] as number;
  daily.high[d] = high;
  daily.low[d] = low;
  daily.volume[d] = volume;
}
