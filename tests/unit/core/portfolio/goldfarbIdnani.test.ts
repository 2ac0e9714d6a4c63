// The Float64Array Goldfarb-Idnani against R's quadprog (the Fortran it ports) on whole constrained portfolio problems,
// and against the quadprog npm port on random QPs (equalities, inequalities, infeasible and not-positive-definite ones).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { solveQP } from 'quadprog';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/core/model';
import { meanReturns, meanVariance, minimumVariance, sampleCovariance, type ReturnPanel, type WeightConstraints } from '../../../../src/core/portfolio';
import { solveDenseQp } from '../../../../src/core/portfolio/goldfarbIdnani';

const RSCRIPT = process.env.NAUTILUS_RSCRIPT ?? 'Rscript';
const R_REF = fileURLToPath(new URL('../../../reference/portfolio_quadprog.R', import.meta.url));
const rProbe = spawnSync(RSCRIPT, ['-e', 'library(quadprog); library(jsonlite)'], { encoding: 'utf8' });
if (rProbe.status !== 0) throw new Error(`${RSCRIPT} with quadprog and jsonlite is required (apt: r-cran-quadprog r-cran-jsonlite)`);

/** n assets in 20 sectors with a market and sector factor, from a seed. */
function sectorPanel(n: number, T: number, seed: number): ReturnPanel {
  const rnd = new SeededRandom(seed);
  const values = new Float64Array(T * n);
  for (let t = 0; t < T; t++) {
    const market = rnd.normal();
    const sectors = Array.from({ length: 20 }, () => rnd.normal());
    for (let j = 0; j < n; j++) values[t * n + j] = 0.0003 * (1 + (j % 7)) / 4 + 0.006 * market + 0.004 * sectors[j % 20]! + (0.006 + 0.00002 * j) * rnd.normal();
  }
  return { symbols: Array.from({ length: n }, (_, j) => `S${j}`), time: Float64Array.from({ length: T }, (_, t) => t), observations: T, values };
}

const rowsOf = (p: ReturnPanel) => Array.from({ length: p.observations }, (_, t) => Array.from(p.values.subarray(t * p.symbols.length, (t + 1) * p.symbols.length)));

describe("whole constrained problems against R's quadprog", () => {
  it('300 assets, long-only with a 2% cap and 20 sector caps (no screening: groups send the whole programme): R\'s weights to 1e-8', () => {
    const n = 300;
    const panel = sectorPanel(n, 500, 17);
    const groups = Array.from({ length: 20 }, (_, g) => ({ members: Array.from({ length: n / 20 }, (_, k) => g + 20 * k + 1), max: g < 5 ? 0.03 : 0.08 }));
    const cases = [
      { name: 'minvar-sectors', lambda: 1, mu: false, target: null, lo: 0, hi: 0.02, groups },
      { name: 'mv-sectors', lambda: 10, mu: true, target: null, lo: -0.01, hi: 0.03, groups },
    ];
    const r = spawnSync(RSCRIPT, [R_REF], { input: JSON.stringify({ returns: rowsOf(panel), cases }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(r.stderr);
    const ref = JSON.parse(r.stdout) as Record<string, number[]>;
    const cov = sampleCovariance(panel).matrix;
    const mu = meanReturns(panel);
    const sectorCaps = groups.map((g, k) => ({ kind: 'sector' as const, name: `G${k}`, members: g.members.map((m) => m - 1), max: g.max }));
    const capped: WeightConstraints = { longOnly: true, maxWeight: 0.02, groups: sectorCaps };
    const minVar = minimumVariance(cov, panel.symbols, capped);
    const mv = meanVariance(cov, mu, panel.symbols, { longOnly: false, minWeight: -0.01, maxWeight: 0.03, groups: sectorCaps }, { kind: 'riskAversion', lambda: 10 });
    if (!minVar.ok || !mv.ok) throw new Error('solve failed');
    for (const [name, w] of [['minvar-sectors', minVar.value], ['mv-sectors', mv.value]] as const) {
      const theirs = ref[name]!;
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(w[i]! - theirs[i]!));
      expect(worst, name).toBeLessThanOrEqual(1e-8);
    }
    // The caps bind: the problem was not solved by the unconstrained optimum.
    const g0 = sectorCaps[0]!.members.reduce((a, i) => a + minVar.value[i]!, 0);
    expect(g0).toBeCloseTo(0.03, 9);
  });
});

describe('random QPs against the quadprog npm port', () => {
  /** min ½xᵀDx − dᵀx with D = MᵀM + I, meq equalities and q − meq inequalities, all from a seed. */
  function randomQp(seed: number, n: number, q: number, meq: number) {
    const rnd = new SeededRandom(seed);
    const M = Array.from({ length: n * n }, () => rnd.normal());
    const D = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += M[k * n + i]! * M[k * n + j]!;
      D[i * n + j] = s;
    }
    const d = Float64Array.from({ length: n }, () => 3 * rnd.normal());
    const A = Float64Array.from({ length: n * q }, () => rnd.normal());
    const b = Float64Array.from({ length: q }, () => rnd.normal());
    return { n, q, meq, D, d, A, b };
  }
  function viaNpm(p: ReturnType<typeof randomQp>) {
    const Dmat = [[] as number[]].concat(Array.from({ length: p.n }, (_, i) => [0, ...Array.from(p.D.subarray(i * p.n, (i + 1) * p.n))]));
    const Amat = [[] as number[]].concat(Array.from({ length: p.n }, (_, i) => [0, ...Array.from({ length: p.q }, (_, k) => p.A[k * p.n + i]!)]));
    return solveQP(Dmat, [0, ...p.d], Amat, [0, ...p.b], p.meq);
  }

  it('same solution, value, multipliers and active set on 200 problems, and the same verdict on infeasible ones', () => {
    let infeasible = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const p = randomQp(seed, 3 + (seed % 9), 2 + (seed % 13), seed % 3);
      const ours = solveDenseQp(p);
      const theirs = viaNpm(p);
      if (theirs.message.startsWith('constraints are inconsistent')) {
        infeasible++;
        expect(ours.status, `seed ${seed}`).toBe('INCONSISTENT');
        continue;
      }
      expect(theirs.message, `seed ${seed}`).toBe('');
      expect(ours.status, `seed ${seed}`).toBe('OK');
      for (let i = 0; i < p.n; i++) expect(ours.solution[i]!, `seed ${seed} x${i}`).toBeCloseTo(theirs.solution[i + 1]!, 10);
      expect(ours.value, `seed ${seed}`).toBeCloseTo(theirs.value[1]!, 9);
      for (let k = 0; k < p.q; k++) expect(ours.lagrangian[k]!, `seed ${seed} λ${k}`).toBeCloseTo(theirs.Lagrangian[k + 1]!, 9);
      const active = theirs.iact.slice(1).filter((k) => k > 0).map((k) => k - 1);
      expect([...ours.active].sort((a, b) => a - b), `seed ${seed}`).toEqual(active.sort((a, b) => a - b));
    }
    expect(infeasible).toBeGreaterThan(5);
    expect(infeasible).toBeLessThan(190);
  });

  it('refuses a D that is not positive definite, and leaves its inputs as they were', () => {
    const p = randomQp(5, 4, 3, 1);
    const D = Float64Array.from(p.D);
    D[0] = -1;
    expect(solveDenseQp({ ...p, D }).status).toBe('NOT_POSITIVE_DEFINITE');
    const copy = { A: Float64Array.from(p.A), b: Float64Array.from(p.b), D: Float64Array.from(p.D), d: Float64Array.from(p.d) };
    solveDenseQp(p);
    expect(p).toMatchObject(copy);
  });
});
