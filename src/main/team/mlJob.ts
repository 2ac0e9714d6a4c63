// Model training as research-queue jobs: a walk-forward training is cut into one job per fold (carrying that fold's
// training and test rows as compact arrays, and the model spec) and one for the final fit on every row (whose model
// the registry stores); what a job carries (up to a stated size), and the schemas a job and its answer are checked
// against when they come back out of the store, an answer also against the job it answers.
import { z } from 'zod';
import type { FoldFit, WalkForwardError } from '../../core/ml/walkForwardParts';
import { TABULAR_KINDS, type FittedTabular, type TabularKind, type TabularParams } from '../../core/ml/tabularModel';
import { DEFAULT_PARAMS, tabularParams } from '../../core/ml/tabularParams';
import type { WalkForwardSpec } from '../../core/ml/walkForwardTraining';
import { err, ok, type Result } from '../../core/model/result';
import type { WalkForwardPart } from '../../engines/ml/walkForwardPartJob';
import type { FactorQueueError } from './factorJob';
import { invalidAnswer, readJobAnswer } from './jobAnswer';
import type { JobOutcome } from './queueBatch';
import { parseFitted } from '../research/mlModelStore';

/**
 * The final job carries every row (each fold job a part of them), base64 in the store, so the training set is limited
 * to this many bytes of features and targets: 64 MiB is 8 M values, e.g. 200,000 rows of 40 features. A larger set is
 * refused before anything is queued.
 */
export const MAX_QUEUED_TRAINING_BYTES = 64 * 1024 * 1024;

/** Why a training sent to the queue did not come back (a fold's own fit error comes back as the local run's would). */
export type MlQueueError =
  | Exclude<FactorQueueError, { readonly code: 'PANEL_TOO_LARGE_FOR_QUEUE' }>
  | { readonly code: 'TRAINING_TOO_LARGE_FOR_QUEUE'; readonly message: string; readonly bytes: number; readonly limit: number };

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { message: 'must be a Float64Array' });
const count = z.number().int().nonnegative();
const rowsSchema = z.object({ x: f64, y: f64 }).strict();

/** A model's parameters as TabularParams holds them: every parameter of its kind, each one tabularParams accepts. */
const modelSchema = z
  .object({ kind: z.enum(TABULAR_KINDS as unknown as [TabularKind, ...TabularKind[]]) })
  .catchall(z.union([z.number(), z.literal('sqrt')]))
  .superRefine((m, ctx) => {
    const { kind, ...rest } = m as { kind: TabularKind } & Record<string, number | 'sqrt'>;
    const expected = Object.keys(DEFAULT_PARAMS[kind]).filter((k) => k !== 'kind');
    const missing = expected.filter((k) => !(k in rest));
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `${kind} needs ${missing.join(', ')}` });
    const checked = tabularParams(kind, rest);
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.error.code === 'BAD_OPTION' ? checked.error.option : 'kind'], message: checked.error.message });
  })
  .transform((m) => m as unknown as TabularParams);

const specSchema = z
  .object({
    model: modelSchema,
    task: z.enum(['regression', 'classification']),
    mode: z.enum(['expanding', 'rolling']),
    trainDates: z.number().int().min(1),
    testDates: z.number().int().min(1),
    embargoDates: count,
    importanceRepeats: z.number().int().min(1).max(1_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
  })
  .strict();

/** One part of a training: everything a worker needs, so it reads no other store. */
export const mlJobSchema = z
  .object({
    kind: z.literal('ml'),
    trainingId: z.string().uuid(),
    features: z.number().int().min(1).max(10_000),
    spec: specSchema,
    part: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fold'), index: count, trainDates: z.object({ from: count, to: count }).strict(), withImportance: z.boolean(), train: rowsSchema, test: rowsSchema }).strict(),
      z.object({ kind: z.literal('final'), rows: rowsSchema }).strict(),
    ]),
  })
  .strict()
  .superRefine((job, ctx) => {
    const sets: [string, { x: Float64Array; y: Float64Array }][] = job.part.kind === 'fold' ? [['train', job.part.train], ['test', job.part.test]] : [['rows', job.part.rows]];
    for (const [name, rows] of sets) {
      if (rows.y.length === 0) ctx.addIssue({ code: 'custom', path: ['part', name, 'y'], message: 'has no rows' });
      if (rows.x.length !== rows.y.length * job.features) ctx.addIssue({ code: 'custom', path: ['part', name, 'x'], message: `has ${rows.x.length} values, not rows × features = ${rows.y.length} × ${job.features}` });
    }
  });
export type MlJob = z.output<typeof mlJobSchema>;

/** The part a parsed job asks the ML engine for. */
export function partOf(job: MlJob): WalkForwardPart {
  const spec: WalkForwardSpec = job.spec;
  const p = job.part;
  return p.kind === 'fold' ? { kind: 'fold', index: p.index, trainDates: p.trainDates, withImportance: p.withImportance, features: job.features, train: p.train, test: p.test, spec } : { kind: 'final', features: job.features, rows: p.rows, spec };
}

/** A fit's own error (a business outcome, the one the local run ends with; not retried). */
const fitErrorSchema = z.object({ ok: z.literal(false), error: z.object({ code: z.string().regex(/^[A-Z_]+$/), message: z.string() }).passthrough() }).strict();

/** A worker's answer: a fold's test predictions (and the last fold's importance), the final model as JSON, or the fit's error. */
export const mlJobResultSchema = z.discriminatedUnion('ok', [
  z.discriminatedUnion('kind', [
    z.object({ ok: z.literal(true), kind: z.literal('fold'), index: count, predicted: f64, importance: z.object({ mean: f64, sd: f64 }).strict().optional() }).strict(),
    z.object({ ok: z.literal(true), kind: z.literal('final'), fitted: z.unknown() }).strict(),
  ]),
  fitErrorSchema,
]);
/** What a worker sends (the schema above is what the workstation accepts back). */
export type MlJobResult = z.input<typeof mlJobResultSchema>;

/** The job id of fold `index` of training `trainingId`, and of its final fit: the same job is never queued or recorded twice. */
export const mlFoldJobId = (trainingId: string, index: number): string => `${trainingId}.k${index}`;
export const mlFinalJobId = (trainingId: string): string => `${trainingId}.final`;

/** The kind of fitted model each kind of parameters fits. */
const fittedKind = (kind: TabularKind): string => (kind === 'ridge' || kind === 'lasso' ? 'linear:identity' : kind === 'logistic' ? 'linear:logistic' : kind);
const kindOf = (f: FittedTabular): string => (f.kind === 'linear' ? `linear:${f.link}` : f.kind);

export type MlAnswer = { readonly kind: 'fold'; readonly fit: FoldFit } | { readonly kind: 'final'; readonly model: FittedTabular };

/**
 * A job's outcome checked against the job it answers: the fold it names, one finite prediction per test row, the
 * importance exactly when asked (one mean and sd per feature), or a final model of the spec's kind over the job's
 * features. JOB_FAILED / JOB_RESULT_INVALID for the queue's failures, the fit's own error as the worker reports it.
 */
export function readMlOutcome(id: string, job: MlJob, outcome: JobOutcome): Result<MlAnswer, MlQueueError | WalkForwardError> {
  const invalid = (message: string) => invalidAnswer(id, message);
  const parsed = readJobAnswer(id, outcome, mlJobResultSchema);
  if (!parsed.ok) return parsed;
  const answer = parsed.value;
  // The fit's own error (a fold that cannot be fitted), as the local run would end with it.
  if (!answer.ok) return err(answer.error as unknown as WalkForwardError);
  const part = job.part;
  if (answer.kind !== part.kind) return invalid(`a ${answer.kind} answer to a ${part.kind} job`);
  if (answer.kind === 'final') {
    const model = parseFitted(answer.fitted, job.features);
    if (!model.ok) return invalid(`fitted: ${model.error}`);
    const expected = fittedKind(job.spec.model.kind);
    if (kindOf(model.value) !== expected) return invalid(`fitted: a ${kindOf(model.value)} model for a ${job.spec.model.kind} spec (${expected})`);
    return ok({ kind: 'final', model: model.value });
  }
  if (part.kind !== 'fold') return invalid('a fold answer to a final job');
  const problems: string[] = [];
  if (answer.index !== part.index) problems.push(`index: ${answer.index} answers for fold ${part.index}`);
  if (answer.predicted.length !== part.test.y.length) problems.push(`predicted: ${answer.predicted.length} predictions for ${part.test.y.length} test rows`);
  const bad = answer.predicted.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) problems.push(`predicted.${bad}: ${answer.predicted[bad]} is not a finite number`);
  if (part.withImportance !== (answer.importance !== undefined)) problems.push(`importance: ${part.withImportance ? 'missing' : 'was not asked for'}`);
  if (answer.importance && (answer.importance.mean.length !== job.features || answer.importance.sd.length !== job.features)) problems.push(`importance: not one mean and sd per feature (${job.features})`);
  if (problems.length > 0) return invalid(problems.join('; '));
  return ok({ kind: 'fold', fit: { predicted: answer.predicted, ...(answer.importance ? { importance: answer.importance } : {}) } });
}
