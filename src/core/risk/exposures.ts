// Exposures of a valued book: by symbol, sector, industry and currency; gross/net/long/short; beta to a benchmark; days to liquidate.
import type { ValuedBook, ValuedPosition } from './bookValuation';
import { DEFAULT_ADV_DAYS, DEFAULT_PARTICIPATION } from './riskConventions';
import type { ReturnWindow } from './scenarioHistory';

export interface ExposureBucket {
  readonly key: string;
  readonly net: number;
  readonly gross: number;
  readonly long: number;
  readonly short: number;
  readonly positions: number;
}

export interface PositionBeta {
  readonly symbol: string;
  readonly beta: number;
  readonly dollarBeta: number;
}

export interface PositionLiquidity {
  readonly symbol: string;
  readonly quantity: number;
  /** Mean daily volume of the last `advDays` stored days; null without volume history. */
  readonly averageDailyVolume: number | null;
  /** null when the average daily volume is unknown or zero. */
  readonly daysToLiquidate: number | null;
}

export interface BookExposures {
  readonly baseCurrency: string;
  readonly total: ExposureBucket;
  readonly bySymbol: readonly ExposureBucket[];
  readonly bySector: readonly ExposureBucket[];
  readonly byIndustry: readonly ExposureBucket[];
  readonly byCurrency: readonly ExposureBucket[];
  readonly beta?: { readonly benchmark: string; readonly book: number; readonly dollarBeta: number; readonly positions: readonly PositionBeta[] };
  readonly liquidity: { readonly participation: number; readonly advDays: number; readonly positions: readonly PositionLiquidity[]; readonly maxDays: number | null };
}

export interface ExposureOptions {
  /** Returns of the benchmark and of every book symbol over the same dates. */
  readonly beta?: { readonly benchmark: string; readonly window: ReturnWindow };
  /** Daily volumes by symbol, oldest first. */
  readonly volumes?: ReadonlyMap<string, Float64Array>;
  readonly participation?: number;
  readonly advDays?: number;
}

function buckets(positions: readonly ValuedPosition[], keyOf: (p: ValuedPosition) => string): ExposureBucket[] {
  const acc = new Map<string, { net: number; gross: number; long: number; short: number; positions: number }>();
  for (const p of positions) {
    const key = keyOf(p);
    const b = acc.get(key) ?? { net: 0, gross: 0, long: 0, short: 0, positions: 0 };
    b.net += p.value;
    b.gross += Math.abs(p.value);
    if (p.value > 0) b.long += p.value;
    else b.short += p.value;
    b.positions += 1;
    acc.set(key, b);
  }
  return [...acc].map(([key, b]) => ({ key, ...b })).sort((a, b) => b.gross - a.gross || a.key.localeCompare(b.key));
}

function betas(book: ValuedBook, benchmark: string, window: ReturnWindow): BookExposures['beta'] {
  const b = window.symbols.indexOf(benchmark);
  if (b < 0) return undefined;
  const days = window.days;
  const r = window.returns;
  const meanOf = (i: number): number => {
    let s = 0;
    for (let t = 0; t < days; t++) s += r[i * days + t]!;
    return s / days;
  };
  const mb = meanOf(b);
  let varB = 0;
  for (let t = 0; t < days; t++) varB += (r[b * days + t]! - mb) ** 2;
  let dollarBeta = 0;
  const positions = book.positions.map((p) => {
    const i = window.symbols.indexOf(p.symbol);
    const mi = meanOf(i);
    let cov = 0;
    for (let t = 0; t < days; t++) cov += (r[i * days + t]! - mi) * (r[b * days + t]! - mb);
    const beta = varB > 0 ? cov / varB : NaN;
    dollarBeta += p.value * beta;
    return { symbol: p.symbol, beta, dollarBeta: p.value * beta };
  });
  return { benchmark, book: book.net !== 0 ? dollarBeta / book.net : NaN, dollarBeta, positions };
}

export function bookExposures(book: ValuedBook, options: ExposureOptions = {}): BookExposures {
  const participation = options.participation ?? DEFAULT_PARTICIPATION;
  const advDays = options.advDays ?? DEFAULT_ADV_DAYS;
  const liquidity = book.positions.map((p) => {
    const volume = options.volumes?.get(p.symbol);
    const recent = volume?.subarray(Math.max(0, volume.length - advDays));
    const adv = recent && recent.length > 0 ? recent.reduce((s, v) => s + v, 0) / recent.length : null;
    return { symbol: p.symbol, quantity: p.quantity, averageDailyVolume: adv, daysToLiquidate: adv && adv > 0 ? Math.abs(p.quantity) / (participation * adv) : null };
  });
  const known = liquidity.map((l) => l.daysToLiquidate).filter((d): d is number => d !== null);
  const [total] = buckets(book.positions, () => 'TOTAL');
  return {
    baseCurrency: book.baseCurrency,
    total: total ?? { key: 'TOTAL', net: 0, gross: 0, long: 0, short: 0, positions: 0 },
    bySymbol: buckets(book.positions, (p) => p.symbol),
    bySector: buckets(book.positions, (p) => p.sector),
    byIndustry: buckets(book.positions, (p) => p.industry),
    byCurrency: buckets(book.positions, (p) => p.currency),
    ...(options.beta ? { beta: betas(book, options.beta.benchmark, options.beta.window) } : {}),
    liquidity: { participation, advDays, positions: liquidity, maxDays: known.length === liquidity.length && known.length > 0 ? Math.max(...known) : null },
  };
}
