// Parity with independent solvers on real data: R's quadprog (constrained QPs), sklearn's LedoitWolf, scipy's linkage + HRP, SLSQP.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  hierarchicalRiskParity,
  ledoitWolfCovariance,
  maximumSharpe,
  meanReturns,
  meanVariance,
  minimumVariance,
  riskParity,
  sampleCovariance,
  type ReturnPanel,
  type WeightConstraints,
} from '../../../../src/core/portfolio';
import { SeededRandom } from '../../../../src/core/model';
import { EU_SYMBOLS, euStockPanel } from './euStocks';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const RSCRIPT = process.env.NAUTILUS_RSCRIPT ?? 'Rscript';
const PY_REF = fileURLToPath(new URL('../../../reference/portfolio_reference.py', import.meta.url));
const R_REF = fileURLToPath(new URL('../../../reference/portfolio_quadprog.R', import.meta.url));

const pyProbe = spawnSync(PYTHON, ['-c', 'import numpy, scipy, sklearn'], { encoding: 'utf8' });
const rProbe = spawnSync(RSCRIPT, ['-e', 'library(quadprog); library(jsonlite)'], { encoding: 'utf8' });
if (pyProbe.status !== 0) throw new Error(`${PYTHON} with numpy, scipy and scikit-learn is required (apt: python3-sklearn python3-scipy)`);
if (rProbe.status !== 0) throw new Error(`${RSCRIPT} with quadprog and jsonlite is required (apt: r-cran-quadprog r-cran-jsonlite)`);

function rows(panel: ReturnPanel): number[][] {
  const n = panel.symbols.length;
  return Array.from({ length: panel.observations }, (_, t) => Array.from(panel.values.subarray(t * n, (t + 1) * n)));
}
function run<T>(cmd: string, args: string[], input: unknown): T {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
function expectClose(label: string, ours: ArrayLike<number>, theirs: ArrayLike<number>, tol: number): void {
  expect(ours.length, label).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - theirs[i]!), `${label}[${i}]: ours ${ours[i]}, reference ${theirs[i]}`).toBeLessThanOrEqual(tol);
}

/** 40 assets in 4 correlated blocks with distinct volatilities and drifts, from a seed. */
function syntheticPanel(n: number, T: number, seed: number): ReturnPanel {
  const rnd = new SeededRandom(seed);
  const values = new Float64Array(T * n);
  for (let t = 0; t < T; t++) {
    const market = rnd.normal();
    const blocks = [rnd.normal(), rnd.normal(), rnd.normal(), rnd.normal()];
    for (let j = 0; j < n; j++) values[t * n + j] = 0.0002 * (1 + (j % 5)) + 0.004 * market + 0.006 * blocks[j % 4]! + (0.005 + 0.0005 * j) * rnd.normal();
  }
  return { symbols: Array.from({ length: n }, (_, j) => `S${j}`), time: Float64Array.from({ length: T }, (_, t) => t), observations: T, values };
}

const eu = euStockPanel(1000);
const synth = syntheticPanel(40, 300, 7);

describe('covariance against numpy and sklearn', () => {
  for (const [name, panel] of [['EuStockMarkets', eu], ['synthetic 40×300', synth], ['synthetic 60×30 (n > T)', syntheticPanel(60, 30, 3)]] as const) {
    it(`sample (N − 1) and Ledoit-Wolf on ${name}`, () => {
      const ref = run<{ sample: number[][]; 'ledoit-wolf': { covariance: number[][]; shrinkage: number } }>(PYTHON, [PY_REF], { returns: rows(panel), cases: [{ kind: 'sample' }, { kind: 'ledoit-wolf' }] });
      const scale = Math.max(...ref.sample.flat().map(Math.abs));
      expectClose('sample', sampleCovariance(panel).matrix.values, ref.sample.flat(), 1e-12 * scale);
      const lw = ledoitWolfCovariance(panel);
      expect(Math.abs(lw.shrinkage - ref['ledoit-wolf'].shrinkage)).toBeLessThan(1e-10);
      expect(lw.shrinkage).toBeGreaterThan(0);
      expectClose('ledoit-wolf', lw.matrix.values, ref['ledoit-wolf'].covariance.flat(), 1e-12 * scale);
    });
  }
});

describe("constrained QPs against R's quadprog (solve.QP)", () => {
  interface QpCase {
    name: string;
    lambda: number;
    mu: boolean;
    target: number | null;
    lo: number;
    hi: number | null;
    groups: { members: number[]; max: number }[];
  }
  const cases: QpCase[] = [
    { name: 'minvar-longonly-cap', lambda: 1, mu: false, target: null, lo: 0, hi: 0.35, groups: [] },
    { name: 'mv-lambda5-bounds', lambda: 5, mu: true, target: null, lo: -0.1, hi: 0.3, groups: [] },
    { name: 'minvar-sectors', lambda: 1, mu: false, target: null, lo: 0, hi: 0.2, groups: [{ members: [1, 5, 9, 13, 17, 21, 25, 29, 33, 37], max: 0.15 }, { members: [2, 6, 10, 14, 18, 22, 26, 30, 34, 38], max: 0.2 }] },
    { name: 'target-longonly', lambda: 1, mu: true, target: 0.0007, lo: 0, hi: null, groups: [] },
  ];
  const toConstraints = (c: QpCase): WeightConstraints => ({
    longOnly: c.lo === 0,
    minWeight: c.lo === 0 ? undefined : c.lo,
    maxWeight: c.hi ?? undefined,
    groups: c.groups.map((g, k) => ({ kind: 'sector', name: `G${k}`, members: g.members.map((m) => m - 1), max: g.max })),
  });

  it('weights match to 1e-7 on the 40-asset panel and on EuStockMarkets', () => {
    for (const panel of [synth, eu]) {
      const n = panel.symbols.length;
      const usable = n === 4 ? cases.filter((c) => c.groups.length === 0).map((c) => ({ ...c, hi: c.hi === null ? null : Math.max(c.hi, 0.4), target: c.target === null ? null : 0.0009 })) : cases;
      const ref = run<Record<string, number[]>>(RSCRIPT, [R_REF], { returns: rows(panel), cases: usable });
      const cov = sampleCovariance(panel).matrix;
      const mu = meanReturns(panel);
      for (const c of usable) {
        const cons = toConstraints(c);
        const w =
          c.target !== null
            ? meanVariance(cov, mu, panel.symbols, cons, { kind: 'targetReturn', dailyReturn: c.target })
            : c.mu
              ? meanVariance(cov, mu, panel.symbols, cons, { kind: 'riskAversion', lambda: c.lambda })
              : minimumVariance(cov, panel.symbols, cons);
        if (!w.ok) throw new Error(`${c.name}: ${w.error.message}`);
        expectClose(`${n} assets ${c.name}`, w.value, ref[c.name]!, 1e-7);
      }
    }
  });
});

describe("long-only screening over a large universe against R's quadprog on the whole problem", () => {
  it('200 assets: min-variance (free and capped), mean-variance and a target return give R\'s weights', () => {
    const panel = syntheticPanel(200, 600, 9);
    const cases = [
      { name: 'minvar', lambda: 1, mu: false, target: null, lo: 0, hi: null, groups: [] },
      { name: 'minvar-cap', lambda: 1, mu: false, target: null, lo: 0, hi: 0.02, groups: [] },
      { name: 'mv', lambda: 20, mu: true, target: null, lo: 0, hi: 0.1, groups: [] },
      { name: 'target', lambda: 1, mu: true, target: 0.0008, lo: 0, hi: null, groups: [] },
    ];
    const ref = run<Record<string, number[]>>(RSCRIPT, [R_REF], { returns: rows(panel), cases });
    const cov = sampleCovariance(panel).matrix;
    const mu = meanReturns(panel);
    for (const c of cases) {
      const cons: WeightConstraints = { longOnly: true, maxWeight: c.hi ?? undefined };
      const w =
        c.target !== null
          ? meanVariance(cov, mu, panel.symbols, cons, { kind: 'targetReturn', dailyReturn: c.target })
          : c.mu
            ? meanVariance(cov, mu, panel.symbols, cons, { kind: 'riskAversion', lambda: c.lambda })
            : minimumVariance(cov, panel.symbols, cons);
      if (!w.ok) throw new Error(`${c.name}: ${w.error.message}`);
      const held = Array.from(w.value).filter((v) => v > 1e-9).length;
      expect(held, `${c.name} holds a minority, so screening had work to do`).toBeLessThan(150);
      expectClose(`200 assets ${c.name}`, w.value, ref[c.name]!, 1e-7);
    }
  });
});

describe('HRP, risk parity and maximum Sharpe against scipy', () => {
  it('HRP: same dendrogram heights, leaf order and weights as scipy linkage + López de Prado', () => {
    for (const panel of [eu, synth, syntheticPanel(120, 400, 11)]) {
      const ref = run<{ hrp: { weights: number[]; order: number[]; heights: number[] } }>(PYTHON, [PY_REF], { returns: rows(panel), cases: [{ kind: 'hrp' }] });
      const ours = hierarchicalRiskParity(sampleCovariance(panel).matrix, panel.symbols);
      if (!ours.ok) throw new Error(ours.error.message);
      expectClose('heights', ours.value.linkage.map((m) => m.height), ref.hrp.heights, 1e-12);
      expect(ours.value.order).toEqual(ref.hrp.order);
      expectClose('hrp weights', ours.value.weights, ref.hrp.weights, 1e-12);
    }
  });

  it('risk parity matches a scipy L-BFGS-B solve of the same convex problem', () => {
    const ref = run<{ 'risk-parity': { weights: number[] } }>(PYTHON, [PY_REF], { returns: rows(synth), cases: [{ kind: 'risk-parity' }] });
    const ours = riskParity(sampleCovariance(synth).matrix, synth.symbols);
    if (!ours.ok) throw new Error(ours.error.message);
    expectClose('erc', ours.value, ref['risk-parity'].weights, 1e-6);
  });

  it('maximum Sharpe with bounds: same weights as SLSQP, and no worse a Sharpe ratio', () => {
    for (const [panel, lo, hi, rf] of [[eu, 0, 0.6, 0.00005], [synth, 0, 0.1, 0.0001]] as const) {
      const ref = run<{ 'max-sharpe': { weights: number[]; sharpe: number; success: boolean } }>(PYTHON, [PY_REF], { returns: rows(panel), cases: [{ kind: 'max-sharpe', rf, lo, hi }] });
      expect(ref['max-sharpe'].success).toBe(true);
      const cov = sampleCovariance(panel).matrix;
      const mu = meanReturns(panel);
      const w = maximumSharpe(cov, mu, panel.symbols, { longOnly: true, maxWeight: hi }, rf);
      if (!w.ok) throw new Error(w.error.message);
      const n = panel.symbols.length;
      let ret = 0;
      let variance = 0;
      for (let i = 0; i < n; i++) {
        ret += w.value[i]! * (mu[i]! - rf);
        for (let j = 0; j < n; j++) variance += w.value[i]! * cov.values[i * n + j]! * w.value[j]!;
      }
      const sharpe = ret / Math.sqrt(variance);
      expect(sharpe).toBeGreaterThanOrEqual(ref['max-sharpe'].sharpe - 1e-9);
      expectClose(`max-sharpe ${n}`, w.value, ref['max-sharpe'].weights, 1e-4);
    }
  });
});

it('EuStockMarkets symbols are the four indices', () => expect(eu.symbols).toEqual([...EU_SYMBOLS]));
