// Trees on generated data with known answers: a step function recovered exactly, a forest and a booster that learn
// a noiseless relation, seeded reproducibility, impurity and permutation importance that find the one informative
// feature, cancel, and the bad inputs every model refuses.
import { describe, expect, it } from 'vitest';
import { fitDecisionTree, fitGradientBoosting, fitRandomForest, permutationImportance, predictBoosted, predictForest, predictTree, type Design } from '../../../../src/core/ml';
import { binFeatures } from '../../../../src/core/ml/trees/featureBins';
import { SeededRandom } from '../../../../src/core/model/clock';
import { rSquared } from './euroVolatilityData';

function generated(n: number, seed: number, f: (row: Float64Array) => number): { design: Design; y: Float64Array } {
  const random = new SeededRandom(seed);
  const p = 4;
  const x = Float64Array.from({ length: n * p }, () => random.normal());
  const y = Float64Array.from({ length: n }, (_, i) => f(x.subarray(i * p, i * p + p)));
  return { design: { x, rows: n, features: p }, y };
}

const step = (r: Float64Array) => (r[2]! > 0.5 ? 3 : -1) + (r[0]! > 0 ? 1 : 0);

describe('decision tree', () => {
  it('recovers a two-feature step function exactly, with all importance on those two features', () => {
    const { design, y } = generated(500, 1, step);
    const fit = fitDecisionTree(design, y, { task: 'regression' });
    if (!fit.ok) throw new Error(fit.error.message);
    expect(Array.from(fit.value.feature).filter((f) => f < 0).length).toBe(4);
    expect(Array.from(predictTree(fit.value, design))).toEqual(Array.from(y));
    // thresholds are midpoints between training values: only a test value inside such a gap can land otherwise
    const test = generated(200, 2, step);
    const wrong = Array.from(predictTree(fit.value, test.design)).filter((v, i) => v !== test.y[i]).length;
    expect(wrong).toBeLessThanOrEqual(3);
    expect(fit.value.importance[1]! + fit.value.importance[3]!).toBe(0);
    expect(fit.value.importance[2]!).toBeGreaterThan(fit.value.importance[0]!);
  });

  it('refuses a constant feature, non-finite values, labels other than 0/1 and bad options', () => {
    const { design, y } = generated(50, 3, step);
    const constant = Float64Array.from(design.x);
    for (let i = 0; i < 50; i++) constant[i * 4 + 1] = 7;
    expect(fitDecisionTree({ ...design, x: constant }, y, { task: 'regression' })).toMatchObject({ ok: false, error: { code: 'CONSTANT_FEATURE', feature: 1 } });
    const nan = Float64Array.from(design.x);
    nan[9] = Number.POSITIVE_INFINITY;
    expect(fitGradientBoosting({ ...design, x: nan }, y, { loss: 'squared', rounds: 2 })).toMatchObject({ ok: false, error: { code: 'NON_FINITE_VALUE', index: 9 } });
    expect(fitDecisionTree(design, y, { task: 'classification' })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'labels' } });
    expect(fitDecisionTree(design, y, { task: 'regression', maxFeatures: 2 })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'random' } });
    expect(fitRandomForest(design, y, { task: 'regression', trees: 0, random: new SeededRandom(1) })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'trees' } });
    expect(fitGradientBoosting(design, y, { loss: 'squared', rounds: 5, maxBin: 300 })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'maxBin' } });
    expect(fitGradientBoosting({ ...design, rows: 1, x: design.x.subarray(0, 4) }, y.subarray(0, 1), { loss: 'squared', rounds: 5 })).toMatchObject({ ok: false, error: { code: 'TOO_FEW_OBSERVATIONS' } });
  });
});

describe('random forest', () => {
  const linear = (r: Float64Array) => 2 * r[0]! - r[1]!;
  it('learns a noiseless relation (test R² > 0.9) and is reproducible from its seed', () => {
    const { design, y } = generated(800, 4, linear);
    const test = generated(300, 5, linear);
    const fit = (seed: number) => {
      const f = fitRandomForest(design, y, { task: 'regression', trees: 30, maxFeatures: 2, random: new SeededRandom(seed) });
      if (!f.ok) throw new Error(f.error.message);
      return predictForest(f.value, test.design);
    };
    const a = fit(9);
    expect(rSquared(test.y, a)).toBeGreaterThan(0.9);
    expect(Array.from(fit(9))).toEqual(Array.from(a));
    expect(Array.from(fit(10))).not.toEqual(Array.from(a));
  });

  it('cancels between trees', () => {
    const { design, y } = generated(200, 6, linear);
    expect(fitRandomForest(design, y, { task: 'regression', trees: 10, random: new SeededRandom(1) }, (done) => done < 3)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('gradient boosting', () => {
  it('squared loss fits a noiseless step exactly in one round at learning rate 1 and lambda 0', () => {
    const { design, y } = generated(400, 7, step);
    const fit = fitGradientBoosting(design, y, { loss: 'squared', rounds: 1, learningRate: 1, lambda: 0, maxDepth: 2 });
    if (!fit.ok) throw new Error(fit.error.message);
    const test = generated(100, 8, step);
    const pred = predictBoosted(fit.value, test.design);
    // the learned edges lie between training values, so a test value between an edge and the true 0 / 0.5 may differ
    const agree = Array.from(pred).filter((v, i) => Math.abs(v - test.y[i]!) < 1e-12).length;
    expect(agree).toBeGreaterThan(95);
  });

  it('logistic loss separates a direction label; gamma large enough leaves only the base score', () => {
    const { design } = generated(600, 9, step);
    const labels = Float64Array.from({ length: 600 }, (_, i) => (design.x[i * 4 + 3]! > 0 ? 1 : 0));
    const fit = fitGradientBoosting(design, labels, { loss: 'logistic', rounds: 20, maxDepth: 2 });
    if (!fit.ok) throw new Error(fit.error.message);
    const p = predictBoosted(fit.value, design);
    expect(Array.from(p).every((q, i) => (q > 0.5 ? 1 : 0) === labels[i])).toBe(true);
    expect(fit.value.importance[3]).toBeCloseTo(1, 6);
    const flat = fitGradientBoosting(design, labels, { loss: 'logistic', rounds: 3, gamma: 1e9 });
    if (!flat.ok) throw new Error(flat.error.message);
    expect(Array.from(flat.value.feature).every((f) => f < 0)).toBe(true);
  });

  it('bins: one bin per distinct value below maxBin, quantile bins above it', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i % 10);
    const few = binFeatures({ x, rows: 1000, features: 1 }, 256);
    expect(few.offset[1]).toBe(10);
    expect(Array.from(few.codes.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const many = binFeatures({ x: Float64Array.from({ length: 1000 }, (_, i) => i), rows: 1000, features: 1 }, 16);
    expect(many.offset[1]).toBe(16);
    const counts = new Array<number>(16).fill(0);
    for (const c of many.codes) counts[c]!++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('a learning rate that blows the margin up is NOT_CONVERGED, never a NaN model', () => {
    const { design } = generated(100, 10, step);
    const y = Float64Array.from({ length: 100 }, (_, i) => (i < 10 ? 1.7e308 : -1));
    expect(fitGradientBoosting(design, y, { loss: 'squared', rounds: 3, baseScore: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_CONVERGED' } });
  });
});

describe('permutation importance', () => {
  it('finds the one feature a model uses, and restores the design', () => {
    const { design, y } = generated(500, 11, (r) => 3 * r[1]!);
    const before = Float64Array.from(design.x);
    const predict = (d: Design) => Float64Array.from({ length: d.rows }, (_, i) => 3 * d.x[i * 4 + 1]!);
    const imp = permutationImportance(predict, design, y, rSquared, 5, new SeededRandom(1));
    expect(imp.baseline).toBe(1);
    expect(imp.mean[1]).toBeGreaterThan(1.5);
    expect([imp.mean[0], imp.mean[2], imp.mean[3]]).toEqual([0, 0, 0]);
    expect(Array.from(design.x)).toEqual(Array.from(before));
  });
});
