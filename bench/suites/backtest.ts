// Backtest throughput: sma-cross (fast 10, slow 50) through runBacktest in process, on one core, order simulation
// included, over 500 symbols × 10 years of daily bars and 50 symbols × 30 days of 1-minute bars (synthetic,
// deterministic). In the same run: a raw loop over the same Float64Arrays computing the same signals and next-open
// fills with the same sizing (the ceiling; its fills and final equity must equal ours), and the npm peer grademark
// (with data-forge) running the same rules on a subset of the daily symbols.
import { DataFrame } from 'data-forge';
import { backtest } from 'grademark';
import { SeededRandom } from '../../src/core/model/clock';
import type { BarColumns } from '../../src/core/model/marketData';
import { runBacktest, type BacktestConfig, type BacktestSeries } from '../../src/core/backtest';
import type { StrategyDefinition } from '../../src/core/strategy/strategy';
import type { NodeInstrument } from '../../src/core/trading/tradingNode';
import { defaultStrategyDirs, loadStrategy } from '../../src/main/strategies/strategyLoader';
import type { BenchFigure, BenchSuite } from '../harness';

const DAY = 86_400_000;
const MINUTE = 60_000;
const FAST = 10;
const SLOW = 50;
/** Daily symbols grademark runs on: its per-bar DataFrame machinery makes the whole universe take minutes. */
const PEER_SYMBOLS = 20;

const CONFIG = (timeframeMs: number): BacktestConfig => ({
  timeframeMs,
  initialCash: 10_000_000,
  baseCurrency: 'USD',
  fill: 'next-open',
  commission: { kind: 'NONE', currency: 'USD' },
  slippageBps: 0,
  maxVolumeShare: 0,
  limits: [],
  seed: 1,
  accountUtcOffsetMinutes: -300,
});

const instrument = (symbol: string): NodeInstrument => ({ symbol, name: symbol, assetClass: 'EQUITY', currency: 'USD', exchange: 'NYSE', sector: 'Bench', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 });

/** Weekday times: daily bars at UTC midnight, or 390 minute bars from 14:30 UTC (09:30 New York, winter). */
function barTimes(days: number, minute: boolean): Float64Array {
  const out: number[] = [];
  for (let t = Date.UTC(2015, 0, 1); out.length < days * (minute ? 390 : 1); t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    if (!minute) out.push(t);
    else for (let m = 0; m < 390; m++) out.push(t + 14.5 * 3_600_000 + m * MINUTE);
  }
  return Float64Array.from(out);
}

/** A random walk in cents per symbol, the same for every run (seeded by the symbol's index). */
function walk(time: Float64Array, seed: number, sigma: number): BarColumns {
  const random = new SeededRandom(seed);
  const n = time.length;
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), close = new Float64Array(n), volume = new Float64Array(n);
  let price = 50 + 100 * random.next();
  const cents = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);
  for (let i = 0; i < n; i++) {
    const o = cents(price * (1 + 0.2 * sigma * random.normal()));
    const c = cents(o * (1 + sigma * random.normal()));
    open[i] = o;
    close[i] = c;
    high[i] = cents(Math.max(o, c) * (1 + 0.3 * sigma * random.next()));
    low[i] = cents(Math.min(o, c) * (1 - 0.3 * sigma * random.next()));
    volume[i] = Math.round(1e5 + 1e5 * random.next());
    price = c;
  }
  return { time, open, high, low, close, volume };
}

function universe(symbols: number, days: number, minute: boolean): BacktestSeries[] {
  const time = barTimes(days, minute);
  return Array.from({ length: symbols }, (_, i) => ({ instrument: instrument(`S${String(i).padStart(3, '0')}`), bars: walk(time, 1_000 + i, minute ? 0.001 : 0.02) }));
}

interface Outcome {
  readonly fills: number;
  readonly finalEquity: number;
}

/**
 * The ceiling: sma-cross as a plain loop per symbol over the same columns — the same rolling-sum SMA as the
 * streaming indicator, the same equal sleeves, buy floor(sleeve / next open) at the next open, sell all at the next open.
 */
function rawLoop(series: readonly BacktestSeries[], initialCash: number): Outcome {
  let fills = 0;
  let equity = 0;
  const ringF = new Float64Array(FAST);
  const ringS = new Float64Array(SLOW);
  for (const s of series) {
    const { open, close } = s.bars;
    let sleeve = initialCash / series.length;
    let position = 0;
    let pending = 0; // 1 buy with the sleeve, −1 sell the position, at the next open
    let sumF = 0, sumS = 0, posF = 0, posS = 0, n = 0;
    const len = close.length;
    for (let i = 0; i < len; i++) {
      const o = open[i] as number;
      if (pending === 1) {
        const lots = Math.floor(sleeve / o + 1e-9);
        if (lots > 0) {
          position = lots;
          sleeve -= lots * o;
          fills++;
        }
      } else if (pending === -1) {
        sleeve += position * o;
        position = 0;
        fills++;
      }
      pending = 0;
      const c = close[i] as number;
      n++;
      sumF += c;
      ringF[posF] = c;
      posF = posF + 1 === FAST ? 0 : posF + 1;
      sumS += c;
      ringS[posS] = c;
      posS = posS + 1 === SLOW ? 0 : posS + 1;
      const f = n >= FAST ? sumF / FAST : NaN;
      const sl = n >= SLOW ? sumS / SLOW : NaN;
      if (n >= FAST) sumF -= ringF[posF] as number;
      if (n >= SLOW) sumS -= ringS[posS] as number;
      if (!(f === f && sl === sl)) continue;
      if (f > sl && position === 0 && sleeve > 0) pending = 1;
      else if (f <= sl && position > 0) pending = -1;
    }
    equity += sleeve + position * (close[len - 1] as number);
  }
  return { fills, finalEquity: equity };
}

/** grademark 0.3 on data-forge: long only, enter when SMA(fast) > SMA(slow), exit when ≤, both at the next bar's open. */
function grademarkRun(series: readonly BacktestSeries[]): { trades: number; ms: number } {
  const strategy = {
    entryRule: (enter: (o?: object) => void, args: { bar: { fast: number; slow: number } }) => {
      if (args.bar.fast > args.bar.slow) enter({ direction: 'long' });
    },
    exitRule: (exit: () => void, args: { bar: { fast: number; slow: number } }) => {
      if (args.bar.fast <= args.bar.slow) exit();
    },
  };
  const t0 = performance.now();
  let trades = 0;
  for (const s of series) {
    const { time, open, high, low, close, volume } = s.bars;
    const fast = rolling(close, FAST);
    const slow = rolling(close, SLOW);
    const rows = Array.from(time, (t, i) => ({ time: new Date(t), open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i], fast: fast[i], slow: slow[i] }));
    trades += backtest(strategy as never, new DataFrame(rows) as never).length;
  }
  return { trades, ms: performance.now() - t0 };
}

function rolling(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i] as number;
    if (i >= period) sum -= x[i - period] as number;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

function timeOurs(series: readonly BacktestSeries[], definition: StrategyDefinition, timeframeMs: number): { outcome: Outcome; ms: number; bars: number } {
  const t0 = performance.now();
  const result = runBacktest(series, definition, { fast: FAST, slow: SLOW }, CONFIG(timeframeMs));
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`backtest failed: ${JSON.stringify(result.error)}`);
  return { outcome: { fills: result.value.fills.length, finalEquity: result.value.finalEquity }, ms, bars: result.value.barCount };
}

function timeRaw(series: readonly BacktestSeries[]): { outcome: Outcome; ms: number } {
  // The loop takes milliseconds: best of several runs, so timer resolution and a stray pause do not decide it.
  let best = Infinity;
  let outcome: Outcome = { fills: 0, finalEquity: 0 };
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    outcome = rawLoop(series, CONFIG(DAY).initialCash);
    best = Math.min(best, performance.now() - t0);
  }
  return { outcome, ms: best };
}

function sameOutcome(label: string, ours: Outcome, raw: Outcome): void {
  if (ours.fills !== raw.fills || Math.abs(ours.finalEquity - raw.finalEquity) > 1e-6 * Math.abs(raw.finalEquity)) {
    throw new Error(`${label}: the raw loop does not reproduce the backtest (fills ${ours.fills} vs ${raw.fills}, equity ${ours.finalEquity} vs ${raw.finalEquity})`);
  }
}

export const backtestSuite: BenchSuite = {
  name: 'backtest',
  summary: 'sma-cross bar events/s: 500 symbols × 10 years daily and 50 symbols × 30 days of minutes, vs a raw loop and grademark',
  async run({ quick, progress }) {
    const loaded = await loadStrategy('sma-cross', defaultStrategyDirs(null));
    if (!loaded.ok) throw new Error(`sma-cross: ${JSON.stringify(loaded.error)}`);
    const definition = loaded.value.definition;
    const figures: BenchFigure[] = [];
    const cases = [
      { label: 'daily', symbols: quick ? 20 : 500, days: quick ? 300 : 2_520, minute: false },
      { label: '1-minute', symbols: quick ? 5 : 50, days: quick ? 2 : 30, minute: true },
    ];
    for (const c of cases) {
      progress(`${c.label}: generating ${c.symbols} symbols × ${c.days} days`);
      const series = universe(c.symbols, c.days, c.minute);
      const timeframe = c.minute ? MINUTE : DAY;
      // Warm the JIT on a slice first, so the figure is the engine's pace rather than its compile time.
      progress(`${c.label}: warm-up, then runBacktest`);
      timeOurs(series.slice(0, Math.max(1, Math.floor(series.length / 10))), definition, timeframe);
      const ours = timeOurs(series, definition, timeframe);
      const raw = timeRaw(series);
      sameOutcome(c.label, ours.outcome, raw.outcome);
      const rate = (ours.bars / ours.ms) * 1000;
      const ceiling = (ours.bars / raw.ms) * 1000;
      const name = `sma-cross ${c.symbols} symbols × ${c.days} days, ${c.label} bars (${ours.bars.toLocaleString('en-US')} bars, ${ours.outcome.fills} fills)`;
      figures.push({ suite: 'backtest', name, value: rate, unit: 'bar events/s', peer: 'raw loop over the same arrays (ceiling)', peerValue: ceiling, ratio: rate / ceiling });
      if (!c.minute) {
        const subset = series.slice(0, Math.min(PEER_SYMBOLS, series.length));
        progress(`${c.label}: grademark on ${subset.length} symbols`);
        // Each timed on its second run over the subset (both warm).
        grademarkRun(subset);
        const peer = grademarkRun(subset);
        const peerBars = subset.reduce((n, s) => n + s.bars.time.length, 0);
        timeOurs(subset, definition, timeframe);
        const oursSubset = timeOurs(subset, definition, timeframe);
        const peerRate = (peerBars / peer.ms) * 1000;
        const oursRate = (oursSubset.bars / oursSubset.ms) * 1000;
        figures.push({ suite: 'backtest', name: `sma-cross ${subset.length} symbols × ${c.days} days, daily (grademark ${peer.trades} trades; ours ${oursSubset.outcome.fills} fills)`, value: oursRate, unit: 'bar events/s', peer: 'grademark 0.3 + data-forge 1.10', peerValue: peerRate, ratio: oursRate / peerRate });
      }
    }
    return figures;
  },
};
