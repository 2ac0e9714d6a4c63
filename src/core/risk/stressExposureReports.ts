// Stress and exposure reports for a book input: the plain-data results the engine returns and the CLI prints.
import { ok, type Result } from '../model/result';
import { bookExposures, type BookExposures } from './exposures';
import type { RiskInputError } from './riskErrors';
import { DEFAULT_ADV_DAYS, DEFAULT_PARTICIPATION, RISK_CONVENTIONS } from './riskConventions';
import { prepareBook, type RiskBookInput } from './riskInputs';
import { alignCloses, returnWindow, type ReturnWindow } from './scenarioHistory';
import { applyShocks, worstHistoricalWindows, type HistoricalStressWindow, type Shock, type ShockResult } from './stress';

export interface StressOptions {
  readonly horizons: readonly number[];
  readonly top: number;
  readonly shocks: readonly Shock[];
}

export interface StressReport {
  readonly baseCurrency: string;
  readonly value: number;
  readonly gross: number;
  /** First and last date of the common history the windows were drawn from. */
  readonly historyFrom: number;
  readonly historyTo: number;
  readonly historical: readonly HistoricalStressWindow[];
  readonly shocks: ShockResult | null;
  readonly conventions: string;
}

export function stressReport(input: RiskBookInput, options: StressOptions): Result<StressReport, RiskInputError> {
  const prepared = prepareBook(input);
  if (!prepared.ok) return prepared;
  const { book, aligned } = prepared.value;
  return ok({
    baseCurrency: book.baseCurrency,
    value: book.net,
    gross: book.gross,
    historyFrom: aligned.times[0] ?? NaN,
    historyTo: aligned.times[aligned.days - 1] ?? NaN,
    historical: options.horizons.flatMap((h) => worstHistoricalWindows(book, aligned, h, options.top)),
    shocks: options.shocks.length > 0 ? applyShocks(book, 'user shocks', options.shocks) : null,
    conventions: [RISK_CONVENTIONS.valuation, RISK_CONVENTIONS.stress].join(' '),
  });
}

export interface ExposureRequestOptions {
  readonly benchmark?: string;
  /** Returns for the beta. */
  readonly window: number;
  readonly participation?: number;
  readonly advDays?: number;
}

export type ExposureReport = BookExposures & { readonly conventions: string };

export function exposureReport(input: RiskBookInput, options: ExposureRequestOptions): Result<ExposureReport, RiskInputError> {
  const prepared = prepareBook(input);
  if (!prepared.ok) return prepared;
  const { book, series } = prepared.value;
  let beta: { benchmark: string; window: ReturnWindow } | undefined;
  if (options.benchmark) {
    const bench = input.closes.find((c) => c.symbol === options.benchmark);
    if (!bench || bench.close.length === 0) return { ok: false, error: { code: 'UNKNOWN_SYMBOL', symbol: options.benchmark } };
    const withBench = series.some((s) => s.symbol === bench.symbol) ? series : [...series, bench];
    const aligned = alignCloses(withBench);
    if (!aligned.ok) return aligned;
    const w = returnWindow(aligned.value, Math.min(options.window, aligned.value.days - 1), withBench);
    if (!w.ok) return w;
    beta = { benchmark: bench.symbol, window: w.value };
  }
  const volumes = new Map(series.filter((s) => s.volume).map((s) => [s.symbol, s.volume!]));
  const exposures = bookExposures(book, {
    ...(beta ? { beta } : {}),
    volumes,
    participation: options.participation ?? DEFAULT_PARTICIPATION,
    advDays: options.advDays ?? DEFAULT_ADV_DAYS,
  });
  return ok({ ...exposures, conventions: [RISK_CONVENTIONS.valuation, RISK_CONVENTIONS.exposures, RISK_CONVENTIONS.liquidity].join(' ') });
}
