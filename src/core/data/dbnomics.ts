// Parses DBnomics v22 series responses: one or many series, "NA" values as missing, errors and empty results.
import { z } from 'zod';
import { err, ok, type Result } from '../model/result';
import { dataError, type DataError } from './dataError';
import { parseIsoDate } from './exchangeDate';
import { issuePath } from './jsonBody';
import { OPEN_END, type FetchedSeries, type SeriesObservation } from './macroSeries';

const docSchema = z
  .object({
    '@frequency': z.string(),
    provider_code: z.string(),
    dataset_code: z.string(),
    series_code: z.string(),
    series_name: z.string().optional(),
    period_start_day: z.array(z.string()),
    value: z.array(z.union([z.number(), z.literal('NA'), z.null()])),
  })
  .passthrough();
const responseSchema = z.object({
  series: z.object({ docs: z.array(docSchema), num_found: z.number().optional() }),
  errors: z.array(z.unknown()).nullable().optional(),
});

/** Every series doc in the response, observations keyed by period start day; `knownFrom` is the fetch time (no vintages). */
export function parseDbnomicsSeries(json: unknown, request: string, fetchedAt: number): Result<FetchedSeries[], DataError> {
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    const message = typeof json === 'object' && json !== null && 'message' in json ? String((json as { message: unknown }).message) : undefined;
    if (message) return err(dataError(/not found/i.test(message) ? 'UNKNOWN_ID' : 'BAD_REQUEST', 'dbnomics', request, message));
    return err(dataError('MALFORMED_BODY', 'dbnomics', request, issuePath(parsed.error.issues)));
  }
  if (parsed.data.errors && parsed.data.errors.length > 0) return err(dataError('BAD_REQUEST', 'dbnomics', request, JSON.stringify(parsed.data.errors).slice(0, 300)));
  if (parsed.data.series.docs.length === 0) return err(dataError('UNKNOWN_ID', 'dbnomics', request, 'no series matched'));
  const day = fetchedAt - (fetchedAt % 86_400_000);
  const out: FetchedSeries[] = [];
  for (const [d, doc] of parsed.data.series.docs.entries()) {
    if (doc.period_start_day.length !== doc.value.length) {
      return err(dataError('MALFORMED_BODY', 'dbnomics', request, `series.docs.${d}: ${doc.value.length} values for ${doc.period_start_day.length} periods`));
    }
    const observations: SeriesObservation[] = [];
    let missing = 0;
    for (let i = 0; i < doc.value.length; i++) {
      const date = parseIsoDate(doc.period_start_day[i]!);
      if (date === undefined) return err(dataError('MALFORMED_BODY', 'dbnomics', request, `series.docs.${d}.period_start_day.${i} is not a date`));
      const v = doc.value[i];
      const value = typeof v === 'number' ? v : null;
      if (value === null) missing++;
      observations.push({ date, value, knownFrom: day, knownTo: OPEN_END });
    }
    out.push({
      kind: 'series',
      seriesId: `${doc.provider_code}/${doc.dataset_code}/${doc.series_code}`,
      metadata: { title: doc.series_name ?? doc.series_code, frequency: doc['@frequency'], units: '' },
      observations,
      missing,
    });
  }
  return ok(out);
}
