import { describe, expect, it } from 'vitest';
import { SESSION_MINUTES, createUniverse, generateSyntheticHistory, isWeekday } from '../../../../src/core/market';
import { isOnIncrement } from '../../../../src/core/model/instrument';
import type { BarColumns } from '../../../../src/core/model/marketData';

const END = Date.UTC(2024, 5, 14); // a Friday

function expectConsistent(bars: BarColumns, tick: number, label: string): void {
  for (let i = 0; i < bars.time.length; i++) {
    const o = bars.open[i] as number;
    const h = bars.high[i] as number;
    const l = bars.low[i] as number;
    const c = bars.close[i] as number;
    const ok = l > 0 && l <= o && l <= c && o <= h && c <= h && (bars.volume[i] as number) >= 0;
    if (!ok) throw new Error(`${label}[${i}] inconsistent: o=${o} h=${h} l=${l} c=${c} v=${bars.volume[i]}`);
    if (!isOnIncrement(c, tick) || !isOnIncrement(h, tick) || !isOnIncrement(l, tick)) throw new Error(`${label}[${i}] off the tick grid`);
    if (i > 0 && (bars.time[i] as number) <= (bars.time[i - 1] as number)) throw new Error(`${label}[${i}] time not increasing`);
  }
}

describe('synthetic history', () => {
  const history = generateSyntheticHistory({ seed: 5, years: 1, minuteDays: 3, endTime: END });

  it('covers 252 weekday sessions with daily bars and the last 3 with minute bars, for equities and FX', () => {
    expect(history.sessions.length).toBe(252);
    expect(Array.from(history.sessions).every(isWeekday)).toBe(true);
    expect(history.sessions[251]).toBe(END);
    expect(history.series.length).toBe(history.instruments.length + history.fxPairs.length);
    for (const s of history.series) {
      expect(s.daily.time.length).toBe(252);
      const isFx = history.fxPairs.some((p) => p.symbol === s.symbol);
      expect(s.minute.time.length).toBe(isFx ? 0 : 3 * SESSION_MINUTES);
    }
  });

  it('produces consistent OHLC on the tick grid, ending at each instrument’s reference price', () => {
    history.instruments.forEach((instrument, i) => {
      const s = history.series[i];
      if (!s) throw new Error('missing series');
      expectConsistent(s.daily, instrument.tickSize, `${s.symbol} 1D`);
      expectConsistent(s.minute, instrument.tickSize, `${s.symbol} 1m`);
      expect(s.daily.close[251]).toBe(instrument.referencePrice);
      expect(history.lastClose[s.symbol]).toBe(instrument.referencePrice);
    });
    for (const pair of history.fxPairs) expect(history.lastClose[pair.symbol]).toBe(pair.referenceRate);
  });

  it('makes the minute-window daily bars the exact aggregate of their minute bars', () => {
    const s = history.series[0];
    if (!s) throw new Error('missing series');
    for (let day = 0; day < 3; day++) {
      const from = day * SESSION_MINUTES;
      const to = from + SESSION_MINUTES;
      const d = 249 + day;
      expect(s.daily.open[d]).toBe(s.minute.open[from]);
      expect(s.daily.close[d]).toBe(s.minute.close[to - 1]);
      expect(s.daily.high[d]).toBe(Math.max(...s.minute.high.subarray(from, to)));
      expect(s.daily.low[d]).toBe(Math.min(...s.minute.low.subarray(from, to)));
      expect(s.daily.volume[d]).toBeCloseTo(s.minute.volume.subarray(from, to).reduce((a, b) => a + b, 0), 6);
    }
  });

  it('places minute bars in the 09:30–16:00 session of each exchange, in UTC', () => {
    const nyse = history.series.find((s) => s.symbol === 'FRBK');
    const tse = history.series.find((s) => s.symbol === 'KYTO');
    expect(new Date(nyse?.minute.time[0] as number).toISOString()).toBe('2024-06-12T14:30:00.000Z');
    expect(new Date(nyse?.minute.time[SESSION_MINUTES - 1] as number).toISOString()).toBe('2024-06-12T20:59:00.000Z');
    expect(new Date(tse?.minute.time[0] as number).toISOString()).toBe('2024-06-12T00:30:00.000Z');
    expect(history.endOfHistory).toBe(Date.UTC(2024, 5, 14, 21));
  });

  it('has a U-shaped intraday volume profile', () => {
    let edges = 0;
    let middle = 0;
    for (const s of history.series.slice(0, history.instruments.length)) {
      for (let day = 0; day < 3; day++) {
        const v = s.minute.volume.subarray(day * SESSION_MINUTES, (day + 1) * SESSION_MINUTES);
        edges += v.subarray(0, 30).reduce((a, b) => a + b, 0) + v.subarray(360, 390).reduce((a, b) => a + b, 0);
        middle += v.subarray(165, 225).reduce((a, b) => a + b, 0);
      }
    }
    expect(edges / middle).toBeGreaterThan(1.8);
  });

  it('is deterministic from the seed', () => {
    const again = generateSyntheticHistory({ seed: 5, years: 1, minuteDays: 3, endTime: END });
    expect(again.series[3]?.minute.close).toEqual(history.series[3]?.minute.close);
    expect(again.series[3]?.daily.open).toEqual(history.series[3]?.daily.open);
    const other = generateSyntheticHistory({ seed: 6, years: 1, minuteDays: 3, endTime: END });
    expect(other.series[3]?.daily.open).not.toEqual(history.series[3]?.daily.open);
  });

  it('rolls a weekend end date back to Friday and accepts a custom universe', () => {
    const universe = createUniverse(5).slice(0, 4);
    const h = generateSyntheticHistory({ seed: 5, years: 0.1, minuteDays: 0, endTime: Date.UTC(2024, 5, 16, 10), instruments: universe, fxPairs: [] });
    expect(h.sessions[h.sessions.length - 1]).toBe(END);
    expect(h.series.length).toBe(4);
  });
});
