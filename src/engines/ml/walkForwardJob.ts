// The ML engine's walk-forward job: a training set it is sent as typed arrays, fitted fold by fold with src/core/ml,
// progress per fold through a callback, cancel by a shared flag polled between folds and between trees or rounds.
import type { WalkForwardError } from '../../core/ml/walkForwardParts';
import { trainWalkForward, type WalkForwardSpec, type WalkForwardTraining } from '../../core/ml/walkForwardTraining';
import { err, ok, type Result } from '../../core/model/result';

export interface WalkForwardJob {
  /** Row-major rows × features, rows in date order. */
  readonly x: Float64Array;
  readonly features: number;
  readonly y: Float64Array;
  /** Per row, its date (epoch ms). */
  readonly time: Float64Array;
  readonly spec: WalkForwardSpec;
  /** Int32Array over a SharedArrayBuffer: non-zero cancels (absent where the port cannot share memory). */
  readonly cancelFlag?: Int32Array;
}

export interface WalkForwardReply {
  readonly training: WalkForwardTraining;
  /** How many progress calls were made, so the caller can wait for the last before it reports completion. */
  readonly progressSent: number;
}

/** A fit's error, naming the fold it stopped at (one home: core/ml/walkForwardParts). */
export type WalkForwardJobError = WalkForwardError;

export function runWalkForwardJob(job: WalkForwardJob, onProgress?: (done: number, total: number) => unknown): Result<WalkForwardReply, WalkForwardJobError> {
  const rows = job.y.length;
  if (!Number.isInteger(job.features) || job.features < 1 || job.x.length !== rows * job.features) {
    return err({ code: 'SHAPE_MISMATCH', message: `${job.x.length} feature values for ${rows} rows of ${job.features} features` });
  }
  const flag = job.cancelFlag;
  let progressSent = 0;
  const training = trainWalkForward({ design: { x: job.x, rows, features: job.features }, y: job.y, time: job.time }, job.spec, {
    onProgress: (done, total) => {
      if (onProgress) {
        progressSent++;
        void onProgress(done, total);
      }
    },
    ...(flag ? { isCancelled: () => Atomics.load(flag, 0) !== 0 } : {}),
  });
  return training.ok ? ok({ training: training.value, progressSent }) : training;
}
