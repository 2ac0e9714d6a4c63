// Walk-forward training on a generated panel (20 symbols a day, the next return linear in two features plus noise):
// folds respect the embargo, out-of-sample metrics find the signal, every kind fits, and bad input fails clearly.
import { describe, expect, it } from 'vitest';
import { predictionMetrics, trainWalkForward, type TabularParams, type TrainingSet } from '../../../../src/core/ml';
import { SeededRandom } from '../../../../src/core/model/clock';

const DAY = 86_400_000;

function panel(dates: number, symbols: number, seed: number, constantFeature = false): TrainingSet {
  const random = new SeededRandom(seed);
  const p = 3;
  const n = dates * symbols;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = constantFeature && j === 2 ? 1 : random.normal();
    y[i] = 0.8 * x[i * p]! - 0.5 * x[i * p + 1]! + 0.5 * random.normal();
    time[i] = Math.floor(i / symbols) * DAY;
  }
  return { design: { x, rows: n, features: p }, y, time };
}

const base = { mode: 'expanding' as const, trainDates: 40, testDates: 10, embargoDates: 5, importanceRepeats: 3, seed: 1 };

describe('walk-forward training', () => {
  it('ridge: folds keep the embargo, out-of-sample R² and IC find the signal, permutation importance ranks it', () => {
    const set = panel(100, 20, 1);
    const out = trainWalkForward(set, { ...base, model: { kind: 'ridge', alpha: 1 }, task: 'regression' });
    if (!out.ok) throw new Error(out.error.message);
    const t = out.value;
    expect(t.folds.length).toBe(5);
    for (const f of t.folds) {
      expect((f.testFrom - f.trainTo) / DAY).toBe(base.embargoDates + 1);
      expect(f.metrics.rows).toBe(10 * 20);
    }
    expect(t.outOfSample.r2).toBeGreaterThan(0.6);
    expect(t.outOfSample.ic).toBeGreaterThan(0.7);
    expect(t.outOfSample.hitRate).toBeGreaterThan(0.75);
    expect(t.importance.permutation[0]!).toBeGreaterThan(t.importance.permutation[1]!);
    expect(t.importance.permutation[1]!).toBeGreaterThan(Math.abs(t.importance.permutation[2]!) + 0.1);
    expect(t.importance.impurity).toBeUndefined();
  });

  it('every model kind trains (direction for logistic), each with finite fold metrics', () => {
    const set = panel(70, 20, 2);
    const kinds: Array<[TabularParams, 'regression' | 'classification']> = [
      [{ kind: 'lasso', alpha: 0.01 }, 'regression'],
      [{ kind: 'tree', maxDepth: 4, minSamplesLeaf: 10 }, 'regression'],
      [{ kind: 'forest', trees: 10, maxDepth: 6, minSamplesLeaf: 5, maxFeatures: 'sqrt', seed: 3 }, 'regression'],
      [{ kind: 'gbt', rounds: 20, learningRate: 0.1, maxDepth: 3, lambda: 1, gamma: 0, minChildWeight: 1, maxBin: 64 }, 'regression'],
      [{ kind: 'logistic', c: 1 }, 'classification'],
      [{ kind: 'gbt', rounds: 20, learningRate: 0.1, maxDepth: 3, lambda: 1, gamma: 0, minChildWeight: 1, maxBin: 64 }, 'classification'],
    ];
    for (const [model, task] of kinds) {
      const y = task === 'classification' ? set.y.map((v) => (v > 0 ? 1 : 0)) : set.y;
      const out = trainWalkForward({ ...set, y }, { ...base, model, task });
      if (!out.ok) throw new Error(`${model.kind}: ${out.error.message}`);
      expect(out.value.folds.every((f) => Number.isFinite(f.metrics.mse) && Number.isFinite(f.metrics.ic)), model.kind).toBe(true);
      expect(out.value.outOfSample.hitRate, model.kind).toBeGreaterThan(0.6);
      if (model.kind !== 'lasso' && model.kind !== 'logistic') expect(out.value.importance.impurity?.length, model.kind).toBe(3);
    }
  });

  it('too few dates, a constant feature, a wrong kind for the target, cancel', () => {
    expect(trainWalkForward(panel(50, 5, 3), { ...base, model: { kind: 'ridge', alpha: 1 }, task: 'regression' })).toMatchObject({ ok: false, error: { code: 'TOO_FEW_OBSERVATIONS', minimum: 55 } });
    expect(trainWalkForward(panel(60, 5, 4, true), { ...base, model: { kind: 'ridge', alpha: 1 }, task: 'regression' })).toMatchObject({ ok: false, error: { code: 'CONSTANT_FEATURE', feature: 2, fold: 0 } });
    expect(trainWalkForward(panel(60, 5, 5), { ...base, model: { kind: 'logistic', c: 1 }, task: 'regression' })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'kind' } });
    expect(trainWalkForward(panel(100, 5, 6), { ...base, model: { kind: 'ridge', alpha: 1 }, task: 'regression' }, { onProgress: (done) => done < 2 })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('a cancel polled between trees stops a forest inside its first fold, and polling alone changes nothing', () => {
    const set = panel(70, 10, 7);
    const spec = { ...base, model: { kind: 'forest', trees: 50, maxDepth: 4, minSamplesLeaf: 5, maxFeatures: 'sqrt', seed: 3 } as const, task: 'regression' as const };
    let polls = 0;
    const folds: number[] = [];
    const out = trainWalkForward(set, spec, { onProgress: (done) => void folds.push(done), isCancelled: () => ++polls > 10 });
    expect(out).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: 'fold 1 (training dates 0…39): cancelled after 10 of 50 trees', fold: 0 } });
    expect(folds).toEqual([]);
    const polled = trainWalkForward(set, spec, { isCancelled: () => false });
    const plain = trainWalkForward(set, spec);
    expect(polled).toEqual(plain);
  });

  it('metrics: a perfect ranking has IC 1; hit rate counts signs (returns) or sides of ½ (directions)', () => {
    const m = predictionMetrics(Float64Array.from([-2, -1, 1, 3]), Float64Array.from([-0.2, 0.1, 0.3, 0.4]), 'regression');
    expect(m.ic).toBeCloseTo(1, 12);
    expect(m.hitRate).toBe(0.75);
    expect(predictionMetrics(Float64Array.from([0, 1, 1]), Float64Array.from([0.2, 0.7, 0.4]), 'classification').hitRate).toBeCloseTo(2 / 3, 12);
  });
});
