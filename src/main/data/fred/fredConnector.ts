// FRED / ALFRED: series metadata and observations, optionally every vintage (realtime_start/realtime_end).
import { dataError } from '../../../core/data/dataError';
import { isoDate } from '../../../core/data/exchangeDate';
import { parseFredObservations, parseFredSeries } from '../../../core/data/fred';
import { OPEN_END } from '../../../core/data/macroSeries';
import { err, ok } from '../../../core/model/result';
import type { Connector, FetchRecord } from '../connector';
import { fetchJson } from '../http/fetchJson';

const FRED_ID = /^[A-Za-z0-9_.]{1,64}$/;

export const fredConnector: Connector = async (request, context) => {
  const label = (what: string): string => `${what} ${request.id}`;
  if (!FRED_ID.test(request.id)) return err(dataError('UNKNOWN_ID', 'fred', label('series'), 'FRED series ids are letters, digits, "_" and "."'));
  if (!context.apiKey) return err(dataError('BAD_API_KEY', 'fred', label('series'), 'no FRED API key: pass --api-key or store one with `nautilus data key set fred`'));
  const common = { series_id: request.id, api_key: context.apiKey, file_type: 'json' };
  const fetches: FetchRecord[] = [];
  const metadata = await fetchJson(
    context,
    { url: `${context.baseUrl}/fred/series?${new URLSearchParams(common)}`, label: label('series'), parse: (json) => parseFredSeries(json, label('series')) },
    fetches,
  );
  if (!metadata.ok) return metadata;
  const query = new URLSearchParams(common);
  if (request.from !== undefined) query.set('observation_start', isoDate(request.from));
  if (request.to !== undefined) query.set('observation_end', isoDate(request.to));
  if (request.vintages) {
    query.set('realtime_start', '1776-07-04');
    query.set('realtime_end', '9999-12-31');
  }
  const obsLabel = `${label('observations')}${request.vintages ? ' (all vintages)' : ''}`;
  const observations = await fetchJson(
    context,
    { url: `${context.baseUrl}/fred/series/observations?${query}`, label: obsLabel, parse: (json) => parseFredObservations(json, obsLabel) },
    fetches,
  );
  if (!observations.ok) return observations;
  // Without vintages FRED answers realtime = the fetch day only; the value stays the known one until a refresh replaces it.
  const rows = request.vintages ? observations.value.observations : observations.value.observations.map((o) => ({ ...o, knownTo: OPEN_END }));
  return ok({ dataset: { kind: 'series', seriesId: request.id, metadata: metadata.value, observations: rows, missing: observations.value.missing }, fetches });
};
