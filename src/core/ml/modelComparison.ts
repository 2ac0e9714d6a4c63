// A/B comparison of two fitted models on the same out-of-sample rows (the window's dates and symbols where every
// feature of both models is known and the forward return is): MSE, MAE, R², hit rate and IC per model, and a
// Diebold-Mariano test on the per-date mean squared-error differential. The CLI and the API both score through here.
import { err, ok, type Result } from '../model/result';
import { dieboldMariano, type PairedLossTest } from './dieboldMariano';
import { predictionMetrics, type PredictionMetrics } from './predictionMetrics';
import { predictTabularRow, type FittedTabular } from './tabularModel';
import { buildTrainingSet, type BuiltTrainingSet, type MissingPolicy, type PanelRow, type TargetKind, type TrainingSetError } from './trainingSet';

export interface ComparedModel {
  readonly features: readonly string[];
  readonly target: TargetKind;
  readonly horizon: number;
  readonly fitted: FittedTabular;
  /** The last date the model was trained on: a default window starts clear of it (see compareModels). */
  readonly trainTo: number;
}

export interface ComparisonWindow {
  /** Default: the `horizon`-th date after the later of the two training windows, so no outcome overlaps a label. */
  readonly from?: number;
  readonly to?: number;
}

/** The Diebold-Mariano test needs a series of dates, not a handful. */
export const MIN_COMPARISON_DATES = 10;

export type ComparisonError =
  | TrainingSetError
  | { readonly code: 'NOT_COMPARABLE'; readonly message: string }
  | { readonly code: 'NO_COMMON_ROWS'; readonly datesA: number; readonly datesB: number; readonly message: string }
  | { readonly code: 'TOO_FEW_ROWS'; readonly rows: number; readonly dates: number; readonly minimumDates: number; readonly message: string }
  | { readonly code: 'NON_FINITE_PREDICTION'; readonly model: 'a' | 'b'; readonly symbol: string; readonly date: number; readonly message: string };

export interface ComparedSide extends PredictionMetrics {
  /** True when the window starts on or before the model's last training date: not an out-of-sample score. */
  readonly overlapsTraining: boolean;
}

export interface ModelComparison {
  readonly from: number;
  readonly to: number;
  readonly rows: number;
  readonly dates: number;
  readonly a: ComparedSide;
  readonly b: ComparedSide;
  /** Loss: squared error (Brier score for a direction model), averaged over each date's symbols; d = A − B. */
  readonly difference: PairedLossTest;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function windowIndices(set: BuiltTrainingSet, from: number, to: number): number[] {
  const keep: number[] = [];
  for (let i = 0; i < set.time.length; i++) if (set.time[i]! >= from && set.time[i]! <= to) keep.push(i);
  return keep;
}

const distinctDates = (set: BuiltTrainingSet, keep: readonly number[]) => new Set(keep.map((i) => set.time[i]!)).size;

/** The horizon-th panel date after training: the first whose outcome shares no bar with a training label. */
function defaultFrom(rows: readonly PanelRow[], trainTo: number, horizon: number): number {
  const dates = [...new Set(rows.map((r) => r.date))].filter((t) => t > trainTo).sort((x, y) => x - y);
  return dates[horizon - 1] ?? Infinity;
}

/** How many window dates one model alone could be scored on (to tell "too short" from "features disjoint"). */
function datesAlone(rows: readonly PanelRow[], m: ComparedModel, from: number, to: number, missing: MissingPolicy): number {
  const set = buildTrainingSet(rows, m.features, m.horizon, m.target, missing);
  return set.ok ? distinctDates(set.value, windowIndices(set.value, from, to)) : 0;
}

export function compareModels(rows: readonly PanelRow[], a: ComparedModel, b: ComparedModel, window: ComparisonWindow, missing: MissingPolicy): Result<ModelComparison, ComparisonError> {
  if (a.target !== b.target || a.horizon !== b.horizon) {
    return err({ code: 'NOT_COMPARABLE', message: `A predicts the ${a.target} over ${a.horizon} bars, B the ${b.target} over ${b.horizon}: not the same outcome` });
  }
  const features = [...new Set([...a.features, ...b.features])];
  const built = buildTrainingSet(rows, features, a.horizon, a.target, missing);
  if (!built.ok && built.error.code !== 'TOO_FEW_OBSERVATIONS') return built;
  const set = built.ok ? built.value : undefined;
  const from = window.from ?? defaultFrom(rows, Math.max(a.trainTo, b.trainTo), a.horizon);
  const to = window.to ?? Infinity;
  const keep = set ? windowIndices(set, from, to) : [];
  const dates = set ? distinctDates(set, keep) : 0;
  if (!set || dates < MIN_COMPARISON_DATES) {
    const [datesA, datesB] = [datesAlone(rows, a, from, to, missing), datesAlone(rows, b, from, to, missing)];
    const where = `${Number.isFinite(from) ? day(from) : 'after training'}…${Number.isFinite(to) ? day(to) : 'the last date'}`;
    if (datesA >= MIN_COMPARISON_DATES && datesB >= MIN_COMPARISON_DATES) {
      return err({ code: 'NO_COMMON_ROWS', datesA, datesB, message: `A can be scored on ${datesA} dates of ${where} and B on ${datesB}, but their features are known together on only ${dates}` });
    }
    return err({ code: 'TOO_FEW_ROWS', rows: keep.length, dates, minimumDates: MIN_COMPARISON_DATES, message: `${where} has ${dates} dates with a known ${a.horizon}-bar forward return; a comparison needs at least ${MIN_COMPARISON_DATES}` });
  }
  const p = features.length;
  const y = Float64Array.from(keep, (i) => set.y[i]!);
  const predict = (m: ComparedModel, side: 'a' | 'b'): Result<Float64Array, ComparisonError> => {
    const columns = m.features.map((f) => features.indexOf(f));
    const x = new Float64Array(columns.length);
    const out = new Float64Array(keep.length);
    for (const [k, i] of keep.entries()) {
      columns.forEach((c, j) => (x[j] = set.design.x[i * p + c]!));
      out[k] = predictTabularRow(m.fitted, x, 0);
      if (!Number.isFinite(out[k])) return err({ code: 'NON_FINITE_PREDICTION', model: side, symbol: set.symbols[i]!, date: set.time[i]!, message: `model ${side.toUpperCase()} predicts ${out[k]} for ${set.symbols[i]} on ${day(set.time[i]!)}` });
    }
    return ok(out);
  };
  const pa = predict(a, 'a');
  if (!pa.ok) return pa;
  const pb = predict(b, 'b');
  if (!pb.ok) return pb;
  const task = a.target === 'direction' ? 'classification' : 'regression';
  const d = new Float64Array(dates);
  let at = 0;
  let sum = 0;
  let count = 0;
  for (let k = 0; k < keep.length; k++) {
    sum += (y[k]! - pa.value[k]!) ** 2 - (y[k]! - pb.value[k]!) ** 2;
    count++;
    if (k === keep.length - 1 || set.time[keep[k + 1]!] !== set.time[keep[k]!]) {
      d[at++] = sum / count;
      sum = 0;
      count = 0;
    }
  }
  const first = set.time[keep[0]!]!;
  const last = set.time[keep[keep.length - 1]!]!;
  return ok({
    from: first,
    to: last,
    rows: keep.length,
    dates,
    a: { ...predictionMetrics(y, pa.value, task), overlapsTraining: first <= a.trainTo },
    b: { ...predictionMetrics(y, pb.value, task), overlapsTraining: first <= b.trainTo },
    difference: dieboldMariano(d, a.horizon - 1),
  });
}
