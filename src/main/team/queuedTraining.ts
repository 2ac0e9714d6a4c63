// A walk-forward training's fits sent to the research queue instead of this machine's ML engine: one job per fold
// (job id <training>.k<n>, so nothing is queued or counted twice) and one for the final fit, progress as jobs finish on
// any worker (in any order), each answer checked against its job before it counts; the report assembled in fold order
// with the same functions a local training uses (walkForwardParts), so it, the data hash and the registered artifact
// are the local run's exactly. The first failed or invalid answer ends the training (its queued jobs removed), as does
// cancelling; nothing is registered then.
import { randomUUID } from 'node:crypto';
import { assembleWalkForward, planWalkForward, type FoldFit, type FoldRows, type WalkForwardError } from '../../core/ml/walkForwardParts';
import type { TrainingSet, WalkForwardSpec } from '../../core/ml/walkForwardTraining';
import type { FittedTabular } from '../../core/ml/tabularModel';
import { err, ok, type Result } from '../../core/model/result';
import type { FactorDeps } from '../research/factorService';
import type { WalkForwardFit } from '../research/mlTraining';
import { MAX_QUEUED_TRAINING_BYTES, mlFinalJobId, mlFoldJobId, readMlOutcome, type MlJob, type MlQueueError } from './mlJob';
import { readJobsOnQueue } from './queueBatch';
import { queueNotConfigured, type QueueConnection } from './researchQueue';

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

export interface TrainingJobs {
  readonly folds: FoldRows[];
  /** One job per fold (in fold order, the last asked for the permutation importance), then the final fit's. */
  readonly jobs: { readonly id: string; readonly name: 'ml'; readonly payload: MlJob }[];
}

/** The jobs of training `trainingId`, or why it cannot go to the queue (its folds cannot be cut, or it is too large). */
export function trainingJobs(set: TrainingSet, spec: WalkForwardSpec, trainingId: string, limit = MAX_QUEUED_TRAINING_BYTES): Result<TrainingJobs, WalkForwardError | MlQueueError> {
  const plan = planWalkForward(set, spec);
  if (!plan.ok) return plan;
  const bytes = set.design.x.byteLength + set.y.byteLength;
  if (bytes > limit) {
    return err({ code: 'TRAINING_TOO_LARGE_FOR_QUEUE', message: `the training set (${set.y.length} rows × ${set.design.features} features, ${mib(bytes)}) exceeds the ${mib(limit)} a queued job carries: train it locally or narrow --symbols/--from/--to`, bytes, limit });
  }
  const folds = plan.value;
  const features = set.design.features;
  // Views, not copies: the codec writes each one's own bytes.
  const slice = (from: number, to: number) => ({ x: set.design.x.subarray(from * features, to * features), y: set.y.subarray(from, to) });
  const jobs: TrainingJobs['jobs'] = folds.map((fold) => ({
    id: mlFoldJobId(trainingId, fold.index),
    name: 'ml',
    payload: {
      kind: 'ml',
      trainingId,
      features,
      spec,
      part: { kind: 'fold', index: fold.index, trainDates: fold.trainDates, withImportance: fold.index === folds.length - 1, train: slice(fold.train.from, fold.train.to), test: slice(fold.test.from, fold.test.to) },
    },
  }));
  jobs.push({ id: mlFinalJobId(trainingId), name: 'ml', payload: { kind: 'ml', trainingId, features, spec, part: { kind: 'final', rows: slice(0, set.y.length) } } });
  return ok({ folds, jobs });
}

/** Fits on the queue `connection`, for trainAndRegister in place of this thread or the ML engine. */
export function queuedFit(connection: QueueConnection, limit = MAX_QUEUED_TRAINING_BYTES): WalkForwardFit {
  return async (set, spec, control) => {
    const planned = trainingJobs(set, spec, randomUUID(), limit);
    if (!planned.ok) return planned;
    if (control.signal?.aborted) return err({ code: 'CANCELLED', message: 'cancelled before the first fold' });
    const { folds, jobs } = planned.value;
    const fits: FoldFit[] = new Array(folds.length);
    let model: FittedTabular | undefined;
    let done = 0;
    const end = await readJobsOnQueue(
      connection,
      jobs,
      (index, outcome) => readMlOutcome(jobs[index]!.id, jobs[index]!.payload, outcome),
      (index, answer) => {
        if (answer.kind === 'final') model = answer.model;
        else fits[index] = answer.fit;
        control.onProgress(++done, jobs.length);
      },
      control.signal,
    );
    if (!end.ok) return end;
    if (end.value !== 'done' || !model) return err({ code: 'CANCELLED', message: `cancelled after ${done} of ${jobs.length} fits` });
    return ok(assembleWalkForward(set, spec, folds, fits, model));
  };
}

/** Where a training's fits run: `local` (this thread or the ML engine), or the queue when asked for and configured. */
export function fitFor(deps: Pick<FactorDeps, 'researchQueue'>, on: 'local' | 'queue' | undefined, local?: WalkForwardFit): Result<WalkForwardFit | undefined, MlQueueError> {
  if (on !== 'queue') return ok(local);
  return deps.researchQueue ? ok(queuedFit(deps.researchQueue)) : err(queueNotConfigured());
}
