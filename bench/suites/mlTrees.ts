// The tree part of `nautilus bench ml`: gradient-boosted trees (100 rounds, depth 6, eta 0.1, 256 bins) on 1,000,000
// seeded rows × 50 features on two threads (the calling one and one histogram worker, as the goal's two cores),
// XGBoost 1.7's hist with the same parameters on the same float32 rows in the same run as the peer (two threads too),
// both scored on 100,000 held-out rows; and one prediction's latency.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boostedMarginRow, fitGradientBoosting, predictBoosted } from '../../src/core/ml';
import { SeededRandom } from '../../src/core/model';
import { threadHistograms } from '../../src/engines/ml/histogramThreads';
import { percentile, type BenchFigure, type BenchOptions } from '../harness';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
/** Threads on both sides: the goal is for two cores. */
const THREADS = 2;
const PEER = [fileURLToPath(new URL('../peers/gbt_xgboost.py', import.meta.url)), resolve('bench/peers/gbt_xgboost.py')].find((p) => existsSync(p)) ?? 'bench/peers/gbt_xgboost.py';

/** A nonlinear target with interactions and noise (signal-to-noise about 2:1), features float32-exact. */
function rows(n: number, p: number, random: SeededRandom): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = Math.fround(random.normal());
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = i * p;
    y[i] = Math.fround(2 * x[r]! + Math.sin(2 * x[r + 1]!) + (x[r + 2]! > 0 ? x[r + 3]! : -x[r + 4]!) + 0.5 * x[r + 5]! * x[r + 6]! + random.normal());
  }
  return { x, y };
}

const r2 = (y: Float64Array, pred: Float64Array): number => {
  let m = 0;
  for (const v of y) m += v;
  m /= y.length;
  let ss = 0;
  let st = 0;
  for (let i = 0; i < y.length; i++) {
    ss += (y[i]! - pred[i]!) ** 2;
    st += (y[i]! - m) ** 2;
  }
  return 1 - ss / st;
};

export function gbtFigures(options: BenchOptions, dir: string): BenchFigure[] {
  const n = options.quick ? 20_000 : 1_000_000;
  const p = 50;
  const held = options.quick ? 5_000 : 100_000;
  const params = { rounds: options.quick ? 10 : 100, maxDepth: 6, learningRate: 0.1, maxBin: 256 };
  const random = new SeededRandom(2024);
  const train = rows(n, p, random);
  const test = rows(held, p, random);
  writeFileSync(join(dir, 'x.f32'), new Float32Array(train.x));
  writeFileSync(join(dir, 'y.f32'), new Float32Array(train.y));
  writeFileSync(join(dir, 'xt.f32'), new Float32Array(test.x));
  writeFileSync(join(dir, 'yt.f32'), new Float32Array(test.y));
  let mean = 0;
  for (const v of train.y) mean += v;
  mean /= n;
  options.progress(`GBT: ${n.toLocaleString('en-US')} rows × ${p} features, ${params.rounds} rounds; ours running…`);
  const t0 = performance.now();
  const fit = fitGradientBoosting({ x: train.x, rows: n, features: p }, train.y, { loss: 'squared', baseScore: mean, ...params }, (done, total) => {
    if (done % 10 === 0) options.progress(`  round ${done}/${total}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, threadHistograms(THREADS));
  const seconds = (performance.now() - t0) / 1000;
  if (!fit.ok) throw new Error(fit.error.message);
  const model = fit.value;
  const ourR2 = r2(test.y, predictBoosted(model, { x: test.x, rows: held, features: p }));
  options.progress(`  ours ${seconds.toFixed(1)} s, test R² ${ourR2.toFixed(4)}; XGBoost running…`);
  const run = spawnSync(PYTHON, [PEER, dir, String(n), String(p), String(params.rounds), String(params.maxDepth), String(params.learningRate), String(params.maxBin), String(THREADS)], { encoding: 'utf8', timeout: 1_800_000 });
  const name = `gradient-boosted trees, ${n.toLocaleString('en-US')} rows × ${p} features, ${params.rounds} rounds depth ${params.maxDepth}, ${THREADS} threads (s)`;
  const figures: BenchFigure[] = [];
  if (run.status === 0) {
    const peer = JSON.parse(run.stdout) as { seconds: number; testR2: number };
    options.progress(`  XGBoost ${peer.seconds.toFixed(1)} s, test R² ${peer.testR2.toFixed(4)}`);
    figures.push({ suite: 'ml', name, value: seconds, unit: 's', peer: `XGBoost 1.7 hist, ${THREADS} threads (DMatrix + train)`, peerValue: peer.seconds, ratio: peer.seconds / seconds });
    figures.push({ suite: 'ml', name: 'gradient-boosted trees: held-out R², ours (peer: XGBoost)', value: ourR2, unit: 'R²', peer: 'XGBoost 1.7 hist', peerValue: peer.testR2, ratio: ourR2 / peer.testR2 });
  } else {
    options.progress(`XGBoost peer unavailable (exit ${run.status}): ${(run.stderr || String(run.error ?? '')).trim().split('\n').slice(-2).join(' ')}`);
    figures.push({ suite: 'ml', name, value: seconds, unit: 's' });
  }
  const reps = options.quick ? 1_000 : 100_000;
  const us = new Float64Array(reps);
  let sink = 0;
  for (let k = 0; k < reps; k++) {
    const row = k % held;
    const s = performance.now();
    sink += boostedMarginRow(model, test.x, row);
    us[k] = (performance.now() - s) * 1000;
  }
  if (!Number.isFinite(sink)) throw new Error('prediction not finite');
  us.sort();
  figures.push({ suite: 'ml', name: `one prediction from the fitted ${params.rounds}-tree model (µs)`, value: percentile(us, 50), unit: 'µs', p50: percentile(us, 50), p99: percentile(us, 99) });
  return figures;
}
