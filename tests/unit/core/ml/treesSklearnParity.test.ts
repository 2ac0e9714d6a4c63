// CART trees and the random forest against scikit-learn on real data (EuStockMarkets volatility features): one tree
// with every feature tried is deterministic, so its predictions and importances must match scikit-learn's exactly;
// a forest's bootstrap draws cannot be reproduced across libraries, so its test R² is compared within a tolerance.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitDecisionTree, fitRandomForest, predictForest, predictTree } from '../../../../src/core/ml';
import { SeededRandom } from '../../../../src/core/model/clock';
import { euroVolatilityData, maxAbsDiff, rSquared, writeTreeCsv } from './euroVolatilityData';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/trees_reference.py', import.meta.url));
const ready = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-trees-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(ready)('trees against scikit-learn (DAX 5-day volatility from 12 real features)', () => {
  const data = euroVolatilityData();
  writeTreeCsv(join(dir, 'train.csv'), data.train);
  writeTreeCsv(join(dir, 'test.csv'), data.test);
  const run = spawnSync(PYTHON, [REFERENCE, 'sklearn', join(dir, 'train.csv'), join(dir, 'test.csv')], { encoding: 'utf8' });
  type Reference = { regression: number[]; regressionImportance: number[]; regressionLeaves: number; classification: number[]; classificationImportance: number[]; forestR2: number };
  const ref = (run.status === 0 ? JSON.parse(run.stdout) : undefined) as Reference | undefined;

  it('the reference ran', () => expect(run.status, run.stderr).toBe(0));

  it("a regression tree (depth 6, 5 per leaf) predicts the test rows as DecisionTreeRegressor does, with its importances", () => {
    const fit = fitDecisionTree(data.train.design, data.train.y, { task: 'regression', maxDepth: 6, minSamplesLeaf: 5 });
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(predictTree(fit.value, data.test.design), ref!.regression)).toBeLessThan(1e-12);
    expect(maxAbsDiff(fit.value.importance, ref!.regressionImportance)).toBeLessThan(1e-9);
    expect(Array.from(fit.value.feature).filter((f) => f < 0).length).toBe(ref!.regressionLeaves);
  });

  it("a classification tree (Gini, depth 5) gives DecisionTreeClassifier's class-1 probabilities and importances", () => {
    const fit = fitDecisionTree(data.train.design, data.train.label, { task: 'classification', maxDepth: 5, minSamplesLeaf: 5 });
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(predictTree(fit.value, data.test.design), ref!.classification)).toBeLessThan(1e-12);
    expect(maxAbsDiff(fit.value.importance, ref!.classificationImportance)).toBeLessThan(1e-9);
  });

  it("a 200-tree forest's test R² is within 0.03 of RandomForestRegressor's (different bootstrap draws)", () => {
    const fit = fitRandomForest(data.train.design, data.train.y, { task: 'regression', trees: 200, maxFeatures: 0.34, minSamplesLeaf: 5, random: new SeededRandom(1) });
    if (!fit.ok) throw new Error(fit.error.message);
    const r2 = rSquared(data.test.y, predictForest(fit.value, data.test.design));
    expect(ref!.forestR2).toBeGreaterThan(0.1);
    expect(Math.abs(r2 - ref!.forestR2)).toBeLessThan(0.03);
  });
});
