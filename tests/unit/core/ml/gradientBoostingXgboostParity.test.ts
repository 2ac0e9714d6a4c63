// Histogram gradient boosting against XGBoost 1.7's tree_method='hist' on real data (EuStockMarkets volatility
// features). With every feature rounded to a 0.05 grid (at most 256 distinct values each) both libraries bin each
// distinct value alone, so the trees must be the same and predictions agree to float32 precision: XGBoost holds
// features, labels, gradients and predictions in float32, we in float64; 1e-5 on values near 1 leaves room for 50
// rounds of that rounding and nothing more. On the raw continuous features the bin edges are quantiles chosen
// differently (XGBoost's weighted sketch, our exact ranks), so there only the test R² is compared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitGradientBoosting, predictBoosted } from '../../../../src/core/ml';
import { euroVolatilityData, maxAbsDiff, rSquared, writeTreeCsv } from './euroVolatilityData';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/trees_reference.py', import.meta.url));
const ready = spawnSync(PYTHON, ['-c', 'import xgboost, numpy'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-xgb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Reference = { squared: number[]; logistic: number[]; squaredImportance: number[]; logisticImportance: number[]; squaredR2: number };

function reference(name: string, data: ReturnType<typeof euroVolatilityData>, params: Record<string, number>): { status: number | null; stderr: string; ref?: Reference } {
  writeTreeCsv(join(dir, `${name}-train.csv`), data.train);
  writeTreeCsv(join(dir, `${name}-test.csv`), data.test);
  const run = spawnSync(PYTHON, [REFERENCE, 'xgboost', join(dir, `${name}-train.csv`), join(dir, `${name}-test.csv`), JSON.stringify(params)], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, ref: run.status === 0 ? (JSON.parse(run.stdout) as Reference) : undefined };
}

const normalised = (v: number[]) => {
  const total = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / total);
};

describe.runIf(ready)('gradient-boosted trees against XGBoost hist (DAX 5-day volatility, 12 real features)', () => {
  const params = { maxBin: 256, maxDepth: 6, eta: 0.1, lambda: 1, gamma: 0, minChildWeight: 1, rounds: 50, baseScore: 1, baseProbability: 0.5 };
  const grid = euroVolatilityData(0.05);
  const run = reference('grid', grid, params);
  const options = { rounds: params.rounds, learningRate: params.eta, maxDepth: params.maxDepth, lambda: params.lambda, gamma: params.gamma, minChildWeight: params.minChildWeight, maxBin: params.maxBin };

  it('the reference ran, and each gridded feature has at most maxBin distinct values', () => {
    expect(run.status, run.stderr).toBe(0);
    for (let j = 0; j < 12; j++) expect(new Set(Array.from({ length: grid.train.design.rows }, (_, i) => grid.train.design.x[i * 12 + j])).size).toBeLessThanOrEqual(params.maxBin);
  });

  it('squared error: the same predictions on the test rows (1e-5) and the same total-gain importance (1e-4)', () => {
    const fit = fitGradientBoosting(grid.train.design, grid.train.y, { loss: 'squared', baseScore: params.baseScore, ...options });
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(predictBoosted(fit.value, grid.test.design), run.ref!.squared)).toBeLessThan(1e-5);
    expect(maxAbsDiff(fit.value.importance, normalised(run.ref!.squaredImportance))).toBeLessThan(1e-4);
  });

  it('logistic loss: the same class-1 probabilities on the test rows (1e-5)', () => {
    const fit = fitGradientBoosting(grid.train.design, grid.train.label, { loss: 'logistic', baseScore: params.baseProbability, ...options });
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(predictBoosted(fit.value, grid.test.design), run.ref!.logistic)).toBeLessThan(1e-5);
    expect(maxAbsDiff(fit.value.importance, normalised(run.ref!.logisticImportance))).toBeLessThan(1e-4);
  });

  it('continuous features, 32 bins: test R² within 0.02 of XGBoost (bin edges differ)', () => {
    const raw = euroVolatilityData();
    const rawParams = { ...params, maxBin: 32, maxDepth: 2, rounds: 50, eta: 0.03, minChildWeight: 20 };
    const rawRun = reference('raw', raw, rawParams);
    expect(rawRun.status, rawRun.stderr).toBe(0);
    const fit = fitGradientBoosting(raw.train.design, raw.train.y, { loss: 'squared', baseScore: 1, rounds: 50, learningRate: 0.03, maxDepth: 2, minChildWeight: 20, maxBin: 32 });
    if (!fit.ok) throw new Error(fit.error.message);
    const r2 = rSquared(raw.test.y, predictBoosted(fit.value, raw.test.design));
    expect(rawRun.ref!.squaredR2).toBeGreaterThan(0.1);
    expect(Math.abs(r2 - rawRun.ref!.squaredR2), `ours ${r2}, XGBoost ${rawRun.ref!.squaredR2}`).toBeLessThan(0.02);
  });
});
