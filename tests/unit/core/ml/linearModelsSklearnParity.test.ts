// Ridge, lasso and logistic regression against scikit-learn on real data (next-day DAX return from the four
// indices' last five daily returns, EuStockMarkets) and against closed forms on generated data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitLasso, fitLogistic, fitRidge, type Design } from '../../../../src/core/ml';
import { SeededRandom } from '../../../../src/core/model/clock';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/linear_reference.py', import.meta.url));
const ready = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-linear-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Features: each index's percent log returns over the last 5 days (20 columns); target: the DAX's next-day return. */
function daxDesign(): { design: Design; y: Float64Array } {
  const rows = readFileSync(fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url)), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(1).map(Number));
  const r = rows.slice(1).map((row, t) => row.map((c, j) => 100 * Math.log(c / rows[t]![j]!)));
  const lags = 5;
  const x: number[] = [];
  const y: number[] = [];
  for (let t = lags; t < r.length; t++) {
    for (let j = 0; j < 4; j++) for (let l = 1; l <= lags; l++) x.push(r[t - l]![j]!);
    y.push(r[t]![0]!);
  }
  return { design: { x: Float64Array.from(x), rows: y.length, features: 4 * lags }, y: Float64Array.from(y) };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe.runIf(ready)('linear models against scikit-learn (DAX next-day return, 20 lagged returns)', () => {
  const { design, y } = daxDesign();
  const file = join(dir, 'dax.csv');
  const p = design.features;
  writeFileSync(file, `${Array.from({ length: p }, (_, j) => `f${j}`).join(',')},y\n${Array.from({ length: design.rows }, (_, i) => [...design.x.subarray(i * p, (i + 1) * p), y[i]].map((v) => v!.toPrecision(17)).join(',')).join('\n')}\n`);
  const run = spawnSync(PYTHON, [REFERENCE, file, '10', '0.02', '0.5'], { encoding: 'utf8' });
  type Coefs = { intercept: number; coefficients: number[] };
  const ref = (run.status === 0 ? JSON.parse(run.stdout) : undefined) as { ridge: Coefs; lasso: Coefs; logistic: Coefs } | undefined;

  it('the reference ran', () => expect(run.status, run.stderr).toBe(0));

  it('ridge (alpha 10): coefficients to 1e-10', () => {
    const fit = fitRidge(design, y, 10);
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(fit.value.coefficients, ref!.ridge.coefficients)).toBeLessThan(1e-10);
    expect(Math.abs(fit.value.intercept - ref!.ridge.intercept)).toBeLessThan(1e-10);
  });

  it('lasso (alpha 0.02): the same coefficients, and the same ones exactly zero', () => {
    const fit = fitLasso(design, y, 0.02);
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(fit.value.coefficients, ref!.lasso.coefficients)).toBeLessThan(1e-8);
    expect(Array.from(fit.value.coefficients, (c) => c === 0)).toEqual(ref!.lasso.coefficients.map((c) => c === 0));
    expect(ref!.lasso.coefficients.filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(Math.abs(fit.value.intercept - ref!.lasso.intercept)).toBeLessThan(1e-8);
  });

  it('logistic (C 0.5) on the direction: coefficients to 1e-6', () => {
    const fit = fitLogistic(design, y.map((v) => (v > 0 ? 1 : 0)), 0.5);
    if (!fit.ok) throw new Error(fit.error.message);
    expect(maxAbsDiff(fit.value.coefficients, ref!.logistic.coefficients)).toBeLessThan(1e-6);
    expect(Math.abs(fit.value.intercept - ref!.logistic.intercept)).toBeLessThan(1e-6);
  });
});

describe('linear models: closed forms and bad input', () => {
  const random = new SeededRandom(3);
  const n = 400;
  const x = Float64Array.from({ length: n * 3 }, () => random.normal());
  const w = [0.5, -1.25, 2];
  const y = Float64Array.from({ length: n }, (_, i) => 0.3 + w.reduce((s, wj, j) => s + wj * x[i * 3 + j]!, 0));
  const design: Design = { x, rows: n, features: 3 };
  it('alpha 0: ridge and lasso recover an exact linear relation', () => {
    for (const fit of [fitRidge(design, y, 0), fitLasso(design, y, 0)]) {
      if (!fit.ok) throw new Error(fit.error.message);
      expect(maxAbsDiff(fit.value.coefficients, w)).toBeLessThan(1e-9);
      expect(fit.value.intercept).toBeCloseTo(0.3, 9);
    }
  });
  it('a constant feature, a non-finite value, a shape mismatch, a bad penalty', () => {
    const constant = Float64Array.from(x);
    for (let i = 0; i < n; i++) constant[i * 3 + 1] = 2;
    expect(fitRidge({ ...design, x: constant }, y, 1)).toMatchObject({ ok: false, error: { code: 'CONSTANT_FEATURE', feature: 1 } });
    const nan = Float64Array.from(x);
    nan[7] = Number.NaN;
    expect(fitLasso({ ...design, x: nan }, y, 0.1)).toMatchObject({ ok: false, error: { code: 'NON_FINITE_VALUE', index: 7 } });
    expect(fitRidge({ ...design, rows: n - 1 }, y, 1)).toMatchObject({ ok: false, error: { code: 'SHAPE_MISMATCH' } });
    expect(fitLogistic(design, y, -1)).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'C' } });
    expect(fitLogistic(design, y, 1)).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'labels' } });
  });
});
