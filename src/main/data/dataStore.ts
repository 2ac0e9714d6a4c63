// Stores fetched datasets in market.duckdb in one transaction (bars + factors + actions, series, facts, source, provenance) and reads them back.
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { FetchedBars } from '../../core/data/barSeries';
import { UNCLASSIFIED_SECTOR } from '../../core/data/realInstrument';
import type { DataProvider } from '../../core/data/dataError';
import type { FetchedFundamentals, FundamentalFact } from '../../core/data/fundamentals';
import type { FetchedSeries, SeriesObservation } from '../../core/data/macroSeries';
import type { EpochMs } from '../../core/model/clock';
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import { validateBarColumns, type InvalidBars, type MarketStore, type MarketWriter } from '../storage/market';
import type { DatasetRequest, FetchedDataset, FetchRecord } from './connector';
import type { DatasetKind } from './providers';

/** A row of data_sources: what is stored, from where, when it was refreshed. */
export interface DataSource {
  readonly provider: DataProvider;
  readonly id: string;
  readonly kind: DatasetKind;
  readonly timeframe: Timeframe;
  /** Bar symbol, series id or fundamentals symbol the rows are stored under. */
  readonly storedAs: string;
  readonly options: { readonly vintages?: boolean };
  readonly baseUrl: string;
  readonly createdAt: EpochMs;
  readonly refreshedAt: EpochMs;
  readonly rows: number;
  readonly firstTime: EpochMs | null;
  readonly lastTime: EpochMs | null;
  /** FRED's last_updated, to skip a refresh when nothing changed. */
  readonly versionTag: string | null;
}

const big = (n: number): bigint => BigInt(Math.round(n));
const nullableBig = (n: number | null): bigint | null => (n === null ? null : big(n));

async function append(connection: DuckDBConnection, table: string, rows: number, row: (a: DuckDBAppender, i: number) => void): Promise<void> {
  if (rows === 0) return;
  const appender = await connection.createAppender(table);
  try {
    for (let i = 0; i < rows; i++) {
      row(appender, i);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

const appendNullableDouble = (a: DuckDBAppender, v: number | null): void => (v === null ? a.appendNull() : a.appendDouble(v));
const appendNullableBig = (a: DuckDBAppender, v: number | null): void => (v === null ? a.appendNull() : a.appendBigInt(big(v)));
const appendNullableText = (a: DuckDBAppender, v: string | null | undefined): void => (v == null ? a.appendNull() : a.appendVarchar(v));

async function writeBars(writer: MarketWriter, provider: DataProvider, d: FetchedBars, storedAs: string): Promise<number> {
  const n = d.bars.time.length;
  if (n === 0) return 0;
  const c = writer.connection;
  await writer.writeBarBatches([{ symbol: storedAs, timeframe: d.timeframe, bars: d.bars }], 'upsert');
  const range = [storedAs, d.timeframe, big(d.bars.time[0]!), big(d.bars.time[n - 1]!)];
  await c.run('DELETE FROM bar_adjustments WHERE symbol = $1 AND timeframe = $2 AND time BETWEEN $3 AND $4', range);
  await append(c, 'bar_adjustments', n, (a, i) => {
    a.appendVarchar(storedAs);
    a.appendVarchar(d.timeframe);
    a.appendBigInt(big(d.bars.time[i]!));
    a.appendDouble(d.splitFactor[i]!);
    a.appendDouble(d.dividendFactor[i]!);
  });
  await c.run('DELETE FROM corporate_actions WHERE symbol = $1 AND time BETWEEN $2 AND $3', [storedAs, range[2]!, range[3]!]);
  const actions = [
    ...d.splits.map((s) => ({ time: s.time, kind: 'split', numerator: s.numerator, denominator: s.denominator, amount: null })),
    ...d.dividends.map((v) => ({ time: v.time, kind: 'dividend', numerator: null, denominator: null, amount: v.amount })),
  ].filter((a) => a.time >= d.bars.time[0]! && a.time <= d.bars.time[n - 1]!);
  await append(c, 'corporate_actions', actions.length, (a, i) => {
    const x = actions[i]!;
    a.appendVarchar(storedAs);
    a.appendBigInt(big(x.time));
    a.appendVarchar(x.kind);
    appendNullableDouble(a, x.numerator);
    appendNullableDouble(a, x.denominator);
    appendNullableDouble(a, x.amount);
    a.appendVarchar(provider);
  });
  const tickSize = 0.0001;
  await writer.connection.run(
    `INSERT INTO instruments SELECT $1, $1, $2, $3, $4, $7, $5, 1, 1, $6 WHERE NOT EXISTS (SELECT 1 FROM instruments WHERE symbol = $1)`,
    [storedAs, d.exchange === 'CCY' || /=X$/.test(storedAs) ? 'FX' : 'EQUITY', d.currency, d.exchange || provider.toUpperCase(), tickSize, d.utcOffsetMinutes, UNCLASSIFIED_SECTOR],
  );
  return n;
}

async function writeSeries(c: DuckDBConnection, provider: DataProvider, d: FetchedSeries): Promise<number> {
  const m = d.metadata;
  await c.run('INSERT OR REPLACE INTO macro_series VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    provider, d.seriesId, m.title, m.frequency, m.units, m.seasonalAdjustment ?? null, m.lastUpdated ?? null, m.notes ?? null,
  ]);
  const obs = d.observations;
  if (obs.length === 0) return 0;
  const first = Math.min(...obs.map((o) => o.date));
  const last = Math.max(...obs.map((o) => o.date));
  await c.run('DELETE FROM macro_observations WHERE provider = $1 AND series_id = $2 AND date BETWEEN $3 AND $4', [provider, d.seriesId, big(first), big(last)]);
  await append(c, 'macro_observations', obs.length, (a, i) => {
    const o = obs[i]!;
    a.appendVarchar(provider);
    a.appendVarchar(d.seriesId);
    a.appendBigInt(big(o.date));
    appendNullableDouble(a, o.value);
    a.appendBigInt(big(o.knownFrom));
    a.appendBigInt(big(o.knownTo));
  });
  return obs.length;
}

/** The company's facts from this provider are replaced as a whole: companyfacts is always the complete history. */
async function writeFacts(c: DuckDBConnection, provider: DataProvider, d: FetchedFundamentals, now: EpochMs): Promise<number> {
  await c.run('DELETE FROM fundamental_facts WHERE symbol = $1 AND provider = $2', [d.symbol, provider]);
  const profile = d.profile ?? (d.entity ? { name: d.entity } : undefined);
  if (profile) {
    await c.run('INSERT OR REPLACE INTO company_profiles VALUES ($1, $2, $3, $4, $5, $6)', [d.symbol, provider, profile.name, profile.sector ?? null, profile.industry ?? null, big(now)]);
  }
  const facts = d.facts;
  await append(c, 'fundamental_facts', facts.length, (a, i) => {
    const f = facts[i]!;
    a.appendVarchar(d.symbol);
    a.appendVarchar(provider);
    a.appendVarchar(f.taxonomy);
    a.appendVarchar(f.concept);
    a.appendVarchar(f.unit);
    appendNullableBig(a, f.start);
    a.appendBigInt(big(f.end));
    a.appendDouble(f.value);
    if (f.fy === null) a.appendNull();
    else a.appendInteger(f.fy);
    appendNullableText(a, f.fp);
    a.appendVarchar(f.form);
    a.appendBigInt(big(f.filed));
    a.appendVarchar(f.accession);
  });
  return facts.length;
}

export const storedNameOf = (dataset: FetchedDataset, request: DatasetRequest): string =>
  dataset.kind === 'series' ? dataset.seriesId : dataset.kind === 'bars' ? request.id.trim().toUpperCase() : dataset.symbol;

export interface StoreOutcome {
  readonly rows: number;
  readonly storedAs: string;
}

/**
 * Stores the dataset, its source row and its provenance in one transaction: a failure anywhere (invalid bars, a
 * database error) leaves the store exactly as it was.
 */
export async function storeDataset(
  store: MarketStore,
  request: DatasetRequest,
  dataset: FetchedDataset,
  fetches: readonly FetchRecord[],
  meta: { readonly baseUrl: string; readonly now: EpochMs; readonly versionTag?: string },
): Promise<Result<StoreOutcome, InvalidBars>> {
  if (dataset.kind === 'bars') {
    const valid = validateBarColumns(dataset.bars);
    if (!valid.ok) return err({ ...valid.error, message: `${request.provider} ${request.id}: ${valid.error.message}` });
  }
  const storedAs = storedNameOf(dataset, request);
  const rows = await store.write(async (writer) => {
    const c = writer.connection;
    const written =
      dataset.kind === 'bars' ? await writeBars(writer, request.provider, dataset, storedAs) : dataset.kind === 'series' ? await writeSeries(c, request.provider, dataset) : await writeFacts(c, request.provider, dataset, meta.now);
    const span = await spanOf(c, request.provider, request.kind, storedAs, request.timeframe);
    await c.run(
      `INSERT INTO data_sources VALUES ($provider, $id, $kind, $timeframe, $storedAs, $options, $baseUrl, $now, $now, $rows, $first, $last, $tag)
       ON CONFLICT (provider, id, kind, timeframe) DO UPDATE SET stored_as = excluded.stored_as, options = excluded.options,
         base_url = excluded.base_url, refreshed_at = excluded.refreshed_at, rows = excluded.rows, first_time = excluded.first_time,
         last_time = excluded.last_time, version_tag = excluded.version_tag`,
      {
        provider: request.provider,
        id: request.id,
        kind: request.kind,
        timeframe: request.timeframe,
        storedAs,
        options: JSON.stringify(request.vintages ? { vintages: true } : {}),
        baseUrl: meta.baseUrl,
        now: big(meta.now),
        rows: big(span.rows),
        first: nullableBig(span.first),
        last: nullableBig(span.last),
        tag: meta.versionTag ?? null,
      },
    );
    await append(c, 'data_fetches', fetches.length, (a, i) => {
      const f = fetches[i]!;
      a.appendVarchar(f.provider);
      a.appendVarchar(`${request.kind}:${request.id}`);
      a.appendVarchar(f.request);
      a.appendBigInt(big(f.fetchedAt));
      a.appendInteger(f.status);
      a.appendBigInt(BigInt(f.bytes));
      a.appendVarchar(f.checksum);
      a.appendBoolean(f.fromCache);
      // The rows the fetch contributed: all of them for the last (data) fetch, none for lookups before it.
      a.appendBigInt(BigInt(i === fetches.length - 1 ? written : 0));
    });
    return written;
  });
  return ok({ rows, storedAs });
}

async function spanOf(c: DuckDBConnection, provider: DataProvider, kind: DatasetKind, storedAs: string, timeframe: Timeframe): Promise<{ rows: number; first: number | null; last: number | null }> {
  const [sql, params]: [string, DuckDBValue[]] =
    kind === 'bars'
      ? ['SELECT count(*)::DOUBLE, min(time)::DOUBLE, max(time)::DOUBLE FROM bars WHERE symbol = $1 AND timeframe = $2', [storedAs, timeframe]]
      : kind === 'series'
        ? ['SELECT count(*)::DOUBLE, min(date)::DOUBLE, max(date)::DOUBLE FROM macro_observations WHERE provider = $1 AND series_id = $2', [provider, storedAs]]
        : ['SELECT count(*)::DOUBLE, min(filed)::DOUBLE, max(filed)::DOUBLE FROM fundamental_facts WHERE provider = $1 AND symbol = $2', [provider, storedAs]];
  const row = (await c.runAndReadAll(sql, params)).getRows()[0] ?? [0, null, null];
  return { rows: Number(row[0]), first: row[1] === null ? null : Number(row[1]), last: row[2] === null ? null : Number(row[2]) };
}

export async function listSources(store: MarketStore, provider?: DataProvider): Promise<DataSource[]> {
  const reader = await store.exclusive((c) =>
    provider === undefined
      ? c.runAndReadAll('SELECT * FROM data_sources ORDER BY provider, id, kind, timeframe')
      : c.runAndReadAll('SELECT * FROM data_sources WHERE provider = $1 ORDER BY id, kind, timeframe', [provider]),
  );
  return reader.getRowObjectsJS().map((r) => ({
    provider: String(r.provider) as DataProvider,
    id: String(r.id),
    kind: String(r.kind) as DatasetKind,
    timeframe: String(r.timeframe) as Timeframe,
    storedAs: String(r.stored_as),
    options: JSON.parse(String(r.options)) as DataSource['options'],
    baseUrl: String(r.base_url),
    createdAt: Number(r.created_at),
    refreshedAt: Number(r.refreshed_at),
    rows: Number(r.rows),
    firstTime: r.first_time === null ? null : Number(r.first_time),
    lastTime: r.last_time === null ? null : Number(r.last_time),
    versionTag: r.version_tag === null ? null : String(r.version_tag),
  }));
}

export async function readObservations(store: MarketStore, provider: DataProvider, seriesId: string): Promise<SeriesObservation[]> {
  const reader = await store.exclusive((c) =>
    c.runAndReadAll(
      'SELECT date::DOUBLE, value, known_from::DOUBLE, known_to::DOUBLE FROM macro_observations WHERE provider = $1 AND series_id = $2 ORDER BY date, known_from',
      [provider, seriesId],
    ),
  );
  return reader.getRows().map((r) => ({ date: Number(r[0]), value: r[1] === null ? null : Number(r[1]), knownFrom: Number(r[2]), knownTo: Number(r[3]) }));
}

/** Facts of `symbol` from every provider, or only those public by `filedBy`. */
export async function readFacts(store: MarketStore, symbol: string, filedBy?: EpochMs): Promise<FundamentalFact[]> {
  const params: DuckDBValue[] = [symbol.toUpperCase()];
  let sql = `SELECT taxonomy, concept, unit, period_start::DOUBLE, period_end::DOUBLE, value, fy, fp, form, filed::DOUBLE, accession
    FROM fundamental_facts WHERE symbol = $1`;
  if (filedBy !== undefined) {
    sql += ' AND filed <= $2';
    params.push(big(filedBy));
  }
  const reader = await store.exclusive((c) => c.runAndReadAll(`${sql} ORDER BY taxonomy, concept, period_end, filed`, params));
  return reader.getRows().map((r) => ({
    taxonomy: String(r[0]),
    concept: String(r[1]),
    unit: String(r[2]),
    start: r[3] === null ? null : Number(r[3]),
    end: Number(r[4]),
    value: Number(r[5]),
    fy: r[6] === null ? null : Number(r[6]),
    fp: r[7] === null ? null : String(r[7]),
    form: String(r[8]),
    filed: Number(r[9]),
    accession: String(r[10]),
  }));
}

/** Per-bar split and dividend factors of a stored series (time-aligned with its bars). */
export async function readAdjustments(store: MarketStore, symbol: string, timeframe: Timeframe): Promise<{ time: number; splitFactor: number; dividendFactor: number }[]> {
  const reader = await store.exclusive((c) =>
    c.runAndReadAll('SELECT time::DOUBLE, split_factor, dividend_factor FROM bar_adjustments WHERE symbol = $1 AND timeframe = $2 ORDER BY time', [symbol, timeframe]),
  );
  return reader.getRows().map((r) => ({ time: Number(r[0]), splitFactor: Number(r[1]), dividendFactor: Number(r[2]) }));
}

export async function readFetches(store: MarketStore, provider: DataProvider, sourceId: string): Promise<(FetchRecord & { rows: number })[]> {
  const reader = await store.exclusive((c) =>
    c.runAndReadAll('SELECT * FROM data_fetches WHERE provider = $1 AND source_id = $2 ORDER BY fetched_at', [provider, sourceId]),
  );
  return reader.getRowObjectsJS().map((r) => ({
    provider: String(r.provider) as DataProvider,
    request: String(r.request),
    fetchedAt: Number(r.fetched_at),
    status: Number(r.status),
    bytes: Number(r.bytes),
    checksum: String(r.checksum),
    fromCache: Boolean(r.from_cache),
    rows: Number(r.rows),
  }));
}
