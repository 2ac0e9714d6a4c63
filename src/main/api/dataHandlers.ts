// data.* methods: list stored outside data, fetch a dataset from a provider, refresh stored ones.
import { describeDataError } from '../../core/data/dataError';
import { isoDate } from '../../core/data/exchangeDate';
import { err, ok, type Result } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { DataFetchFailure, DataFetchSummary } from '../../shared/contracts/data';
import type { DataFetchError, DataService, FetchSummary } from '../data/dataService';
import { PROVIDER_DEFAULTS } from '../data/providers';

type DataHandlers = Pick<WorkstationApi, 'data.sources' | 'data.fetch' | 'data.refresh'>;

const failure = (error: DataFetchError): DataFetchFailure =>
  error.code === 'INVALID_BARS' ? { code: 'INVALID_BARS', message: error.message } : { ...error, message: describeDataError(error) };

const reply = (r: Result<FetchSummary, DataFetchError>): Result<DataFetchSummary, DataFetchFailure> => (r.ok ? ok(r.value) : err(failure(r.error)));

export function dataHandlers(service: DataService): DataHandlers {
  return {
    'data.sources': async () =>
      (await service.sources()).map((s) => ({
        provider: s.provider,
        id: s.id,
        kind: s.kind,
        timeframe: s.timeframe,
        storedAs: s.storedAs,
        rows: s.rows,
        first: s.firstTime === null ? null : isoDate(s.firstTime),
        last: s.lastTime === null ? null : isoDate(s.lastTime),
        refreshedAt: s.refreshedAt,
        baseUrl: s.baseUrl,
      })),
    'data.fetch': async ({ provider, id, kind, timeframe, from, to, vintages }) =>
      reply(
        await service.fetch({
          provider,
          id,
          kind: kind ?? PROVIDER_DEFAULTS[provider].kinds[0]!,
          timeframe,
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          ...(vintages ? { vintages } : {}),
        }),
      ),
    'data.refresh': async (input) => {
      const sources = (await service.sources()).filter(
        (s) => 'all' in input || (s.provider === input.provider && s.id === input.id && s.kind === input.kind && s.timeframe === input.timeframe),
      );
      const out: Result<DataFetchSummary, DataFetchFailure>[] = [];
      for (const source of sources) out.push(reply(await service.refresh(source)));
      return out;
    },
  };
}
