// Factors in DuckDB: saved definitions (name + version), factor values per symbol and date, and analysis runs.
// Values of one factor are written in one transaction: a factor is stored whole or not at all.
import type { Panel } from '../../../core/factors';
import type { MarketStore } from './marketStore';

export type FactorKind = 'expression' | 'composite';

export interface FactorDefinition {
  readonly name: string;
  readonly version: number;
  readonly kind: FactorKind;
  /** The expression, or for a composite a readable sum of its weighted components. */
  readonly expression: string;
  /** Everything needed to rebuild it (for a composite: components, weights, weighting, the analysis it came from). */
  readonly definition: unknown;
  readonly createdAt: number;
}

const big = (v: number) => BigInt(Math.round(v));

/** Stores a new version of `name` (1 for a new name) and returns it. */
export async function saveFactorDefinition(store: MarketStore, def: Omit<FactorDefinition, 'version'>): Promise<FactorDefinition> {
  return store.exclusive(async (c) => {
    const row = (await c.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM factor_definitions WHERE name = $1', [def.name])).getRowObjectsJS()[0];
    const version = Number(row?.v ?? 0) + 1;
    await c.run('INSERT INTO factor_definitions VALUES ($1, $2, $3, $4, $5, $6)', [def.name, version, def.kind, def.expression, JSON.stringify(def.definition), big(def.createdAt)]);
    return { ...def, version };
  });
}

/** Every saved factor's latest version (or every version with `allVersions`), by name. */
export async function listFactorDefinitions(store: MarketStore, allVersions = false): Promise<FactorDefinition[]> {
  const sql = allVersions
    ? 'SELECT * FROM factor_definitions ORDER BY name, version'
    : 'SELECT * FROM factor_definitions QUALIFY row_number() OVER (PARTITION BY name ORDER BY version DESC) = 1 ORDER BY name';
  const rows = (await store.exclusive((c) => c.runAndReadAll(sql))).getRowObjectsJS();
  return rows.map((r) => ({
    name: String(r.name),
    version: Number(r.version),
    kind: String(r.kind) as FactorKind,
    expression: String(r.expression),
    definition: JSON.parse(String(r.definition)) as unknown,
    createdAt: Number(r.created_at),
  }));
}

/** Replaces the factor's stored values over the panel's dates with `values` (symbols × dates of the panel). */
export async function writeFactorValues(store: MarketStore, factor: string, timeframe: string, panel: Pick<Panel, 'symbols' | 'times'>, values: Float64Array): Promise<number> {
  const T = panel.times.length;
  if (values.length !== panel.symbols.length * T) throw new Error(`${values.length} values for ${panel.symbols.length} symbols × ${T} dates`);
  if (T === 0) return 0;
  return store.write(async (writer) => {
    const c = writer.connection;
    let rows = 0;
    for (const symbol of panel.symbols) {
      await c.run('DELETE FROM factor_values WHERE factor = $1 AND timeframe = $2 AND symbol = $3 AND time BETWEEN $4 AND $5', [factor, timeframe, symbol, big(panel.times[0]!), big(panel.times[T - 1]!)]);
    }
    const appender = await c.createAppender('factor_values');
    try {
      panel.symbols.forEach((symbol, s) => {
        for (let t = 0; t < T; t++) {
          const v = values[s * T + t]!;
          appender.appendVarchar(factor);
          appender.appendVarchar(symbol);
          appender.appendVarchar(timeframe);
          appender.appendBigInt(big(panel.times[t]!));
          if (Number.isFinite(v)) appender.appendDouble(v);
          else appender.appendNull();
          appender.endRow();
          rows++;
        }
      });
    } finally {
      appender.closeSync();
    }
    return rows;
  });
}

/** A factor's stored series for one symbol; NULLs come back as NaN. */
export async function readFactorValues(store: MarketStore, factor: string, symbol: string, timeframe: string): Promise<{ time: number[]; value: number[] }> {
  const rows = (await store.exclusive((c) => c.runAndReadAll('SELECT time, value FROM factor_values WHERE factor = $1 AND symbol = $2 AND timeframe = $3 ORDER BY time', [factor, symbol, timeframe]))).getRowObjectsJS();
  return { time: rows.map((r) => Number(r.time)), value: rows.map((r) => (r.value === null ? NaN : Number(r.value))) };
}

export async function storeFactorRun(store: MarketStore, run: { runId: string; createdAt: number; request: unknown; summary: unknown }): Promise<void> {
  await store.exclusive((c) => c.run('INSERT INTO factor_runs VALUES ($1, $2, $3, $4)', [run.runId, big(run.createdAt), JSON.stringify(run.request), JSON.stringify(run.summary)]));
}

export async function listFactorRuns(store: MarketStore, limit = 100): Promise<{ runId: string; createdAt: number; request: unknown; summary: unknown }[]> {
  const rows = (await store.exclusive((c) => c.runAndReadAll(`SELECT * FROM factor_runs ORDER BY created_at DESC, run_id LIMIT ${Math.max(1, Math.min(10_000, Math.floor(limit)))}`))).getRowObjectsJS();
  return rows.map((r) => ({ runId: String(r.run_id), createdAt: Number(r.created_at), request: JSON.parse(String(r.request)), summary: JSON.parse(String(r.summary)) }));
}
