// Point-in-time fundamentals: what was public on a date (filed ≤ as-of), and P/E, P/B, earnings yield derived on that basis.
import type { EpochMs } from '../model/clock';
import type { SplitEvent } from './barSeries';
import type { FundamentalFact } from './fundamentals';

/** Fields offered to the factor engine; each names the facts it comes from. */
export type FundamentalField = 'revenue' | 'netIncome' | 'eps' | 'equity' | 'sharesOutstanding';

/** Concepts per field, in order of preference (`taxonomy:concept`). */
export const FIELD_CONCEPTS: Readonly<Record<FundamentalField, readonly string[]>> = {
  revenue: ['us-gaap:Revenues', 'us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax', 'us-gaap:SalesRevenueNet', 'alphavantage:totalRevenue'],
  netIncome: ['us-gaap:NetIncomeLoss', 'alphavantage:netIncome'],
  eps: ['us-gaap:EarningsPerShareDiluted', 'us-gaap:EarningsPerShareBasic'],
  equity: ['us-gaap:StockholdersEquity', 'us-gaap:StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest'],
  sharesOutstanding: ['dei:EntityCommonStockSharesOutstanding', 'us-gaap:CommonStockSharesOutstanding'],
};

/** Flows (income, EPS) are taken over a fiscal year; balances and share counts at an instant. */
const FLOW: Readonly<Record<FundamentalField, boolean>> = { revenue: true, netIncome: true, eps: true, equity: false, sharesOutstanding: false };

const DAY = 86_400_000;
/** A fiscal year is 52 or 53 weeks: 357–374 days between start and end. */
const isFiscalYear = (f: FundamentalFact): boolean => f.start !== null && f.end - f.start >= 350 * DAY && f.end - f.start <= 380 * DAY;

export interface KnownValue {
  /** As reported, brought to the share basis of the as-of date (splits after its filing applied to per-share and share figures). */
  readonly value: number;
  readonly reported: number;
  readonly periodEnd: EpochMs;
  readonly filed: EpochMs;
  readonly concept: string;
}

/**
 * The latest value of `field` public on `asOf`: among facts filed ≤ asOf, the one for the latest period (fiscal years
 * for flows, instants for balances), and for that period the latest filing (a restatement once public replaces it).
 */
export function knownValue(facts: readonly FundamentalFact[], field: FundamentalField, asOf: EpochMs, splits: readonly SplitEvent[] = []): KnownValue | undefined {
  for (const concept of FIELD_CONCEPTS[field]) {
    let best: FundamentalFact | undefined;
    for (const f of facts) {
      if (`${f.taxonomy}:${f.concept}` !== concept || f.filed > asOf) continue;
      if (FLOW[field] ? !isFiscalYear(f) : f.start !== null) continue;
      if (!best || f.end > best.end || (f.end === best.end && f.filed >= best.filed)) best = f;
    }
    if (best) {
      // A filing states share data on the basis in force when it was filed; later splits (up to asOf) rebase it.
      let ratio = 1;
      for (const split of splits) if (split.time > best.filed && split.time <= asOf) ratio *= split.numerator / split.denominator;
      const value = best.unit === 'shares' ? best.value * ratio : best.unit.endsWith('/shares') ? best.value / ratio : best.value;
      return { value, reported: best.value, periodEnd: best.end, filed: best.filed, concept };
    }
  }
  return undefined;
}

export interface FundamentalsAsOf {
  readonly asOf: EpochMs;
  readonly fields: Partial<Record<FundamentalField, KnownValue>>;
  /** The close used for the ratios (last bar on or before asOf), when there was one. */
  readonly price?: number;
  /** price / last fiscal year's diluted EPS (net income / shares when EPS was not reported); undefined when EPS ≤ 0. */
  readonly pe?: number;
  /** EPS / price: defined for losses too, which is why factor models prefer it to P/E. */
  readonly earningsYield?: number;
  /** price × shares / stockholders' equity; undefined when equity ≤ 0. */
  readonly pb?: number;
  readonly bookPerShare?: number;
}

/**
 * `price` must be as traded on `asOf` (not adjusted for later splits); `splits` are the symbol's splits, so EPS and
 * share counts reported before a split are put on the as-of basis.
 */
export function fundamentalsAsOf(facts: readonly FundamentalFact[], asOf: EpochMs, price?: number, splits: readonly SplitEvent[] = []): FundamentalsAsOf {
  const fields: Partial<Record<FundamentalField, KnownValue>> = {};
  for (const field of Object.keys(FIELD_CONCEPTS) as FundamentalField[]) {
    const known = knownValue(facts, field, asOf, splits);
    if (known) fields[field] = known;
  }
  const shares = fields.sharesOutstanding?.value;
  const eps = fields.eps?.value ?? (fields.netIncome && shares ? fields.netIncome.value / shares : undefined);
  const equity = fields.equity?.value;
  const bookPerShare = equity !== undefined && shares ? equity / shares : undefined;
  const out: { -readonly [K in keyof FundamentalsAsOf]: FundamentalsAsOf[K] } = { asOf, fields };
  if (bookPerShare !== undefined) out.bookPerShare = bookPerShare;
  if (price !== undefined && Number.isFinite(price) && price > 0) {
    out.price = price;
    if (eps !== undefined) {
      out.earningsYield = eps / price;
      if (eps > 0) out.pe = price / eps;
    }
    if (bookPerShare !== undefined && bookPerShare > 0) out.pb = price / bookPerShare;
  }
  return out;
}

const USED_CONCEPTS = new Set(Object.values(FIELD_CONCEPTS).flat());

/** Only the facts any field reads: cuts a company's ~12,000 facts to a few hundred before per-date derivation. */
export const factsForFields = (facts: readonly FundamentalFact[]): FundamentalFact[] => facts.filter((f) => USED_CONCEPTS.has(`${f.taxonomy}:${f.concept}`));
