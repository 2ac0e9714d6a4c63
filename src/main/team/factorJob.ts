// Universe factor evaluation as research-queue jobs: how a run is cut into jobs (by factor: each job holds whole
// factors over the whole panel, so cross-sectional operators, per-date ICs and quantiles see every symbol exactly as
// on the workstation), what a job carries (the panel as compact arrays, up to a stated size; an analysis or the values
// alone), and the schemas a job and its result are checked against when they come back out of the store.
import { z } from 'zod';
import { IC_METHODS, type FactorAnalysisOptions, type Panel } from '../../core/factors';
import { err, ok, type Result } from '../../core/model/result';
import type { AnalyzedFactor } from '../../engines/factors/factorsEngine';
import type { JobAnswerError } from './jobAnswer';

/** A run is cut into at most this many jobs (fewer when it has fewer factors): enough to spread over many workers. */
export const FACTOR_JOBS_PER_RUN = 16;
/**
 * The panel travels inside every job (base64, a third larger than its bytes), so its columns are limited to this many
 * bytes: 64 MiB is 8 M values, e.g. 5 bar columns of 800 symbols × 2,000 days. A larger run is refused, not sent.
 */
export const MAX_QUEUED_PANEL_BYTES = 64 * 1024 * 1024;

/** Why a run sent to the queue did not come back. */
export type FactorQueueError =
  | { readonly code: 'RESEARCH_QUEUE_NOT_CONFIGURED'; readonly message: string }
  | { readonly code: 'PANEL_TOO_LARGE_FOR_QUEUE'; readonly message: string; readonly bytes: number; readonly limit: number }
  | JobAnswerError;

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { message: 'must be a Float64Array' });
const groupIds = z.array(z.number().int().min(-1));
const figure = z.custom<number>((v) => typeof v === 'number', { message: 'must be a number (NaN where the analysis has none)' });
const count = z.number().int().nonnegative();

const panelSchema = z
  .object({ symbols: z.array(z.string().min(1).max(64)).min(1), times: f64, columns: z.record(z.string().min(1).max(200), f64), groups: z.record(z.string().min(1).max(64), groupIds) })
  .strict()
  .superRefine((p, ctx) => {
    const size = p.symbols.length * p.times.length;
    if (!('close' in p.columns)) ctx.addIssue({ code: 'custom', path: ['columns', 'close'], message: 'a factor panel needs a close column' });
    for (const [name, column] of Object.entries(p.columns)) if (column.length !== size) ctx.addIssue({ code: 'custom', path: ['columns', name], message: `has ${column.length} values, not symbols × dates = ${size}` });
    for (const [name, ids] of Object.entries(p.groups)) if (ids.length !== p.symbols.length) ctx.addIssue({ code: 'custom', path: ['groups', name], message: `has ${ids.length} ids, not one per symbol (${p.symbols.length})` });
  });

/** One chunk of a factor run: everything a worker needs, so it reads no other store. */
export const factorJobSchema = z
  .object({
    kind: z.literal('factors'),
    runId: z.string().uuid(),
    index: count,
    factors: z.array(z.object({ name: z.string().min(1).max(4_000), expression: z.string().min(1).max(4_000) }).strict()).min(1),
    task: z.discriminatedUnion('kind', [
      // IC, quantiles and decay per factor (values too when asked, for correlations).
      z
        .object({
          kind: z.literal('analyze'),
          options: z
            .object({ horizon: z.number().int().positive(), horizons: z.array(z.number().int().positive()).min(1), method: z.enum(IC_METHODS), quantiles: z.number().int().min(2), minSymbols: z.number().int().min(2) })
            .strict(),
          returnValues: z.boolean(),
        })
        .strict(),
      // Only the values, to be stored by the workstation.
      z.object({ kind: z.literal('compute') }).strict(),
    ]),
    panel: panelSchema,
  })
  .strict();
export type FactorJobPayload = z.infer<typeof factorJobSchema>;
export type AnalyzeTask = Extract<FactorJobPayload['task'], { kind: 'analyze' }>;

const analysisSchema = z
  .object({
    meanIC: figure,
    icStd: figure,
    icir: figure,
    tStat: figure,
    dates: count,
    skippedDates: count,
    horizon: z.number().int().positive(),
    method: z.enum(IC_METHODS),
    icSeries: f64,
    decay: z.array(z.object({ horizon: z.number().int().positive(), meanIC: figure, icir: figure, dates: count }).strict()),
    quantileAnalysis: z
      .object({
        quantiles: z.array(figure),
        longShort: figure,
        spread: f64,
        cumulative: z.array(f64),
        cumulativeSpread: f64,
        turnoverTop: f64,
        turnoverBottom: f64,
        meanTurnover: z.object({ top: figure, bottom: figure }).strict(),
        rankAutocorrelation: f64,
        meanRankAutocorrelation: figure,
      })
      .strict(),
  })
  .strict();

const analyzedSchema = z.object({ name: z.string(), expression: z.string(), analysis: analysisSchema, values: f64.nullable() }).strict();

/** A factor's own error (a business outcome, not retried): the job's first bad factor ends it. */
const factorErrorSchema = z.object({ ok: z.literal(false), factor: z.string(), error: z.object({ code: z.string().regex(/^[A-Z_]+$/), message: z.string() }).passthrough() }).strict();

/** A worker's answer: each factor analysed, or the business error the first bad factor ended with (not retried). */
export const factorJobResultSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), factors: z.array(analyzedSchema) }).strict(), factorErrorSchema]);
/** A compute job's answer: each factor's values, or the first bad factor's error. */
export const factorValuesResultSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), factors: z.array(z.object({ name: z.string(), values: f64 }).strict()) }).strict(), factorErrorSchema]);

export interface FactorValues {
  readonly name: string;
  readonly values: Float64Array;
}

type FactorError = { readonly ok: false; readonly factor: string; readonly error: { readonly code: string; readonly message: string } };
/** What a worker sends (the schemas above are what the workstation accepts back). */
export type FactorJobResult = { readonly ok: true; readonly factors: readonly AnalyzedFactor[] } | FactorError;
export type FactorValuesResult = { readonly ok: true; readonly factors: readonly FactorValues[] } | FactorError;

/** The job id of chunk `index` of factor run `runId`: the same job is never queued or recorded twice. */
export const factorJobId = (runId: string, index: number): string => `${runId}.f${index}`;

/** Consecutive chunks of the factors, at most FACTOR_JOBS_PER_RUN of them, as even as whole factors allow. */
export function chunkFactors<F>(factors: readonly F[], jobs = FACTOR_JOBS_PER_RUN): F[][] {
  const n = Math.min(jobs, factors.length);
  return Array.from({ length: n }, (_, i) => factors.slice(Math.floor((i * factors.length) / n), Math.floor(((i + 1) * factors.length) / n)));
}

/** The panel as a job carries it, or PANEL_TOO_LARGE_FOR_QUEUE when its columns exceed `limit` bytes. */
export function queuedPanel(panel: Panel, limit = MAX_QUEUED_PANEL_BYTES): Result<FactorJobPayload['panel'], FactorQueueError> {
  const bytes = panel.times.byteLength + [...panel.columns.values()].reduce((sum, c) => sum + c.byteLength, 0);
  if (bytes > limit) {
    const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
    return err({ code: 'PANEL_TOO_LARGE_FOR_QUEUE', message: `the panel (${panel.symbols.length} symbols × ${panel.times.length} dates, ${mib(bytes)}) exceeds the ${mib(limit)} a queued job carries: run it locally or narrow --symbols/--from/--to`, bytes, limit });
  }
  // Copies off shared memory: the codec reads plain buffers.
  return ok({
    symbols: [...panel.symbols],
    times: Float64Array.from(panel.times),
    columns: Object.fromEntries([...panel.columns].map(([name, c]) => [name, Float64Array.from(c)])),
    groups: Object.fromEntries([...panel.groups].map(([name, ids]) => [name, Array.from(ids)])),
  });
}

/**
 * What a parsed analysis must also be for its job: one analysis per factor sent, in order, every series one value per
 * date, quantiles and decay as the options asked, values (symbols × dates) exactly when asked. Returns the problems.
 */
export function analysisProblems(job: Pick<FactorJobPayload, 'factors'>, task: AnalyzeTask, dates: number, symbols: number, factors: readonly AnalyzedFactor[]): string[] {
  const problems: string[] = [];
  if (factors.length !== job.factors.length) return [`factors: ${factors.length} analyses for ${job.factors.length} factors`];
  const options: FactorAnalysisOptions = task.options;
  factors.forEach((f, i) => {
    const at = `factors.${i}`;
    if (f.name !== job.factors[i]!.name) problems.push(`${at}.name: '${f.name}' answers for '${job.factors[i]!.name}'`);
    const a = f.analysis;
    const q = a.quantileAnalysis;
    const perDate: [string, Float64Array][] = [
      ['analysis.icSeries', a.icSeries],
      ['analysis.quantileAnalysis.spread', q.spread],
      ['analysis.quantileAnalysis.cumulativeSpread', q.cumulativeSpread],
      ['analysis.quantileAnalysis.turnoverTop', q.turnoverTop],
      ['analysis.quantileAnalysis.turnoverBottom', q.turnoverBottom],
      ['analysis.quantileAnalysis.rankAutocorrelation', q.rankAutocorrelation],
      ...q.cumulative.map((c, k): [string, Float64Array] => [`analysis.quantileAnalysis.cumulative.${k}`, c]),
    ];
    for (const [path, series] of perDate) if (series.length !== dates) problems.push(`${at}.${path}: ${series.length} values for ${dates} dates`);
    if (a.horizon !== options.horizon || a.method !== options.method) problems.push(`${at}.analysis: horizon ${a.horizon} (${a.method}), not ${options.horizon} (${options.method})`);
    if (q.quantiles.length !== options.quantiles || q.cumulative.length !== options.quantiles) problems.push(`${at}.analysis.quantileAnalysis: not ${options.quantiles} quantiles`);
    if (a.decay.map((d) => d.horizon).join() !== options.horizons.join()) problems.push(`${at}.analysis.decay: horizons ${a.decay.map((d) => d.horizon).join(',')}, not ${options.horizons.join(',')}`);
    if (task.returnValues ? f.values?.length !== symbols * dates : f.values !== null) problems.push(`${at}.values: ${task.returnValues ? `must be symbols × dates = ${symbols * dates} values` : 'were not asked for'}`);
  });
  return problems;
}

/** What parsed values must also be for their job: one array of symbols × dates per factor sent, in order. */
export function valuesProblems(job: Pick<FactorJobPayload, 'factors'>, dates: number, symbols: number, factors: readonly FactorValues[]): string[] {
  if (factors.length !== job.factors.length) return [`factors: ${factors.length} value sets for ${job.factors.length} factors`];
  const problems: string[] = [];
  factors.forEach((f, i) => {
    if (f.name !== job.factors[i]!.name) problems.push(`factors.${i}.name: '${f.name}' answers for '${job.factors[i]!.name}'`);
    if (f.values.length !== symbols * dates) problems.push(`factors.${i}.values: ${f.values.length} values, not symbols × dates = ${symbols * dates}`);
  });
  return problems;
}
