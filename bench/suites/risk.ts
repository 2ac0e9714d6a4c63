// Portfolio VaR: historical + parametric (with components) for 500 positions × 2,520 daily returns, and Monte Carlo
// with 10,000 paths × 500 positions, against numpy doing the same computation on the same closes in the same run.
// Synthetic closes from a one-factor model (seeded); numpy reads the very same Float64 bytes from a temp file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../src/core/model/clock';
import { alignCloses, bookVar, returnWindow, type DailyCloses, type ValuedBook } from '../../src/core/risk';
import type { BenchFigure, BenchSuite } from '../harness';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const DAY = 86_400_000;
const CONFIDENCES = [0.95, 0.99];

/** The peer: the same conventions in numpy (type-7 quantile, tail mean, Euler components; MC by Cholesky, L'w trick). */
const NUMPY_PEER = String.raw`
import json, sys, time
import numpy as np
from scipy import stats
path, n, days, paths, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
C = np.fromfile(path + '.closes', dtype=np.float64).reshape(n, days)
w = np.fromfile(path + '.values', dtype=np.float64)
def hist_param():
    R = C[:, 1:] / C[:, :-1] - 1.0             # n x N
    P = R * w[:, None]
    pnl = P.sum(axis=0)
    order = np.argsort(pnl, kind='stable')
    out = {}
    S = np.cov(R, ddof=1)
    Sw = S @ w
    sigma = float(np.sqrt(w @ Sw))
    for c in (0.95, 0.99):
        q = np.quantile(pnl, 1 - c)
        h = (len(pnl) - 1) * (1 - c); lo = int(np.floor(h)); g = h - lo
        comp = -((1 - g) * P[:, order[lo]] + g * P[:, order[lo + 1]])
        tail = pnl <= q
        comp_es = -P[:, tail].mean(axis=1)
        z = stats.norm.ppf(c)
        euler = w * Sw / sigma
        out[str(c)] = {'hvar': -q, 'hes': -pnl[tail].mean(), 'pvar': z * sigma, 'pes': sigma * stats.norm.pdf(z) / (1 - c), 'hc': float(comp.sum()), 'hce': float(comp_es.sum()), 'pc': float((euler * z).sum())}
    return out
def monte_carlo():
    R = C[:, 1:] / C[:, :-1] - 1.0
    L = np.linalg.cholesky(np.cov(R, ddof=1))
    Z = np.random.default_rng(1).standard_normal((paths, n))
    pnl = Z @ (L.T @ w)
    order = np.argsort(pnl, kind='stable')
    out = {}
    for c in (0.95, 0.99):
        q = np.quantile(pnl, 1 - c)
        tail = pnl <= q
        h = (paths - 1) * (1 - c); lo = int(np.floor(h)); g = h - lo
        Rs = Z[np.concatenate([order[[lo, lo + 1]], np.nonzero(tail)[0]])] @ L.T
        comp = -((1 - g) * Rs[0] + g * Rs[1]) * w
        comp_es = -Rs[2:].mean(axis=0) * w
        out[str(c)] = {'var': -q, 'es': -pnl[tail].mean(), 'c': float(comp.sum()), 'ce': float(comp_es.sum())}
    return out
def best(fn):
    ms = []
    for _ in range(repeats):
        t0 = time.perf_counter(); r = fn(); ms.append((time.perf_counter() - t0) * 1000)
    return min(ms), r
hp_ms, hp = best(hist_param)
mc_ms, mc = best(monte_carlo)
json.dump({'histParamMs': hp_ms, 'histParam': hp, 'monteCarloMs': mc_ms, 'monteCarlo': mc, 'numpy': np.__version__}, sys.stdout)
`;

function market(n: number, days: number): DailyCloses[] {
  const random = new SeededRandom(42);
  const time = Float64Array.from({ length: days }, (_, t) => Date.UTC(2015, 0, 1) + t * DAY);
  const factor = Float64Array.from({ length: days }, () => 0.01 * random.normal());
  return Array.from({ length: n }, (_, i) => {
    const beta = 0.5 + random.next();
    const idio = 0.005 + 0.02 * random.next();
    const close = new Float64Array(days);
    let price = 20 + 200 * random.next();
    for (let t = 0; t < days; t++) {
      if (t > 0) price *= 1 + beta * factor[t]! + idio * random.normal();
      close[t] = price;
    }
    return { symbol: `S${String(i).padStart(3, '0')}`, time, close };
  });
}

function bookOf(series: readonly DailyCloses[]): ValuedBook {
  const random = new SeededRandom(7);
  const values = Float64Array.from(series, () => (random.next() < 0.3 ? -1 : 1) * (10_000 + 90_000 * random.next()));
  const positions = series.map((s, i) => ({ symbol: s.symbol, quantity: values[i]! / s.close[s.close.length - 1]!, price: s.close[s.close.length - 1]!, currency: 'USD', sector: 'Bench', industry: 'Bench', multiplier: 1, fxRate: 1, value: values[i]! }));
  let net = 0;
  let gross = 0;
  for (const v of values) {
    net += v;
    gross += Math.abs(v);
  }
  return { baseCurrency: 'USD', positions, values, net, gross };
}

function bestOf<T>(repeats: number, fn: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value!: T;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    value = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value };
}

const close = (label: string, ours: number, theirs: number, tolerance: number): void => {
  if (!(Math.abs(ours / theirs - 1) <= tolerance)) throw new Error(`${label}: ours ${ours}, numpy ${theirs} (tolerance ${tolerance})`);
};

export const riskSuite: BenchSuite = {
  name: 'risk',
  summary: 'portfolio VaR/ES: historical + parametric 500 positions × 2,520 days, Monte Carlo 10,000 paths × 500, vs numpy',
  async run({ quick, progress }) {
    const n = quick ? 50 : 500;
    const window = quick ? 250 : 2_520;
    const paths = quick ? 2_000 : 10_000;
    const repeats = quick ? 2 : 5;
    const series = market(n, window + 1);
    const book = bookOf(series);

    progress(`historical + parametric, ${n} positions × ${window} days`);
    const histParam = bestOf(repeats, () => {
      const aligned = alignCloses(series);
      if (!aligned.ok) throw new Error('align');
      const w = returnWindow(aligned.value, window);
      if (!w.ok) throw new Error('window');
      const r = bookVar(book, w.value, { confidences: CONFIDENCES, methods: ['historical', 'parametric'] });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return { figures: r.value.figures, window: w.value };
    });
    progress(`Monte Carlo, ${paths} paths × ${n} positions`);
    const mc = bestOf(repeats, () => {
      const r = bookVar(book, histParam.value.window, { confidences: CONFIDENCES, methods: ['monteCarlo'], monteCarlo: { paths, random: new SeededRandom(1) } });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.figures;
    });

    progress('numpy peer on the same closes');
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-risk-'));
    let peer: { histParamMs: number; histParam: Record<string, Record<string, number>>; monteCarloMs: number; monteCarlo: Record<string, Record<string, number>>; numpy: string } | undefined;
    try {
      const closes = new Float64Array(n * (window + 1));
      series.forEach((s, i) => closes.set(s.close, i * (window + 1)));
      writeFileSync(join(dir, 'book.closes'), Buffer.from(closes.buffer));
      writeFileSync(join(dir, 'book.values'), Buffer.from(book.values.buffer));
      const run = spawnSync(PYTHON, ['-c', NUMPY_PEER, join(dir, 'book'), String(n), String(window + 1), String(paths), String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (run.status === 0) peer = JSON.parse(run.stdout);
      else progress(`numpy peer unavailable: ${run.stderr.trim().split('\n').pop()}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    if (peer) {
      // Same numbers, or the timing compares different work.
      for (const f of histParam.value.figures) {
        const p = peer.histParam[String(f.confidence)]!;
        close(`${f.method} VaR ${f.confidence}`, f.var, f.method === 'historical' ? p.hvar! : p.pvar!, 1e-9);
        if (f.method === 'historical') close(`historical ES ${f.confidence}`, f.es, p.hes!, 1e-9);
        else close(`parametric ES ${f.confidence}`, f.es, p.pes!, 1e-9);
      }
      for (const f of mc.value) close(`Monte Carlo VaR ${f.confidence} (different random streams)`, f.var, peer.monteCarlo[String(f.confidence)]!.var!, 0.1);
    }
    const figure = (name: string, ms: number, peerMs: number | undefined): BenchFigure => ({
      suite: 'risk',
      name,
      value: Math.round(ms * 10) / 10,
      unit: 'ms',
      ...(peerMs === undefined ? {} : { peer: `numpy ${peer!.numpy}`, peerValue: Math.round(peerMs * 10) / 10, ratio: Math.round((peerMs / ms) * 100) / 100 }),
    });
    return [
      figure(`historical + parametric VaR/ES 95/99 with components, ${n} positions × ${window} days (align, returns, both methods)`, histParam.ms, peer?.histParamMs),
      figure(`Monte Carlo VaR/ES 95/99 with components, ${paths} paths × ${n} positions (covariance, Cholesky, paths)`, mc.ms, peer?.monteCarloMs),
    ];
  },
};
