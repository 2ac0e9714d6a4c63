// compareModels on a real panel (the four EuStockMarkets indices, 1,860 days, 5- and 20-day momentum): per-model
// metrics and the Diebold-Mariano statistic equal pandas + scikit-learn + scipy + statsmodels (HAC, Bartlett, h − 1
// lags) on the same numbers; the default window starts clear of training; refusals carry their codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dieboldMariano } from '../../../../src/core/ml/dieboldMariano';
import { compareModels, MIN_COMPARISON_DATES, type ComparedModel } from '../../../../src/core/ml/modelComparison';
import type { PanelRow } from '../../../../src/core/ml/trainingSet';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/model_comparison_reference.py', import.meta.url));
const ready = spawnSync(PYTHON, ['-c', 'import statsmodels, sklearn, scipy, pandas'], { encoding: 'utf8' }).status === 0;
const DAY = 86_400_000;
const T0 = Date.UTC(1991, 6, 1);
const H = 5;

const [header, ...lines] = readFileSync(fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url)), 'utf8').trim().split('\n');
const SYMBOLS = header!.split(',').slice(1);
const closes = SYMBOLS.map((_, s) => lines.map((l) => Number(l.split(',')[s + 1])));
const rows: PanelRow[] = [];
closes.forEach((c, s) =>
  c.forEach((close, t) => rows.push({ date: T0 + t * DAY, symbol: SYMBOLS[s]!, close, features: { mom5: t >= 5 ? close / c[t - 5]! - 1 : NaN, mom20: t >= 20 ? close / c[t - 20]! - 1 : NaN } })),
);
const linear = (intercept: number, coefficients: number[]) => ({ kind: 'linear' as const, link: 'identity' as const, intercept, coefficients: Float64Array.from(coefficients) });
const A: ComparedModel = { features: ['mom5'], target: 'return', horizon: H, fitted: linear(0.001, [-0.05]), trainTo: T0 + 900 * DAY };
const B: ComparedModel = { features: ['mom5', 'mom20'], target: 'return', horizon: H, fitted: linear(0.0005, [0.02, 0.03]), trainTo: T0 + 900 * DAY };
const WINDOW = { from: T0 + 1000 * DAY, to: T0 + 1700 * DAY };

const dir = mkdtempSync(join(tmpdir(), 'nautilus-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(ready)('compareModels against pandas, scikit-learn, scipy and statsmodels', () => {
  it('scores both models on the same rows and tests the squared-error difference as statsmodels does', () => {
    const csv = ['date,symbol,close,mom5,mom20', ...rows.map((r) => [r.date, r.symbol, r.close, ...['mom5', 'mom20'].map((f) => (Number.isNaN(r.features[f]) ? '' : String(r.features[f])))].join(','))];
    writeFileSync(join(dir, 'panel.csv'), `${csv.join('\n')}\n`);
    const models = [A, B].map((m) => ({ features: m.features, intercept: (m.fitted as ReturnType<typeof linear>).intercept, coefficients: Array.from((m.fitted as ReturnType<typeof linear>).coefficients) }));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ horizon: H, ...WINDOW, models }));
    const run = spawnSync(PYTHON, [REFERENCE, join(dir, 'panel.csv'), join(dir, 'spec.json')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const ref = JSON.parse(run.stdout) as { rows: number; dates: number; models: Array<Record<'mse' | 'mae' | 'r2' | 'hitRate' | 'ic', number>>; meanDifference: number; statistic: number; pValue: number };

    const c = compareModels(rows, A, B, WINDOW, 'skip');
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.rows).toBe(ref.rows);
    expect(c.value.dates).toBe(ref.dates);
    expect(c.value.dates).toBe(701);
    expect(c.value.rows).toBe(4 * 701);
    for (const [side, r] of [[c.value.a, ref.models[0]!], [c.value.b, ref.models[1]!]] as const) {
      for (const k of ['mse', 'mae', 'r2', 'hitRate', 'ic'] as const) expect(side[k], k).toBeCloseTo(r[k], 12);
      expect(side.overlapsTraining).toBe(false);
    }
    expect(c.value.difference.lags).toBe(H - 1);
    expect(c.value.difference.meanDifference).toBeCloseTo(ref.meanDifference, 15);
    expect(Math.abs(c.value.difference.statistic - ref.statistic)).toBeLessThan(1e-9);
    expect(Math.abs(c.value.difference.pValue - ref.pValue)).toBeLessThan(1e-9);
    // The two models differ enough for the statistic to be informative, not 0 or NaN.
    expect(Math.abs(c.value.difference.statistic)).toBeGreaterThan(0.5);
  });
});

describe('compareModels: window and refusals', () => {
  it('by default starts on the horizon-th date after the later training window', () => {
    const c = compareModels(rows, A, { ...B, trainTo: T0 + 1500 * DAY }, {}, 'skip');
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.from).toBe(T0 + (1500 + H) * DAY);
    expect(c.value.to).toBe(T0 + (1859 - H) * DAY);
    expect(c.value.a.overlapsTraining || c.value.b.overlapsTraining).toBe(false);
    const inSample = compareModels(rows, A, { ...B, trainTo: T0 + 1500 * DAY }, { from: T0 + 1400 * DAY }, 'skip');
    expect(inSample.ok && [inSample.value.a.overlapsTraining, inSample.value.b.overlapsTraining]).toEqual([false, true]);
  });

  it('refuses different outcomes, a short window and features never known together', () => {
    const other = compareModels(rows, A, { ...B, horizon: 1 }, WINDOW, 'skip');
    expect(!other.ok && other.error.code).toBe('NOT_COMPARABLE');
    const short = compareModels(rows, A, B, { from: WINDOW.from, to: WINDOW.from + (MIN_COMPARISON_DATES - 2) * DAY }, 'skip');
    expect(!short.ok && short.error).toMatchObject({ code: 'TOO_FEW_ROWS', dates: MIN_COMPARISON_DATES - 1, minimumDates: MIN_COMPARISON_DATES });
    const after = compareModels(rows, { ...A, trainTo: T0 + 1850 * DAY }, B, {}, 'skip');
    expect(!after.ok && after.error).toMatchObject({ code: 'TOO_FEW_ROWS', dates: 0 });
    // mom5 only known on even dates, mom20 only on odd ones: each model alone has dates, both together none.
    const split = rows.map((r) => ({ ...r, features: ((r.date - T0) / DAY) % 2 === 0 ? { ...r.features, mom20: NaN } : { ...r.features, mom5: NaN } }));
    const disjoint = compareModels(split, { ...A, features: ['mom5'] }, { ...B, features: ['mom20'], fitted: linear(0, [0.1]) }, WINDOW, 'skip');
    expect(!disjoint.ok && disjoint.error).toMatchObject({ code: 'NO_COMMON_ROWS', datesA: 351, datesB: 350 });
    const unknown = compareModels(rows, A, { ...B, features: ['mom5', 'volume'] }, WINDOW, 'skip');
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_FEATURE');
  });

  it('Diebold-Mariano: a constant differential has no statistic; lags beyond the series are capped', () => {
    expect(dieboldMariano(Float64Array.from([1, 1, 1]), 0)).toMatchObject({ meanDifference: 1, statistic: NaN, pValue: NaN });
    const d = Float64Array.from([1, -2, 3, 0.5, -1]);
    expect(dieboldMariano(d, 10).lags).toBe(4);
    // lag 0: mean over sqrt(population variance / n)
    const mean = 0.3;
    const v = Array.from(d, (x) => (x - mean) ** 2).reduce((s, x) => s + x, 0) / 5;
    expect(dieboldMariano(d, 0).statistic).toBeCloseTo(mean / Math.sqrt(v / 5), 14);
  });
});
