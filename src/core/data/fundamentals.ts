// Company fundamentals as point-in-time facts: each value with the date it became public (the filing date).
import type { EpochMs } from '../model/clock';

export interface FundamentalFact {
  /** `us-gaap`, `dei`, or `alphavantage` for facts from Alpha Vantage statements. */
  readonly taxonomy: string;
  readonly concept: string;
  /** `USD`, `shares`, `USD/shares`, … */
  readonly unit: string;
  /** Period start (00:00 UTC) for durations; null for instants (balances, share counts). */
  readonly start: EpochMs | null;
  readonly end: EpochMs;
  readonly value: number;
  /** Fiscal year and period of the *filing* that reported it (SEC semantics), not necessarily of the period. */
  readonly fy: number | null;
  readonly fp: string | null;
  readonly form: string;
  /** The day it became public: research on day t may use it only if filed ≤ t. */
  readonly filed: EpochMs;
  readonly accession: string;
}

export interface FetchedFundamentals {
  readonly kind: 'fundamentals';
  /** The ticker the trader asked for (facts are stored under it). */
  readonly symbol: string;
  readonly entity: string;
  /** SEC CIK when known. */
  readonly cik: number | null;
  readonly facts: readonly FundamentalFact[];
  /** Facts dropped as the same value re-reported by a later filing. */
  readonly duplicatesDropped: number;
  /** How the provider describes the company, where it does (Alpha Vantage OVERVIEW: sector and industry). */
  readonly profile?: CompanyProfile;
}

export interface CompanyProfile {
  readonly name: string;
  readonly sector?: string;
  readonly industry?: string;
}

const factKey = (f: FundamentalFact): string => `${f.taxonomy}|${f.concept}|${f.unit}|${f.start ?? ''}|${f.end}`;

/**
 * Resolves duplicates across filings: the same (concept, unit, period) re-reported by later filings keeps only its
 * first publication, plus every later filing that changed the value (a restatement, public from its own filing date).
 * Output sorted by concept, period and filing date.
 */
export function resolveDuplicateFacts(facts: readonly FundamentalFact[]): { facts: FundamentalFact[]; dropped: number } {
  const sorted = [...facts].sort(
    (a, b) => (factKey(a) < factKey(b) ? -1 : factKey(a) > factKey(b) ? 1 : a.filed - b.filed || (a.accession < b.accession ? -1 : a.accession > b.accession ? 1 : 0)),
  );
  const kept: FundamentalFact[] = [];
  let previous: FundamentalFact | undefined;
  for (const fact of sorted) {
    const sameKey = previous !== undefined && factKey(previous) === factKey(fact);
    if (sameKey && previous!.value === fact.value) continue;
    if (sameKey && previous!.filed === fact.filed) {
      // Two filings the same day disagreeing: the later accession (an amendment) is the published value.
      kept[kept.length - 1] = fact;
    } else kept.push(fact);
    previous = fact;
  }
  return { facts: kept, dropped: facts.length - kept.length };
}
