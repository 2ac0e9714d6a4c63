// Parses FRED/ALFRED responses: series metadata, observations ("." is missing, not zero) with realtime vintages, error bodies.
import { z } from 'zod';
import { err, ok, type Result } from '../model/result';
import { dataError, type DataError } from './dataError';
import { parseIsoDate } from './exchangeDate';
import { issuePath } from './jsonBody';
import type { SeriesMetadata, SeriesObservation } from './macroSeries';

const isoDate = z.string().refine((s) => parseIsoDate(s) !== undefined, 'not a YYYY-MM-DD date');

const errorSchema = z.object({ error_code: z.number(), error_message: z.string() });

const seriesSchema = z.object({
  seriess: z
    .array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          frequency: z.string(),
          units: z.string(),
          seasonal_adjustment: z.string().optional(),
          last_updated: z.string().optional(),
          notes: z.string().optional(),
        })
        .passthrough(),
    )
    .min(1),
});

const observationsSchema = z.object({
  observations: z.array(z.object({ realtime_start: isoDate, realtime_end: isoDate, date: isoDate, value: z.string() })),
});

/** FRED's `{error_code, error_message}` (HTTP 400/404) as a DataError; undefined when the body is not one. */
export function fredError(json: unknown, request: string, status?: number): DataError | undefined {
  const parsed = errorSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const message = parsed.data.error_message;
  const code = /series does not exist/i.test(message)
    ? 'UNKNOWN_ID'
    : /api_key/i.test(message)
      ? 'BAD_API_KEY'
      : parsed.data.error_code === 429
        ? 'RATE_LIMITED'
        : 'BAD_REQUEST';
  return dataError(code, 'fred', request, message, status ?? parsed.data.error_code);
}

export function parseFredSeries(json: unknown, request: string): Result<SeriesMetadata, DataError> {
  const error = fredError(json, request);
  if (error) return err(error);
  const parsed = seriesSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'fred', request, issuePath(parsed.error.issues)));
  const s = parsed.data.seriess[0]!;
  return ok({
    title: s.title,
    frequency: s.frequency,
    units: s.units,
    ...(s.seasonal_adjustment === undefined ? {} : { seasonalAdjustment: s.seasonal_adjustment }),
    ...(s.last_updated === undefined ? {} : { lastUpdated: s.last_updated }),
    ...(s.notes === undefined ? {} : { notes: s.notes }),
  });
}

export interface FredObservations {
  readonly observations: readonly SeriesObservation[];
  readonly missing: number;
}

/** Observations sorted by (date, realtime_start). A value that is not a number and not "." is a malformed body. */
export function parseFredObservations(json: unknown, request: string): Result<FredObservations, DataError> {
  const error = fredError(json, request);
  if (error) return err(error);
  const parsed = observationsSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'fred', request, issuePath(parsed.error.issues)));
  const observations: SeriesObservation[] = [];
  let missing = 0;
  for (const [i, o] of parsed.data.observations.entries()) {
    let value: number | null = null;
    if (o.value === '.') missing++;
    else {
      value = Number(o.value);
      if (o.value.trim() === '' || !Number.isFinite(value)) {
        return err(dataError('MALFORMED_BODY', 'fred', request, `observations.${i}.value: "${o.value}" is not a number or "."`));
      }
    }
    observations.push({ date: parseIsoDate(o.date)!, value, knownFrom: parseIsoDate(o.realtime_start)!, knownTo: parseIsoDate(o.realtime_end)! });
  }
  observations.sort((a, b) => a.date - b.date || a.knownFrom - b.knownFrom);
  return ok({ observations, missing });
}
