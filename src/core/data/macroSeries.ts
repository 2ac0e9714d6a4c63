// A fetched macro/statistical series (FRED, ALFRED vintages, DBnomics): metadata and observations with missing kept missing.
import type { EpochMs } from '../model/clock';

export interface SeriesObservation {
  /** 00:00 UTC of the observation's period start date. */
  readonly date: EpochMs;
  /** null when the provider marks it missing (FRED ".", DBnomics "NA"), never zero. */
  readonly value: number | null;
  /** First day this value was the published one (ALFRED realtime_start); the fetch date when the provider has no vintages. */
  readonly knownFrom: EpochMs;
  /** Last day it was (ALFRED realtime_end; 9999-12-31 while current). */
  readonly knownTo: EpochMs;
}

export interface SeriesMetadata {
  readonly title: string;
  readonly frequency: string;
  readonly units: string;
  readonly seasonalAdjustment?: string;
  readonly lastUpdated?: string;
  readonly notes?: string;
}

export interface FetchedSeries {
  readonly kind: 'series';
  /** The provider's series id (FRED `GDP`, DBnomics `CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA`). */
  readonly seriesId: string;
  readonly metadata: SeriesMetadata;
  /** Sorted by (date, knownFrom); several rows per date when vintages were fetched. */
  readonly observations: readonly SeriesObservation[];
  readonly missing: number;
}

/** realtime_end of a value that is still current. */
export const OPEN_END: EpochMs = Date.UTC(9999, 11, 31);

/**
 * The series as it was published on `asOf`: per date, the vintage with knownFrom ≤ asOf ≤ knownTo (dates not yet
 * published, or withdrawn, are absent). Input sorted by (date, knownFrom) as connectors return it.
 */
export function observationsAsOf(observations: readonly SeriesObservation[], asOf: EpochMs): SeriesObservation[] {
  const out: SeriesObservation[] = [];
  for (const o of observations) {
    if (o.knownFrom <= asOf && asOf <= o.knownTo) {
      const last = out[out.length - 1];
      if (last && last.date === o.date) out[out.length - 1] = o;
      else out.push(o);
    }
  }
  return out;
}
