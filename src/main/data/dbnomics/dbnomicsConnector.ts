// DBnomics v22: one series by PROVIDER/DATASET/SERIES code, observations with "NA" as missing.
import { dataError } from '../../../core/data/dataError';
import { parseDbnomicsSeries } from '../../../core/data/dbnomics';
import { err, ok } from '../../../core/model/result';
import type { Connector, FetchRecord } from '../connector';
import { fetchJson } from '../http/fetchJson';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const dbnomicsConnector: Connector = async (request, context) => {
  const parts = request.id.split('/');
  const label = `series ${request.id}`;
  if (parts.length !== 3 || !parts.every((p) => CODE.test(p))) return err(dataError('UNKNOWN_ID', 'dbnomics', label, 'expected PROVIDER/DATASET/SERIES, e.g. CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA'));
  if (request.kind !== 'series') return err(dataError('BAD_REQUEST', 'dbnomics', label, `DBnomics offers series, not ${request.kind}`));
  const url = `${context.baseUrl}/v22/series/${parts.map(encodeURIComponent).join('/')}?observations=1&format=json`;
  const fetches: FetchRecord[] = [];
  const now = context.http.now();
  const series = await fetchJson(
    context,
    {
      url,
      label,
      parse: (json) => parseDbnomicsSeries(json, label, now),
      statusError: (status, reason) => dataError(status === 404 ? 'UNKNOWN_ID' : 'HTTP_ERROR', 'dbnomics', label, reason, status),
    },
    fetches,
  );
  if (!series.ok) return series;
  const wanted = series.value.find((s) => s.seriesId === request.id);
  if (!wanted) return err(dataError('UNKNOWN_ID', 'dbnomics', label, `the response holds ${series.value.length} other series`));
  const inRange = wanted.observations.filter((o) => (request.from === undefined || o.date >= request.from) && (request.to === undefined || o.date <= request.to));
  return ok({ dataset: { ...wanted, observations: inRange, missing: inRange.filter((o) => o.value === null).length }, fetches });
};
