// Portfolio benchmark: covariance, long-only minimum variance (free, and capped with sector limits) and risk parity over 500 assets, HRP over 2,000,
// against numpy/scipy (and R's quadprog for the same QP) on the same returns, timed in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../src/core/model/clock';
import { findAppRoot } from '../../src/main/appRoot';
import { hierarchicalRiskParity, minimumVariance, riskParity, sampleCovariance, type ReturnPanel } from '../../src/core/portfolio';
import type { BenchFigure, BenchSuite } from '../harness';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const RSCRIPT = process.env.NAUTILUS_RSCRIPT ?? 'Rscript';
/** The peer scripts live in the source tree, also when this runs from the build (out/main/cli.js). */
const PROBES = join(findAppRoot(), 'bench', 'probes');
const REPEATS = 3;

/** T days of n assets from a 5-factor model with sector blocks: realistic correlation structure, seeded. */
function factorReturns(n: number, T: number, seed: number): ReturnPanel {
  const rnd = new SeededRandom(seed);
  const loadings = Array.from({ length: n }, () => Array.from({ length: 5 }, () => 0.5 + rnd.normal() * 0.4));
  const vols = Float64Array.from({ length: n }, () => 0.008 + 0.015 * rnd.next());
  const values = new Float64Array(T * n);
  for (let t = 0; t < T; t++) {
    const f = Array.from({ length: 5 }, () => 0.006 * rnd.normal());
    const sector = Array.from({ length: 20 }, () => 0.005 * rnd.normal());
    for (let j = 0; j < n; j++) {
      let r = 0.0003 + sector[j % 20]! + vols[j]! * rnd.normal();
      for (let k = 0; k < 5; k++) r += loadings[j]![k]! * f[k]!;
      values[t * n + j] = r;
    }
  }
  return { symbols: Array.from({ length: n }, (_, j) => `A${j}`), time: Float64Array.from({ length: T }, (_, t) => t), observations: T, values };
}

function medianMs(fn: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

interface PeerRun {
  ms: number;
  weights: number[];
}

function peer(cmd: string, args: string[]): PeerRun | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as PeerRun;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function figure(name: string, oursMs: number, peerName: string, theirs: PeerRun | undefined): BenchFigure {
  const f: BenchFigure = { suite: 'portfolio', name, value: Math.round(oursMs * 10) / 10, unit: 'ms' };
  if (!theirs) return f;
  return { ...f, peer: peerName, peerValue: Math.round(theirs.ms * 10) / 10, ratio: Math.round((theirs.ms / oursMs) * 1000) / 1000 };
}

export const portfolioSuite: BenchSuite = {
  name: 'portfolio',
  summary: 'covariance, min-variance (free, and capped with sector limits) and risk parity over 500 assets, HRP over 2,000, vs numpy/scipy and R quadprog',
  async run({ quick, progress }) {
    const small = quick ? 60 : 500;
    const large = quick ? 120 : 2_000;
    const T = quick ? 200 : 750;
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-portfolio-'));
    const figures: BenchFigure[] = [];
    try {
      for (const [n, tasks] of [[small, ['cov', 'min-variance', 'min-variance-sectors', 'risk-parity']], [large, ['cov', 'hrp']]] as const) {
        progress(`${n} assets × ${T} days`);
        const panel = factorReturns(n, T, 42 + n);
        const file = join(dir, `returns-${n}.f64`);
        writeFileSync(file, new Uint8Array(panel.values.buffer));
        const pyArgs = (task: string) => [join(PROBES, 'portfolioPeer.py'), file, String(T), String(n), task, String(REPEATS)];
        let cov = sampleCovariance(panel).matrix;
        for (const task of tasks) {
          progress(`${task} over ${n} assets`);
          switch (task) {
            case 'cov': {
              const ms = medianMs(() => (cov = sampleCovariance(panel).matrix));
              figures.push(figure(`sample covariance, ${n} assets × ${T} days`, ms, 'numpy.cov', peer(PYTHON, pyArgs('cov'))));
              break;
            }
            case 'min-variance': {
              let w: ArrayLike<number> = [];
              const ms = medianMs(() => {
                const r = minimumVariance(cov, panel.symbols, { longOnly: true });
                if (!r.ok) throw new Error(r.error.message);
                w = r.value;
              });
              const theirs = peer(RSCRIPT, [join(PROBES, 'portfolioPeer.R'), file, String(T), String(n), String(REPEATS)]);
              const f = figure(`long-only minimum variance (Goldfarb-Idnani + screening), ${n} assets, from the covariance`, ms, "R quadprog solve.QP (Fortran)", theirs);
              figures.push(theirs ? { ...f, name: `${f.name}; max |Δw| vs R ${maxAbsDiff(w, theirs.weights).toExponential(1)}` } : f);
              break;
            }
            case 'min-variance-sectors': {
              // Caps and sector limits send the whole programme (n + n + 20 + 1 constraints) to the solver: no screening.
              const groups = Array.from({ length: 20 }, (_, g) => ({ kind: 'sector' as const, name: `G${g}`, members: Array.from({ length: n }, (_, j) => j).filter((j) => j % 20 === g), max: g < 5 ? 0.04 : 0.08 }));
              const maxWeight = Math.max(0.01, 2 / n);
              let w: ArrayLike<number> = [];
              // CPU time beside the wall-clock median: on a shared machine the wall clock counts other processes' turns.
              const cpu0 = process.cpuUsage();
              const ms = medianMs(() => {
                const r = minimumVariance(cov, panel.symbols, { longOnly: true, maxWeight, groups });
                if (!r.ok) throw new Error(r.error.message);
                w = r.value;
              });
              const cpu = process.cpuUsage(cpu0);
              const cpuMs = Math.round((cpu.user + cpu.system) / 1000 / REPEATS);
              const theirs = maxWeight === 0.01 ? peer(RSCRIPT, [join(PROBES, 'portfolioPeer.R'), file, String(T), String(n), String(REPEATS), 'sectors']) : undefined;
              const f = figure(`long-only minimum variance, ${maxWeight} cap and 20 sector caps (whole programme, Goldfarb-Idnani), ${n} assets, mean CPU ${cpuMs} ms`, ms, 'R quadprog solve.QP (Fortran), same programme', theirs);
              figures.push(theirs ? { ...f, name: `${f.name}; max |Δw| vs R ${maxAbsDiff(w, theirs.weights).toExponential(1)}` } : f);
              break;
            }
            case 'risk-parity': {
              let w: ArrayLike<number> = [];
              const ms = medianMs(() => {
                const r = riskParity(cov, panel.symbols);
                if (!r.ok) throw new Error(r.error.message);
                w = r.value;
              });
              const theirs = peer(PYTHON, pyArgs('risk-parity'));
              const f = figure(`risk parity (ERC, coordinate descent), ${n} assets, from the covariance`, ms, 'scipy L-BFGS-B', theirs);
              figures.push(theirs ? { ...f, name: `${f.name}; max |Δw| vs scipy ${maxAbsDiff(w, theirs.weights).toExponential(1)}` } : f);
              break;
            }
            case 'hrp': {
              let w: ArrayLike<number> = [];
              const ms = medianMs(() => {
                const r = hierarchicalRiskParity(cov, panel.symbols);
                if (!r.ok) throw new Error(r.error.message);
                w = r.value.weights;
              });
              const theirs = peer(PYTHON, pyArgs('hrp'));
              const f = figure(`HRP, ${n} assets, from the covariance`, ms, 'scipy linkage + numpy', theirs);
              figures.push(theirs ? { ...f, name: `${f.name}; max |Δw| vs scipy ${maxAbsDiff(w, theirs.weights).toExponential(1)}` } : f);
              break;
            }
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
