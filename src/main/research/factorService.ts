// Factor runs from the backend: resolves what the request names, loads the universe panel once, hands it to every
// factors engine, spreads the factors over the pool (progress per factor, cancel between factors) and stores runs,
// values and saved factors in DuckDB.
import type * as Comlink from 'comlink';
import { randomUUID } from 'node:crypto';
import { checkExpression, GROUPS, libraryFactor, MAX_WINDOW, type FactorAnalysisOptions, type FactorSpec, type FieldRef, type Panel } from '../../core/factors';
import { err, ok, type Result } from '../../core/model/result';
import type { AnalyzedFactor, FactorsEngine, PanelMessage } from '../../engines/factors/factorsEngine';
import type { FactorAnalysisRequest, FactorComputeRequest, FactorRef } from '../../shared/contracts/factors';
import { runOnPool } from '../engine-host/enginePool';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { listFactorDefinitions, storeFactorRun, writeFactorValues } from '../storage/market/factorStore';
import type { MarketStore } from '../storage/market/marketStore';
import type { QueueConnection } from '../team/researchQueue';
import { loadFactorPanel, type FundamentalSource, type PanelError } from './factorPanel';
import { toReport, type FactorRunError } from './factorReport';

export interface FactorDeps {
  readonly store: MarketStore;
  readonly supervisor: EngineSupervisor;
  readonly now: () => number;
  /** Worker threads share memory (the panel is sent once, not copied per engine); Electron's utility processes do not. */
  readonly sharedMemory: boolean;
  readonly fundamentals?: FundamentalSource;
  /** The team's research queue: analyses asked to run `on: 'queue'` go there (see `nautilus worker`). */
  readonly researchQueue?: QueueConnection;
}

export interface FactorControl {
  readonly onProgress?: (done: number, total: number, factor: string) => void;
  readonly signal?: AbortSignal;
}

/** A request's factor, resolved to the expression an engine evaluates. */
export interface NamedExpression {
  readonly name: string;
  readonly expression: string;
}

/** Library names, then saved factors (latest version), then expressions as given. */
export async function resolveRefs(store: MarketStore, refs: readonly FactorRef[]): Promise<Result<NamedExpression[], FactorRunError>> {
  const saved = new Map((await listFactorDefinitions(store)).map((d) => [d.name, d.expression]));
  const out: NamedExpression[] = [];
  for (const ref of refs) {
    if ('expression' in ref) out.push({ name: ref.name ?? ref.expression, expression: ref.expression });
    else {
      const expression = libraryFactor(ref.name)?.expression ?? saved.get(ref.name);
      if (!expression) return err({ code: 'UNKNOWN_FACTOR', message: `no library or saved factor named '${ref.name}' (nautilus factors list shows them)`, name: ref.name });
      out.push({ name: ref.name, expression });
    }
  }
  const names = new Set<string>();
  for (const f of out) {
    if (names.has(f.name)) return err({ code: 'DUPLICATE_FACTOR', message: `'${f.name}' is named twice`, name: f.name });
    names.add(f.name);
  }
  return ok(out);
}

/** Checks every expression before any data is read; returns the fields they need. */
function precheck(factors: readonly NamedExpression[]): Result<{ ref: FieldRef; expression: string }[], FactorRunError> {
  const fields: { ref: FieldRef; expression: string }[] = [];
  for (const f of factors) {
    const checked = checkExpression(f.expression, { dates: MAX_WINDOW, groups: [...GROUPS] });
    if (!checked.ok) return err({ ...checked.error, factor: f.name, expression: f.expression });
    for (const ref of checked.value.fields) fields.push({ ref, expression: f.expression });
  }
  return ok(fields);
}

const panelMessage = (panel: Panel): PanelMessage => ({
  symbols: panel.symbols,
  times: panel.times,
  columns: Object.fromEntries(panel.columns),
  groups: Object.fromEntries(panel.groups),
});

/** Loads the panel on every factors engine, runs `work` per factor across them, then frees the engines' memory. */
async function onEveryEngine<I, R>(
  deps: FactorDeps,
  panel: Panel,
  items: readonly I[],
  label: (item: I) => string,
  work: (engine: Comlink.Remote<FactorsEngine>, key: string, item: I) => Promise<R>,
  control: FactorControl,
): Promise<R[] | 'cancelled'> {
  const key = randomUUID();
  const instances = deps.supervisor.instancesOf('factors');
  if (instances.length === 0) throw new Error('no factors engine is running');
  const message = panelMessage(panel);
  const load = (engine: Comlink.Remote<FactorsEngine>) => engine.loadPanel(key, message);
  await Promise.all(instances.map((name) => deps.supervisor.call<FactorsEngine, unknown>(name, load)));
  let done = 0;
  try {
    const results = await runOnPool<FactorsEngine, I, R | undefined>(deps.supervisor, instances, items, async (engine, item) => {
      if (control.signal?.aborted) return undefined;
      let result = await work(engine, key, item);
      // An engine restarted since the panel was sent has lost it: send it again and retry once.
      if (isNoPanel(result)) {
        await load(engine);
        result = await work(engine, key, item);
      }
      control.onProgress?.(++done, items.length, label(item));
      return result;
    });
    return control.signal?.aborted ? 'cancelled' : (results as R[]);
  } finally {
    await Promise.allSettled(instances.map((name) => deps.supervisor.call<FactorsEngine, unknown>(name, (engine) => engine.dropPanel(key))));
  }
}

const isNoPanel = (r: unknown): boolean => typeof r === 'object' && r !== null && (r as { ok?: boolean }).ok === false && (r as { error?: { code?: string } }).error?.code === 'NO_PANEL';

/** The universe panel a run's factors need, every expression checked before any data is read. */
export async function preparePanel(deps: FactorDeps, request: Pick<FactorAnalysisRequest, 'symbols' | 'from' | 'to' | 'timeframe'>, factors: readonly NamedExpression[]): Promise<Result<Panel, FactorRunError | PanelError>> {
  const fields = precheck(factors);
  if (!fields.ok) return fields;
  return loadFactorPanel(deps.store, request, fields.value, deps.fundamentals, deps.sharedMemory);
}

export const analysisOptions = (r: { horizon: number; horizons?: readonly number[]; method: FactorAnalysisOptions['method']; quantiles: number; minSymbols: number }): FactorAnalysisOptions => ({
  horizon: r.horizon,
  horizons: [...new Set([...(r.horizons ?? []), r.horizon])].sort((a, b) => a - b),
  method: r.method,
  quantiles: r.quantiles,
  minSymbols: r.minSymbols,
});

export interface AnalysisRun {
  readonly panel: Panel;
  readonly analyzed: readonly AnalyzedFactor[];
}

/** Where a run's factors are analysed: this machine's factors engines (analyzeFactors), or the team's research queue. */
export type FactorAnalyzer = (deps: FactorDeps, request: Pick<FactorAnalysisRequest, 'symbols' | 'from' | 'to' | 'timeframe'>, factors: readonly NamedExpression[], options: FactorAnalysisOptions, withValues: boolean, control: FactorControl) => Promise<Result<AnalysisRun, FactorRunError | PanelError>>;

/** Analyses resolved factors; values come back when `withValues` (correlations, composites). */
export async function analyzeFactors(deps: FactorDeps, request: Pick<FactorAnalysisRequest, 'symbols' | 'from' | 'to' | 'timeframe'>, factors: readonly NamedExpression[], options: FactorAnalysisOptions, withValues: boolean, control: FactorControl): Promise<Result<AnalysisRun, FactorRunError | PanelError>> {
  const panel = await preparePanel(deps, request, factors);
  if (!panel.ok) return panel;
  const results = await onEveryEngine<NamedExpression, Awaited<ReturnType<FactorsEngine['analyze']>>>(deps, panel.value, factors, (f) => f.name, (engine, key, f) => engine.analyze(key, { spec: toSpec(f), options, returnValues: withValues }), control);
  if (results === 'cancelled') return err({ code: 'CANCELLED', message: 'the run was cancelled' });
  const analyzed: AnalyzedFactor[] = [];
  for (const [i, r] of results.entries()) {
    if (!r.ok) return err({ ...r.error, factor: factors[i]!.name, expression: factors[i]!.expression });
    analyzed.push(r.value);
  }
  return ok({ panel: panel.value, analyzed });
}

const toSpec = (f: NamedExpression): FactorSpec => ({ kind: 'expression', expression: f.expression, name: f.name });

export async function runFactorAnalysis(deps: FactorDeps, request: FactorAnalysisRequest, control: FactorControl = {}, analyze: FactorAnalyzer = analyzeFactors) {
  const started = performance.now();
  const factors = await resolveRefs(deps.store, request.factors);
  if (!factors.ok) return factors;
  const run = await analyze(deps, request, factors.value, analysisOptions(request), request.correlation, control);
  if (!run.ok) return run;
  const runId = randomUUID();
  const report = toReport(runId, request, run.value, performance.now() - started);
  await storeFactorRun(deps.store, { runId, createdAt: deps.now(), request, summary: { ...report, series: undefined } });
  return ok(report);
}

/** Where a compute run's factors are evaluated over the panel: this machine's factors engines, or the team's research queue. */
export type FactorEvaluator = (deps: FactorDeps, panel: Panel, factors: readonly NamedExpression[], control: FactorControl) => Promise<Result<{ name: string; values: Float64Array }[], FactorRunError>>;

/** Each factor's values over the panel on the local factors engines; the first bad factor's error otherwise. */
export const evaluateFactors: FactorEvaluator = async (deps, panel, factors, control) => {
  const results = await onEveryEngine<NamedExpression, Awaited<ReturnType<FactorsEngine['compute']>>>(deps, panel, factors, (f) => f.name, (engine, key, f) => engine.compute(key, toSpec(f)), control);
  if (results === 'cancelled') return err({ code: 'CANCELLED', message: 'the run was cancelled' });
  const out: { name: string; values: Float64Array }[] = [];
  for (const [i, r] of results.entries()) {
    if (!r.ok) return err({ ...r.error, factor: factors[i]!.name, expression: factors[i]!.expression });
    out.push(r.value);
  }
  return ok(out);
};

/** Evaluates the factors over the universe and stores their values, one factor per transaction. */
export async function computeFactors(deps: FactorDeps, request: FactorComputeRequest, control: FactorControl = {}, evaluate: FactorEvaluator = evaluateFactors): Promise<Result<{ factors: string[]; symbols: number; rows: number; durationMs: number }, FactorRunError | PanelError>> {
  const started = performance.now();
  const factors = await resolveRefs(deps.store, request.factors);
  if (!factors.ok) return factors;
  const panel = await preparePanel(deps, request, factors.value);
  if (!panel.ok) return panel;
  // Every factor is evaluated and checked before any is written: a bad one leaves the store as it was.
  const evaluated = await evaluate(deps, panel.value, factors.value, control);
  if (!evaluated.ok) return evaluated;
  let rows = 0;
  for (const f of evaluated.value) rows += await writeFactorValues(deps.store, f.name, request.timeframe, panel.value, f.values);
  return ok({ factors: factors.value.map((f) => f.name), symbols: panel.value.symbols.length, rows, durationMs: performance.now() - started });
}
