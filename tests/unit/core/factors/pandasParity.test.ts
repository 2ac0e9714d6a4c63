// Parity of src/core/factors with an independent pandas/scipy implementation (tests/reference/factors_reference.py)
// on real data: rolling operators on TSLA's daily OHLCV (Yahoo), and library factors, IC and quantile returns over
// the four EuStockMarkets indices (a small real universe, so the minimum number of symbols is lowered to 4).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFactor, dateRanks, evaluateOnPanel, forwardReturns, resolveFactor, toDateMajor, type IcMethod, type Panel } from '../../../../src/core/factors';
import { EU_STOCKS, euStocksPanel, TSLA_CHART } from './panelFixtures';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/factors_reference.py', import.meta.url));
const REL_TOL = 1e-9;
const probe = spawnSync(PYTHON, ['-c', 'import pandas, numpy, scipy'], { encoding: 'utf8' });

function reference<T>(args: string[]): T {
  const run = spawnSync(PYTHON, [REFERENCE, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`reference failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

function expectClose(label: string, ours: number, theirs: number | null): void {
  if (theirs === null) return void expect(ours, `${label}: pandas has no value`).toBeNaN();
  const scale = Math.max(1, Math.abs(theirs));
  expect(Math.abs(ours - theirs) / scale, `${label}: ours ${ours}, pandas ${theirs}`).toBeLessThanOrEqual(REL_TOL);
}

/** Compares whole series, failing once at the first value out of tolerance (an expect per value is slow). */
function expectSeriesClose(label: string, ours: Float64Array, theirs: readonly (number | null)[]): void {
  expect(ours.length, `${label} length`).toBe(theirs.length);
  for (let i = 0; i < theirs.length; i++) {
    const v = theirs[i]!;
    const bad = v === null ? !Number.isNaN(ours[i]!) : !(Math.abs(ours[i]! - v) / Math.max(1, Math.abs(v)) <= REL_TOL);
    if (bad) expect.fail(`${label}[${i}]: ours ${ours[i]}, pandas ${v}`);
  }
}

function tslaPanel(): Panel {
  const chart = JSON.parse(readFileSync(TSLA_CHART, 'utf8')).chart.result[0];
  const quote = chart.indicators.quote[0] as Record<string, number[]>;
  const columns = new Map(['open', 'high', 'low', 'close', 'volume'].map((f) => [f, Float64Array.from(quote[f]!)]));
  return { symbols: ['TSLA'], times: Float64Array.from(chart.timestamp as number[], (t) => t * 1000), columns, groups: new Map() };
}

describe.runIf(probe.status === 0 && existsSync(TSLA_CHART))('factors against pandas on real data', () => {
  it('every rolling operator on TSLA daily bars, windows 5 to 60', () => {
    const panel = tslaPanel();
    const ref = reference<Record<string, (number | null)[]>>(['operators', TSLA_CHART]);
    expect(Object.keys(ref).length).toBeGreaterThan(60);
    for (const [expression, theirs] of Object.entries(ref)) {
      const factor = resolveFactor({ kind: 'expression', expression }, { dates: panel.times.length, groups: [] });
      if (!factor.ok) throw new Error(`${expression}: ${factor.error.message}`);
      const ours = evaluateOnPanel(factor.value, panel);
      expectSeriesClose(expression, ours, theirs);
    }
  }, 120_000);

  type UniverseRef = Record<string, { meanIC: number; icStd: number; icir: number; tStat: number; dates: number; skippedDates: number; quantiles: number[]; longShort: number; values: (number | null)[] }>;

  const cases: { method: IcMethod; horizon: number; quantiles: number }[] = [
    { method: 'spearman', horizon: 5, quantiles: 2 },
    { method: 'pearson', horizon: 1, quantiles: 4 },
    { method: 'spearman', horizon: 20, quantiles: 3 },
  ];
  it.each(cases)('library factors, IC ($method, horizon $horizon) and $quantiles quantiles over the EuStockMarkets indices', ({ method, horizon, quantiles }) => {
    const panel = euStocksPanel();
    const T = panel.times.length;
    const ref = reference<UniverseRef>(['universe', EU_STOCKS, String(horizon), method, String(quantiles), '4']);
    const forwards = new Map<number, Float64Array>();
    const forward = (h: number) => forwards.get(h) ?? forwards.set(h, toDateMajor(forwardReturns(panel.columns.get('close')!, T, h), T)).get(h)!;
    for (const [name, theirs] of Object.entries(ref)) {
      const factor = resolveFactor({ kind: 'library', name }, { dates: T, groups: [] });
      if (!factor.ok) throw new Error(factor.error.message);
      const values = evaluateOnPanel(factor.value, panel);
      expectSeriesClose(`${name} values`, values, theirs.values);
      // Forward returns' ranks cached per horizon, as the engine does.
      const analysis = analyzeFactor(values, forward, T, { horizon, horizons: [horizon], method, quantiles, minSymbols: 4 }, (h) => dateRanks(forward(h), T));
      expect(analysis.dates, `${name} dates`).toBe(theirs.dates);
      expect(analysis.skippedDates, `${name} skipped dates`).toBe(theirs.skippedDates);
      for (const key of ['meanIC', 'icStd', 'icir', 'tStat'] as const) expectClose(`${name} ${key}`, analysis[key], theirs[key]);
      expect(analysis.quantileAnalysis.quantiles.length).toBe(quantiles);
      analysis.quantileAnalysis.quantiles.forEach((q, k) => expectClose(`${name} quantile ${k + 1}`, q, theirs.quantiles[k]!));
      expectClose(`${name} long-short`, analysis.quantileAnalysis.longShort, theirs.longShort);
    }
  }, 60_000);
});
