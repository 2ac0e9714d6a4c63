// Fills an empty market store with the synthetic venue's history, and reports where the live feed should continue.
import type { EpochMs } from '../../../core/model/clock';
import { err, ok, type Result } from '../../../core/model/result';
import { fxInstrument, generateSyntheticHistory, utcDayStart, DAY_MS, isWeekday } from '../../../core/market';
import type { MarketStore } from './marketStore';
import type { StoredInstrument } from './marketWriter';

export interface SeedProgress {
  readonly phase: 'generate' | 'write' | 'resample';
  readonly done: number;
  readonly total: number;
}

export interface SeedOptions {
  readonly seed: number;
  readonly years?: number;
  readonly minuteDays?: number;
  /** Last session date of the history. Default: the last weekday strictly before today (UTC). */
  readonly endTime?: EpochMs;
  /** Also store 5m, 15m and 1h bars resampled (in SQL) from the 1m bars. Default true. */
  readonly resample?: boolean;
  readonly progress?: (progress: SeedProgress) => void;
}

export interface SeedReport {
  readonly symbols: number;
  readonly dailyBars: number;
  readonly minuteBars: number;
  readonly resampledBars: number;
  /** Last stored close per symbol: pass as `lastPrices` to SyntheticFeed. */
  readonly lastClose: Readonly<Record<string, number>>;
  /** Close of the last session: the live feed's start time. */
  readonly endOfHistory: EpochMs;
  readonly finalVolatilityMultiplier: number;
  readonly durationMs: number;
}

export type SeedError = { readonly code: 'STORE_NOT_EMPTY'; readonly bars: number };

export function defaultHistoryEnd(now: EpochMs): EpochMs {
  let day = utcDayStart(now) - DAY_MS;
  while (!isWeekday(day)) day -= DAY_MS;
  return day;
}

/** Generates the synthetic history for the whole universe and writes it in one transaction. */
export async function seedSyntheticHistory(store: MarketStore, options: SeedOptions): Promise<Result<SeedReport, SeedError>> {
  const started = performance.now();
  const existing = await store.countBarsNotFetched();
  if (existing > 0) return err({ code: 'STORE_NOT_EMPTY', bars: existing });
  const progress = options.progress ?? (() => undefined);
  const history = generateSyntheticHistory({
    seed: options.seed,
    years: options.years,
    minuteDays: options.minuteDays,
    endTime: options.endTime ?? defaultHistoryEnd(Date.now()),
    onProgress: (done, total) => {
      if (done === total || done % 50 === 0) progress({ phase: 'generate', done, total });
    },
  });
  const instruments: StoredInstrument[] = [
    ...history.instruments.map((i) => ({
      symbol: i.symbol,
      name: i.name,
      assetClass: i.assetClass,
      currency: i.currency,
      exchange: i.exchange,
      sector: i.sector,
      tickSize: i.tickSize,
      lotSize: i.lotSize,
      multiplier: i.multiplier,
      utcOffsetMinutes: i.utcOffsetMinutes,
    })),
    ...history.fxPairs.map((pair) => ({ ...fxInstrument(pair), utcOffsetMinutes: 0 })),
  ];
  let dailyBars = 0;
  let minuteBars = 0;
  await store.write(async (writer) => {
    await writer.upsertInstruments(instruments);
    const total = history.series.length;
    // One call per timeframe: one key check over the store for every series, not one per series.
    dailyBars = await writer.writeBarBatches(
      history.series.map((s) => ({ symbol: s.symbol, timeframe: '1D' as const, bars: s.daily })),
      'append',
    );
    let done = 0;
    minuteBars = await writer.writeBarBatches(
      history.series.map((s) => ({ symbol: s.symbol, timeframe: '1m' as const, bars: s.minute })),
      'append',
      () => progress({ phase: 'write', done: ++done, total }), // after each symbol's minute bars, the bulk of the work
    );
  });
  let resampledBars = 0;
  if (options.resample ?? true) {
    const targets = ['5m', '15m', '1h'] as const;
    for (const [i, target] of targets.entries()) {
      const written = await store.materializeResampled('1m', target);
      if (written.ok) resampledBars += written.value;
      progress({ phase: 'resample', done: i + 1, total: targets.length });
    }
  }
  return ok({
    symbols: history.series.length,
    dailyBars,
    minuteBars,
    resampledBars,
    lastClose: history.lastClose,
    endOfHistory: history.endOfHistory,
    finalVolatilityMultiplier: history.finalVolatilityMultiplier,
    durationMs: performance.now() - started,
  });
}
