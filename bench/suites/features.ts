// Features benchmark: batch bars/s of our indicators vs TA-Lib C (node `talib`) and `technicalindicators`,
// and streaming ns per update, on one seeded random walk.

import { createRequire } from 'node:module';
import * as ti from 'technicalindicators';
import {
  Bollinger,
  Ema,
  INDICATORS,
  Macd,
  Rsi,
  Atr,
  emptyBar,
  getIndicator,
} from '../../src/core/indicators';
import {
  atrBatch,
  emaBatch,
  obvBatch,
  rsiBatch,
  smaBatch,
} from '../../src/core/indicators';
import type { IndicatorInput } from '../../src/core/indicators';
import { SeededRandom } from '../../src/core/model';
import { measureRate, percentile } from '../harness';
import type { BenchFigure, BenchOptions, BenchSuite } from '../harness';

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
const requireCjs = createRequire(import.meta.url);
const talib = requireCjs('talib') as { execute(params: Record<string, unknown>): TalibResult };

interface Walk extends IndicatorInput {
  time: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

function randomWalk(n: number, seed: number): Walk {
  const rnd = new SeededRandom(seed);
  const w: Walk = {
    time: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price;
    price = open * Math.exp(0.01 * rnd.normal());
    w.time[i] = 1_704_153_600_000 + i * 60_000;
    w.close[i] = price;
    w.high[i] = Math.max(open, price) * (1 + 0.004 * Math.abs(rnd.normal()));
    w.low[i] = Math.min(open, price) * (1 - 0.004 * Math.abs(rnd.normal()));
    w.volume[i] = rnd.int(1_000, 100_000);
  }
  return w;
}

interface Plain {
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

interface BatchCase {
  id: string;
  params: number[];
  /** TA-Lib call (inputs as plain arrays: node-talib reads its inputs as v8::Array). */
  talib: (p: Plain, n: number) => unknown;
  /** technicalindicators call, if it has the indicator. */
  peer?: (p: Plain) => unknown;
}

const t = (name: string, inputs: Record<string, number[]>, options: Record<string, number>, n: number): unknown =>
  talib.execute({ name, startIdx: 0, endIdx: n - 1, ...inputs, ...options });

const BATCH: BatchCase[] = [
  { id: 'ema', params: [14], talib: (p, n) => t('EMA', { inReal: p.close }, { optInTimePeriod: 14 }, n), peer: (p) => ti.EMA.calculate({ period: 14, values: p.close }) },
  { id: 'rsi', params: [14], talib: (p, n) => t('RSI', { inReal: p.close }, { optInTimePeriod: 14 }, n), peer: (p) => ti.RSI.calculate({ period: 14, values: p.close }) },
  {
    id: 'macd',
    params: [12, 26, 9],
    talib: (p, n) => t('MACD', { inReal: p.close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, n),
    peer: (p) => ti.MACD.calculate({ values: p.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
  },
  {
    id: 'bbands',
    params: [20, 2],
    talib: (p, n) => t('BBANDS', { inReal: p.close }, { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }, n),
    peer: (p) => ti.BollingerBands.calculate({ period: 20, values: p.close, stdDev: 2 }),
  },
  {
    id: 'atr',
    params: [14],
    talib: (p, n) => t('ATR', { high: p.high, low: p.low, close: p.close }, { optInTimePeriod: 14 }, n),
    peer: (p) => ti.ATR.calculate({ high: p.high, low: p.low, close: p.close, period: 14 }),
  },
  { id: 'sma', params: [20], talib: (p, n) => t('SMA', { inReal: p.close }, { optInTimePeriod: 20 }, n), peer: (p) => ti.SMA.calculate({ period: 20, values: p.close }) },
  { id: 'wma', params: [20], talib: (p, n) => t('WMA', { inReal: p.close }, { optInTimePeriod: 20 }, n), peer: (p) => ti.WMA.calculate({ period: 20, values: p.close }) },
  {
    id: 'stoch',
    params: [14, 3, 3],
    talib: (p, n) =>
      t('STOCH', { high: p.high, low: p.low, close: p.close }, { optInFastK_Period: 14, optInSlowK_Period: 3, optInSlowK_MAType: 0, optInSlowD_Period: 3, optInSlowD_MAType: 0 }, n),
    peer: (p) => ti.Stochastic.calculate({ high: p.high, low: p.low, close: p.close, period: 14, signalPeriod: 3 }),
  },
  {
    id: 'adx',
    params: [14],
    talib: (p, n) => t('ADX', { high: p.high, low: p.low, close: p.close }, { optInTimePeriod: 14 }, n),
    peer: (p) => ti.ADX.calculate({ high: p.high, low: p.low, close: p.close, period: 14 }),
  },
  {
    id: 'cci',
    params: [20],
    talib: (p, n) => t('CCI', { high: p.high, low: p.low, close: p.close }, { optInTimePeriod: 20 }, n),
    peer: (p) => ti.CCI.calculate({ high: p.high, low: p.low, close: p.close, period: 20 }),
  },
  {
    id: 'mfi',
    params: [14],
    talib: (p, n) => t('MFI', { high: p.high, low: p.low, close: p.close, volume: p.volume }, { optInTimePeriod: 14 }, n),
    peer: (p) => ti.MFI.calculate({ high: p.high, low: p.low, close: p.close, volume: p.volume, period: 14 }),
  },
  {
    id: 'obv',
    params: [],
    talib: (p, n) => t('OBV', { inReal: p.close, volume: p.volume }, {}, n),
    peer: (p) => ti.OBV.calculate({ close: p.close, volume: p.volume }),
  },
  {
    id: 'sar',
    params: [0.02, 0.2],
    talib: (p, n) => t('SAR', { high: p.high, low: p.low }, { optInAcceleration: 0.02, optInMaximum: 0.2 }, n),
    peer: (p) => ti.PSAR.calculate({ high: p.high, low: p.low, step: 0.02, max: 0.2 }),
  },
];

/** Bars per second of `fn` over `n` bars, best of the runs in `minMs` (at least one run). */
function rate(fn: () => unknown, n: number, minMs: number): number {
  return measureRate(() => {
    fn();
    return n;
  }, minMs);
}

function streamingFigures(walk: Walk, quick: boolean, progress: (m: string) => void): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const n = walk.close.length;
  const chunk = 10_000;
  const chunks = Math.floor(n / chunk);
  const sample = (push: (i: number) => void): { mean: number; p50: number; p99: number } => {
    const times: number[] = [];
    for (let warm = 0; warm < 2; warm++) for (let i = 0; i < Math.min(n, 50_000); i++) push(i);
    for (let c = 0; c < chunks; c++) {
      const start = performance.now();
      for (let i = c * chunk; i < (c + 1) * chunk; i++) push(i);
      times.push(((performance.now() - start) * 1e6) / chunk);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const close = walk.close;
  const high = walk.high;
  const low = walk.low;

  // Typed classes (the hot path), against technicalindicators' own streaming nextValue().
  const typed: { id: string; ours: () => (i: number) => void; peer: () => (i: number) => void }[] = [
    { id: 'ema', ours: () => { const e = new Ema(14); return (i) => void e.update(close[i]!); }, peer: () => { const e = new ti.EMA({ period: 14, values: [] }); return (i) => void e.nextValue(close[i]!); } },
    { id: 'rsi', ours: () => { const r = new Rsi(14); return (i) => void r.update(close[i]!); }, peer: () => { const r = new ti.RSI({ period: 14, values: [] }); return (i) => void r.nextValue(close[i]!); } },
    {
      id: 'macd',
      ours: () => { const m = new Macd(12, 26, 9); return (i) => void m.update(close[i]!); },
      peer: () => {
        const m = new ti.MACD({ values: [], fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
        return (i) => void m.nextValue(close[i]!);
      },
    },
    { id: 'bbands', ours: () => { const b = new Bollinger(20, 2); return (i) => void b.update(close[i]!); }, peer: () => { const b = new ti.BollingerBands({ period: 20, values: [], stdDev: 2 }); return (i) => void b.nextValue(close[i]!); } },
    {
      id: 'atr',
      ours: () => { const a = new Atr(14); return (i) => void a.update(high[i]!, low[i]!, close[i]!); },
      peer: () => { const a = new ti.ATR({ period: 14, high: [], low: [], close: [] }); return (i) => void a.nextValue({ high: high[i]!, low: low[i]!, close: close[i]! } as never); },
    },
  ];
  for (const c of typed) {
    progress(`streaming ${c.id} (class)`);
    const ours = sample(c.ours());
    const peer = sample(c.peer());
    figures.push({ suite: 'features', name: `stream/${c.id} (class)`, value: ours.mean, unit: 'ns/update', p50: ours.p50, p99: ours.p99, peer: 'technicalindicators nextValue', peerValue: peer.mean, ratio: peer.mean / ours.mean });
  }

  // Every registered indicator through the generic registry form (push(bar), all outputs).
  if (!quick || chunks > 0) {
    const bar = emptyBar();
    const benchmark = walk.close.map((v, i) => v * (1 + 0.001 * Math.sin(i)));
    const eps = new Float64Array(n).fill(3);
    const time = walk.time;
    const volume = walk.volume;
    for (const def of INDICATORS) {
      progress(`streaming ${def.id} (registry)`);
      const s = def.stream(def.params.map((p) => p.default));
      // Fill only the fields the indicator reads, with plain property stores (as a real feed would).
      const fill: (i: number) => void = {
        close: (i: number) => void (bar.close = close[i]!),
        hl: (i: number) => void ((bar.high = high[i]!), (bar.low = low[i]!)),
        hlc: (i: number) => void ((bar.high = high[i]!), (bar.low = low[i]!), (bar.close = close[i]!)),
        cv: (i: number) => void ((bar.close = close[i]!), (bar.volume = volume[i]!)),
        hlcv: (i: number) => void ((bar.high = high[i]!), (bar.low = low[i]!), (bar.close = close[i]!), (bar.volume = volume[i]!)),
        thlcv: (i: number) =>
          void ((bar.time = time[i]!), (bar.high = high[i]!), (bar.low = low[i]!), (bar.close = close[i]!), (bar.volume = volume[i]!)),
        benchmark: (i: number) => void ((bar.close = close[i]!), (bar.benchmark = benchmark[i]!)),
        eps: (i: number) => void ((bar.close = close[i]!), (bar.eps = eps[i]!)),
      }[def.inputs];
      const r = sample((i) => {
        fill(i);
        s.push(bar);
      });
      figures.push({ suite: 'features', name: `stream/${def.id}`, value: r.mean, unit: 'ns/update', p50: r.p50, p99: r.p99 });
    }
  }
  return figures;
}

export const featuresSuite: BenchSuite = {
  name: 'features',
  summary: 'indicators: batch bars/s vs TA-Lib C and technicalindicators; streaming ns/update',
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const n = options.quick ? 20_000 : 1_000_000;
    const minMs = options.quick ? 50 : 1_000;
    options.progress(`features: ${n} random-walk bars`);
    const walk = randomWalk(n, 20_240_102);
    const plain: Plain = { high: Array.from(walk.high), low: Array.from(walk.low), close: Array.from(walk.close), volume: Array.from(walk.volume) };
    // Streaming first, on a clean heap: the batch runs below leave peers' garbage for the collector.
    const figures: BenchFigure[] = streamingFigures(walk, options.quick, options.progress);
    const peerRates = new Map<string, number>();
    for (const c of BATCH) {
      const def = getIndicator(c.id)!;
      options.progress(`batch ${c.id}`);
      const ours = rate(() => def.batch(walk, c.params), n, minMs);
      const ta = rate(() => c.talib(plain, n), n, minMs);
      figures.push({ suite: 'features', name: `batch/${c.id} (talib)`, value: ours, unit: 'bars/s', peer: 'talib (TA-Lib C via execute)', peerValue: ta, ratio: ours / ta });
      if (c.peer) {
        const peer = c.peer;
        const other = rate(() => peer(plain), n, minMs);
        peerRates.set(c.id, other);
        figures.push({ suite: 'features', name: `batch/${c.id} (technicalindicators)`, value: ours, unit: 'bars/s', peer: 'technicalindicators', peerValue: other, ratio: ours / other });
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // The same kernels writing into caller-owned buffers (as TA-Lib's C API does): no 8 MB allocation per call.
    const out = new Float64Array(n);
    const reused: [string, () => unknown][] = [
      ['ema', () => emaBatch(walk.close, 14, out)],
      ['rsi', () => rsiBatch(walk.close, 14, out)],
      ['atr', () => atrBatch(walk.high, walk.low, walk.close, 14, out)],
      ['sma', () => smaBatch(walk.close, 20, out)],
      ['obv', () => obvBatch(walk.close, walk.volume, out)],
    ];
    for (const [id, fn] of reused) {
      options.progress(`batch ${id} into a reused buffer`);
      const ours = rate(fn, n, minMs);
      const other = peerRates.get(id)!;
      figures.push({ suite: 'features', name: `batch/${id} reused buffer (technicalindicators)`, value: ours, unit: 'bars/s', peer: 'technicalindicators', peerValue: other, ratio: ours / other });
    }
    return figures;
  },
};
