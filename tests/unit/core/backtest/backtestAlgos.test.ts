// The execution algorithms run in backtests on the node's desk: a strategy module's TWAP on minute bars releases its
// slices at the scheduled times (each seeing the bar that closed then), fills on the backtest's fill model, never
// exceeds its parent, and the result lists the parent with its TCA; POV follows the volume of closed bars, VWAP the
// profile of earlier sessions' bars; refusals carry the API's codes; and the runner is the AlgoRunner class live uses.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBacktest, type BacktestConfig, type BacktestResult } from '../../../../src/core/backtest';
import { AlgoRunner } from '../../../../src/core/execution/algoRunner';
import type { StrategyDefinition } from '../../../../src/core/strategy/strategy';
import { bars, CONFIG, sample, series } from './fixtures';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);
const N = 90;
const TIMES = Array.from({ length: N }, (_, i) => T0 + i * MINUTE);
/** Falls for eight bars, then rises; each open gaps 5 cents above the last close, so opens and closes differ. */
const CLOSES = Array.from({ length: N }, (_, i) => (i < 8 ? 50 - 0.5 * i : 46.5 + 0.25 * (i - 7)));
const VOLUMES = Array.from({ length: N }, (_, i) => 1_000 + 130 * (i % 7));
const ROWS = CLOSES.map((c, i) => ({ o: i === 0 ? c : Math.round(((CLOSES[i - 1] as number) + 0.05) * 100) / 100, c, v: VOLUMES[i] as number }));
const MINUTE_CONFIG: BacktestConfig = { ...CONFIG, timeframeMs: MINUTE };
const PARAMS = { fast: 2, slow: 4, slices: 6, sliceMinutes: 5, urgency: 1, buffer: 0.02 };

const run = (definition: StrategyDefinition, params: Record<string, number>, config: BacktestConfig): BacktestResult => {
  const result = runBacktest([series('AAA', bars(ROWS, TIMES))], definition, params, config);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

/** The first bar whose close puts SMA(2) above SMA(4), computed here by hand. */
function entryBar(): number {
  const sma = (i: number, n: number) => CLOSES.slice(i - n + 1, i + 1).reduce((s, c) => s + c, 0) / n;
  for (let i = 3; i < N; i++) if (sma(i, 2) > sma(i, 4)) return i;
  throw new Error('no cross');
}

afterEach(() => vi.restoreAllMocks());

describe('twap-entry in a backtest', () => {
  for (const fill of ['next-open', 'close'] as const) {
    it(`releases ${PARAMS.slices} slices at the scheduled times and fills them on the bars (${fill})`, async () => {
      const slice = vi.spyOn(AlgoRunner.prototype, 'slice');
      const result = run(await sample('twap-entry'), PARAMS, { ...MINUTE_CONFIG, fill });
      const e = entryBar();
      const start = (TIMES[e] as number) + MINUTE;
      const interval = PARAMS.sliceMinutes * MINUTE;
      const quantity = Math.floor((10_000 * (1 - PARAMS.buffer)) / (CLOSES[e] as number));

      expect(result.executions).toHaveLength(1);
      const { parent, tca } = result.executions[0]!;
      expect(parent).toMatchObject({ algo: 'TWAP', status: 'FILLED', quantity, filled: quantity, createdAt: start, arrivalMid: CLOSES[e] });
      // The very class the live desk runs worked the slices (one per interval, and none after it filled).
      expect(slice.mock.calls.length).toBe(PARAMS.slices);

      const children = result.orders.filter((o) => o.parentId === parent.id);
      expect(children.map((o) => o.clientOrderId).sort()).toEqual([...parent.children].sort());
      const fills = result.fills.filter((f) => parent.children.includes(f.clientOrderId));
      let cumulative = 0;
      for (let k = 0; k < PARAMS.slices; k++) {
        const at = start + k * interval;
        const sliceFills = fills.filter((f) => f.time === at);
        const wanted = k === PARAMS.slices - 1 ? quantity : Math.floor((quantity * (k + 1)) / PARAMS.slices);
        cumulative += sliceFills.reduce((s, f) => s + f.quantity, 0);
        // On schedule, never ahead of it: what slice k released, filled at its time.
        expect(cumulative).toBe(wanted);
        // next-open: the bar opening at the slice's time; close: the bar that closed then (the slice sees that close).
        const price = fill === 'next-open' ? ROWS[e + 1 + (k * interval) / MINUTE]!.o : CLOSES[e + (k * interval) / MINUTE];
        for (const f of sliceFills) expect(f.price).toBe(price);
      }
      expect(fills.every((f) => (f.time - start) % interval === 0 && f.time < start + PARAMS.slices * interval)).toBe(true);
      // The parent's fills are its children's, never more than the parent.
      expect(children.reduce((s, o) => s + o.filledQuantity, 0)).toBe(parent.filled);
      expect(fills.reduce((s, f) => s + f.quantity, 0)).toBe(quantity);
      expect(parent.filledNotional).toBeCloseTo(fills.reduce((s, f) => s + f.quantity * f.price, 0), 6);
      expect(result.positions).toEqual([expect.objectContaining({ symbol: 'AAA', quantity })]);

      expect(tca).not.toBeNull();
      expect(tca).toMatchObject({ algo: 'TWAP', filledQuantity: quantity, arrivalPrice: CLOSES[e] });
      expect(tca!.averageFillPrice).toBeCloseTo(parent.filledNotional / quantity, 9);
      expect(tca!.shortfall.amount).toBeCloseTo(tca!.spread.amount + tca!.impact.amount + tca!.timing.amount + tca!.fees.amount, 2);
      expect(tca!.intervalVwap).not.toBeNull();
    });
  }
});

describe('POV in a backtest', () => {
  it('keeps to its share of the volume traded in the bars closed since it started, never above it', () => {
    const rate = 0.1;
    let id = '';
    const definition: StrategyDefinition = {
      name: 'pov',
      params: {},
      create(_params, ctx) {
        return {
          onBar() {
            if (id) return;
            const sent = ctx.execute({ symbol: 'AAA', side: 'BUY', quantity: 100_000, limitPrice: null, urgency: 'HIGH', style: { kind: 'POV', durationMs: 20 * MINUTE, intervalMs: MINUTE, participation: rate } });
            if (!sent.ok) throw new Error(JSON.stringify(sent.error));
            id = sent.value.id;
          },
        };
      },
    };
    const result = run(definition, {}, MINUTE_CONFIG);
    const { parent } = result.executions[0]!;
    expect(parent.id).toBe(id);
    expect(parent).toMatchObject({ algo: 'POV', status: 'EXPIRED' });
    const fills = result.fills.filter((f) => parent.children.includes(f.clientOrderId));
    // Started at bar 0's close; a slice at T sees the bars closed by T (bars 1 … T's index − 1), and fills at T's open.
    let filled = 0;
    for (let k = 1; k < 20; k++) {
      const at = T0 + (k + 1) * MINUTE;
      filled += fills.filter((f) => f.time === at).reduce((s, f) => s + f.quantity, 0);
      const traded = VOLUMES.slice(1, k + 1).reduce((s, v) => s + v, 0);
      expect(filled).toBe(Math.floor(rate * traded));
    }
    // Its last slice was at the window's last interval; the end cancels nothing more and the parent expires.
    expect(parent.filled).toBe(filled);
    expect(result.orders.filter((o) => o.parentId === parent.id).every((o) => o.status === 'Filled' || o.status === 'Canceled')).toBe(true);
  });
});

describe('VWAP in a backtest', () => {
  it('follows the volume profile of the run’s earlier bars at the same times of day', () => {
    const DAY = 86_400_000;
    // Two sessions of the same minute times; day 1's volumes make the profile day 2's VWAP follows.
    const times = [...TIMES, ...TIMES.map((t) => t + DAY)];
    const rows = [...ROWS, ...ROWS];
    const startBar = N + 10;
    const start = (times[startBar] as number) + MINUTE;
    const interval = 5 * MINUTE;
    const quantity = 1_000;
    let id = '';
    const definition: StrategyDefinition = {
      name: 'vwap',
      params: {},
      create(_params, ctx) {
        return {
          onBar(bar) {
            if (bar.time !== times[startBar]) return;
            const sent = ctx.execute({ symbol: 'AAA', side: 'BUY', quantity, limitPrice: null, urgency: 'HIGH', style: { kind: 'VWAP', durationMs: 6 * interval, intervalMs: interval } });
            if (!sent.ok) throw new Error(JSON.stringify(sent.error));
            id = sent.value.id;
          },
        };
      },
    };
    const result = runBacktest([series('AAA', bars(rows, times))], definition, {}, MINUTE_CONFIG);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { parent } = result.value.executions[0]!;
    expect(parent).toMatchObject({ id, algo: 'VWAP', status: 'FILLED', filled: quantity });
    // Day 1's volume in each 5-minute interval of the window's times of day.
    const weights = Array.from({ length: 6 }, (_, k) => VOLUMES.slice(startBar - N + 1 + 5 * k, startBar - N + 6 + 5 * k).reduce((sum, v) => sum + v, 0));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const fills = result.value.fills.filter((f) => parent.children.includes(f.clientOrderId));
    let cumulative = 0;
    let weight = 0;
    for (let k = 0; k < 6; k++) {
      weight += weights[k] as number;
      cumulative += fills.filter((f) => f.time === start + k * interval).reduce((sum, f) => sum + f.quantity, 0);
      expect(cumulative).toBe(k === 5 ? quantity : Math.floor((quantity * weight) / total));
    }
  });
});

describe('ctx.execute refusals', () => {
  it('answers with the API codes, naming the field, records each denial and sends nothing', () => {
    const answers: unknown[] = [];
    const definition: StrategyDefinition = {
      name: 'bad',
      params: {},
      create(_params, ctx) {
        return {
          onBar() {
            if (answers.length > 0) return;
            const twap = { kind: 'TWAP' as const, durationMs: 10 * MINUTE, intervalMs: MINUTE };
            answers.push(ctx.execute({ symbol: 'AAA', side: 'BUY', quantity: Number.NaN, limitPrice: null, style: twap }));
            answers.push(ctx.execute({ symbol: 'AAA', side: 'BUY', quantity: 100, limitPrice: null, style: { kind: 'POV', durationMs: 10 * MINUTE, participation: 0.6 } }));
            answers.push(ctx.execute({ symbol: 'AAA', side: 'BUY', quantity: 100, limitPrice: null, style: { kind: 'TWAP', durationMs: MINUTE, intervalMs: 5 * MINUTE } }));
            answers.push(ctx.execute({ symbol: 'ZZZ', side: 'BUY', quantity: 100, limitPrice: null, style: twap }));
            answers.push(ctx.cancelExecution('nope'));
          },
        };
      },
    };
    const result = run(definition, {}, MINUTE_CONFIG);
    expect(answers).toEqual([
      { ok: false, error: { code: 'VALIDATION_FAILED', field: 'quantity', message: expect.any(String) } },
      { ok: false, error: expect.objectContaining({ code: 'PARTICIPATION_OUT_OF_RANGE', field: 'participation' }) },
      { ok: false, error: expect.objectContaining({ code: 'WINDOW_SHORTER_THAN_INTERVAL', field: 'endTime' }) },
      { ok: false, error: expect.objectContaining({ code: 'UNKNOWN_SYMBOL', field: 'symbol' }) },
      { ok: false, error: { code: 'UNKNOWN_PARENT', parentId: 'nope' } },
    ]);
    expect(result.denials.map((d) => d.code)).toEqual(['VALIDATION_FAILED', 'PARTICIPATION_OUT_OF_RANGE', 'WINDOW_SHORTER_THAN_INTERVAL', 'UNKNOWN_SYMBOL']);
    expect(result.executions).toEqual([]);
    expect(result.orders).toEqual([]);
  });
});
