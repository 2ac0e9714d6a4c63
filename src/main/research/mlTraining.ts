// Walk-forward training of a tabular model, composed once for the CLI and the API: rows (a panel file's or stored
// factors' evaluated by the factors workers) → training set → folds, metrics and importance (fitted by a
// WalkForwardFit: in this thread, or in the ML engine) → the final model's artifact registered as a candidate;
// progress per step and cancel (while the factors run, and between folds or trees).
import { buildTrainingSet, type MissingPolicy, type PanelRow, type TargetKind, type TrainingSetError } from '../../core/ml/trainingSet';
import type { WalkForwardError } from '../../core/ml/walkForwardParts';
import { trainWalkForward, type TrainingSet, type WalkForwardSpec, type WalkForwardTraining } from '../../core/ml/walkForwardTraining';
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import type { TrainingReport } from '../../shared/contracts/mlTraining';
import type { MlModelRegistry, RegistryError } from '../storage/sqlite/mlModelRegistry';
import type { MlQueueError } from '../team/mlJob';
import type { PanelError } from './factorPanel';
import type { FactorRunError } from './factorReport';
import type { FactorDeps } from './factorService';
import { factorPanelRows } from './mlFactorDataset';
import { registerTrained } from './mlModelStore';

export type { TrainingReport };

export type TrainingError = TrainingSetError | WalkForwardError | MlQueueError | RegistryError | FactorRunError | PanelError;

export interface TrainingRun {
  readonly name: string;
  readonly features: readonly string[];
  readonly missing: MissingPolicy;
  readonly target: TargetKind;
  readonly horizon: number;
  readonly spec: WalkForwardSpec;
}

export interface TrainingProgress {
  /** 'factors' while the rows are computed, then 'fold' per fold and 'final' for the fit on every row. */
  readonly onProgress?: (step: 'factors' | 'fold' | 'final', done: number, total: number, detail: string) => void;
  readonly signal?: AbortSignal;
}

export interface TrainingTarget {
  readonly registry: MlModelRegistry;
  readonly dataDir: string;
  /** Where the folds are fitted: default in this thread (the CLI); the backend passes the ML engine's; either may pass the research queue's (team/queuedTraining). */
  readonly fit?: WalkForwardFit;
}

export interface FitControl {
  /** Fold i of n (n = folds + 1 for the final fit). */
  readonly onProgress: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** Fits the folds, importance and final model of a training set; the same numbers wherever it runs. */
export type WalkForwardFit = (set: TrainingSet, spec: WalkForwardSpec, control: FitControl) => Promise<Result<WalkForwardTraining, WalkForwardError | MlQueueError>>;

/** In this thread: blocks it until the fit is done, so the signal is seen only by progress between folds. */
export const fitInThisThread: WalkForwardFit = async (set, spec, control) =>
  trainWalkForward(set, spec, {
    onProgress: (done, total) => {
      control.onProgress(done, total);
      return !control.signal?.aborted;
    },
  });

export async function trainAndRegister(target: TrainingTarget, rows: readonly PanelRow[], run: TrainingRun, control: TrainingProgress = {}): Promise<Result<TrainingReport, TrainingError>> {
  const set = buildTrainingSet(rows, run.features, run.horizon, run.target, run.missing);
  if (!set.ok) return set;
  const training = await (target.fit ?? fitInThisThread)(set.value, run.spec, {
    onProgress: (done, total) => control.onProgress?.(done < total ? 'fold' : 'final', done, total, done < total ? `fold ${done}/${total - 1}` : 'final fit'),
    ...(control.signal ? { signal: control.signal } : {}),
  });
  if (!training.ok) return training;
  const t = training.value;
  const registered = registerTrained(target.registry, target.dataDir, { name: run.name, set: set.value, target: run.target, horizon: run.horizon, spec: run.spec, training: t });
  if (!registered.ok) return registered;
  const importance = Object.fromEntries(set.value.features.map((f, j) => [f, { permutation: t.importance.permutation[j]!, ...(t.importance.impurity ? { impurity: t.importance.impurity[j]! } : {}) }]));
  return ok({ model: registered.value, folds: t.folds, outOfSample: t.outOfSample, importance, skippedRows: set.value.skipped });
}

export interface FactorTrainingRequest {
  readonly factors: readonly string[];
  readonly symbols?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly timeframe: Timeframe;
}

/** Stored factors by name over the stored universe; rows where a factor is still warming up are left out and counted. */
export async function trainOnFactors(
  deps: FactorDeps,
  target: TrainingTarget,
  request: FactorTrainingRequest,
  run: Omit<TrainingRun, 'features' | 'missing'>,
  control: TrainingProgress = {},
): Promise<Result<TrainingReport, TrainingError>> {
  const rows = await factorPanelRows(deps, request, { ...(control.signal ? { signal: control.signal } : {}), onProgress: (done, total, factor) => control.onProgress?.('factors', done, total, factor) });
  if (!rows.ok) return rows;
  if (control.signal?.aborted) return err({ code: 'CANCELLED', message: 'the run was cancelled' });
  return trainAndRegister(target, rows.value, { ...run, features: request.factors, missing: 'skip' }, control);
}
