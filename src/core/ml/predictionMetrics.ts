// Out-of-sample scores of a model's predictions: MSE, MAE, R², hit rate (the sign — or for a direction model the
// side of ½ — called right) and IC (Spearman rank correlation of predictions with outcomes).
import { pearson } from '../factors/analytics/crossSectionPairs';
import { averageRanks } from '../factors/crossSection';
import type { TreeTask } from './trees/decisionTree';

export interface PredictionMetrics {
  readonly rows: number;
  readonly mse: number;
  readonly mae: number;
  readonly r2: number;
  readonly hitRate: number;
  /** NaN when predictions or outcomes are constant (no ranking to correlate). */
  readonly ic: number;
}

/** `actual` is the target (a return, or a 0/1 direction label for classification, where predictions are P(up)). */
export function predictionMetrics(actual: Float64Array, predicted: Float64Array, task: TreeTask): PredictionMetrics {
  const n = actual.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i]!;
  mean /= n;
  let se = 0;
  let ae = 0;
  let st = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i]! - predicted[i]!;
    se += e * e;
    ae += Math.abs(e);
    st += (actual[i]! - mean) ** 2;
    const right = task === 'classification' ? (predicted[i]! > 0.5 ? 1 : 0) === actual[i] : Math.sign(predicted[i]!) === Math.sign(actual[i]!) && actual[i] !== 0;
    if (right) hits++;
  }
  const ra = new Float64Array(n);
  const rp = new Float64Array(n);
  averageRanks(actual, ra);
  averageRanks(predicted, rp);
  return { rows: n, mse: se / n, mae: ae / n, r2: st > 0 ? 1 - se / st : NaN, hitRate: hits / n, ic: pearson(rp, ra, n) };
}
