// Overlays on live bars: the forming bar replaces, a new period appends, and the live tail equals the batch
// computation the features engine runs over the same bars.
import { describe, expect, it } from 'vitest';
import { computeIndicators, parseIndicatorSpecs } from '../../../src/core/indicators';
import { barsFrom, computeLiveTail, emptyChartBars, foldLiveBar, LIVE_WINDOW, withLiveTail, type ChartBars } from '../../../src/renderer/panels/chart/liveOverlays';

const MIN = 60_000;
function bars(n: number): ChartBars {
  const b = emptyChartBars();
  for (let i = 0; i < n; i++) {
    const close = 100 + Math.sin(i / 7) * 5 + i * 0.01;
    foldLiveBar(b, { time: i * MIN, open: close - 0.2, high: close + 0.5, low: close - 0.6, close, volume: 1000 + i });
  }
  return b;
}

function batch(spec: string, b: ChartBars): Map<string, number[]> {
  const specs = parseIndicatorSpecs(spec);
  if (!specs.ok) throw new Error(spec);
  const f = (c: number[]) => Float64Array.from(c);
  const out = computeIndicators({ time: f(b.time), open: f(b.open), high: f(b.high), low: f(b.low), close: f(b.close), volume: f(b.volume) }, specs.value);
  if (!out.ok) throw new Error(out.error.message);
  return new Map(out.value.map((c) => [c.name, Array.from(c.values)]));
}

describe('live overlays', () => {
  it('folds the forming bar in place and appends a new period; ignores an older bar', () => {
    const b = bars(3);
    expect(foldLiveBar(b, { time: 2 * MIN, open: 1, high: 9, low: 1, close: 5, volume: 7 })).toBe(true);
    expect(b.time).toHaveLength(3);
    expect(b.close[2]).toBe(5);
    expect(foldLiveBar(b, { time: 3 * MIN, open: 5, high: 5, low: 5, close: 5, volume: 0 })).toBe(true);
    expect(b.time).toEqual([0, MIN, 2 * MIN, 3 * MIN]);
    expect(foldLiveBar(b, { time: MIN, open: 1, high: 1, low: 1, close: 1, volume: 1 })).toBe(false);
    expect(b.close[1]).not.toBe(1);
  });

  for (const spec of ['sma:20', 'ema:12', 'bbands:20:2', 'rsi:14', 'macd:12:26:9', 'vwap']) {
    it(`${spec}: the live tail equals the batch value over all bars, at the forming bar too`, () => {
      const b = bars(LIVE_WINDOW + 300);
      const tail = computeLiveTail(spec, b, 2)!;
      expect(tail.time).toEqual(b.time.slice(-2));
      const full = batch(spec, b);
      for (const column of tail.columns) {
        const expected = full.get(column.name)!.slice(-2);
        column.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
      }
    });
  }

  it('a new bar moves the overlay: its last point is the new bar', () => {
    const b = bars(300);
    const before = computeLiveTail('sma:20', b, 2)!;
    foldLiveBar(b, { time: 300 * MIN, open: 200, high: 200, low: 200, close: 200, volume: 1 });
    const after = computeLiveTail('sma:20', b, 2)!;
    expect(after.time.at(-1)).toBe(300 * MIN);
    expect(after.time.at(-1)).toBeGreaterThan(before.time.at(-1)!);
    expect(after.columns[0]!.values.at(-1)!).toBeGreaterThan(before.columns[0]!.values.at(-1)!);
  });

  it('an unknown spec gives no tail instead of throwing', () => {
    expect(computeLiveTail('nope:3', bars(50), 2)).toBeNull();
  });

  it('merges the live tail over the engine answer from its first bar on', () => {
    const answer = { symbol: 'X', time: [1, 2, 3], columns: [{ name: 'sma_2', values: [null, 1.5, 2.5] }] };
    const live = { symbol: '', time: [3, 4], columns: [{ name: 'sma_2', values: [2.6, 3.5] }] };
    expect(withLiveTail(answer, live)).toEqual({ symbol: 'X', time: [1, 2, 3, 4], columns: [{ name: 'sma_2', values: [null, 1.5, 2.6, 3.5] }] });
    expect(withLiveTail(answer, undefined)).toBe(answer);
  });

  it('recomputes every bar the answer does not have yet (today, beyond the stored series)', () => {
    const b = bars(10);
    expect(barsFrom(b, 6 * MIN, 2)).toBe(4);
    expect(barsFrom(b, 9 * MIN, 2)).toBe(2);
    expect(barsFrom(b, undefined, 2)).toBe(2);
  });
});
