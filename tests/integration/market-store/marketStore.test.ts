import { describe, expect, it } from 'vitest';
import { TIMEFRAME_MS, type BarColumns, type Timeframe } from '../../../src/core/model/marketData';
import { MarketStore } from '../../../src/main/storage/market';
import { minuteBars, toRows, useFreshStore } from './helpers';

const START = Date.UTC(2024, 0, 2, 14, 30); // 09:30 New York

/** The resampling the SQL must reproduce, in plain JS: bucket by (time + offset), label per DESIGN of the store. */
function resampleInJs(bars: BarColumns, target: Timeframe, offsetMinutes: number): number[][] {
  const step = TIMEFRAME_MS[target];
  const offset = offsetMinutes * 60_000;
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < bars.time.length; i++) {
    const local = (bars.time[i] as number) + offset;
    const start = Math.floor(local / step) * step;
    const label = target === '1D' ? start : start - offset;
    const b = buckets.get(label);
    if (!b) buckets.set(label, [label, bars.open[i] as number, bars.high[i] as number, bars.low[i] as number, bars.close[i] as number, bars.volume[i] as number]);
    else {
      b[2] = Math.max(b[2] as number, bars.high[i] as number);
      b[3] = Math.min(b[3] as number, bars.low[i] as number);
      b[4] = bars.close[i] as number;
      b[5] = (b[5] as number) + (bars.volume[i] as number);
    }
  }
  return [...buckets.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
}

describe('MarketStore on a real DuckDB file', () => {
  const fresh = useFreshStore();

  it('round-trips bars and filters by symbol, timeframe and half-open time range', async () => {
    const a = minuteBars(START, 500);
    const b = minuteBars(START, 100, 50);
    expect(await fresh.store.writeBars('AAA', '1m', a)).toEqual({ ok: true, value: 500 });
    expect((await fresh.store.writeBars('BBB', '1m', b)).ok).toBe(true);
    expect(toRows(await fresh.store.readBars('AAA', '1m'))).toEqual(toRows(a));
    const slice = await fresh.store.readBars('AAA', '1m', { from: START + 10 * 60_000, to: START + 20 * 60_000 });
    expect(Array.from(slice.time)).toEqual(Array.from(a.time.subarray(10, 20)));
    expect((await fresh.store.readBars('AAA', '5m')).time.length).toBe(0);
    expect(await fresh.store.listSymbols()).toEqual(['AAA', 'BBB']);
    expect(await fresh.store.countBars('1m')).toBe(600);

    // Survives closing and reopening the file.
    fresh.store.close();
    fresh.store = await MarketStore.open(`${fresh.dir}/market.duckdb`);
    expect(toRows(await fresh.store.readBars('BBB', '1m'))).toEqual(toRows(b));
  });

  it('refuses invalid bars with a reason and writes nothing', async () => {
    const bad = minuteBars(START, 10);
    (bad.high as Float64Array)[4] = (bad.low[4] as number) - 1;
    const result = await fresh.store.writeBars('AAA', '1m', bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'INVALID_BARS', index: 4, reason: 'HIGH_BELOW_LOW' });
    const unordered = minuteBars(START, 3);
    (unordered.time as Float64Array)[2] = unordered.time[1] as number;
    const dup = await fresh.store.writeBars('AAA', '1m', unordered);
    expect(!dup.ok && dup.error.code === 'INVALID_BARS' && dup.error.reason).toBe('DUPLICATE_TIME');
    expect(await fresh.store.countBars()).toBe(0);
  });

  it('append fails on an existing key and rolls the whole batch back; upsert and replace overwrite', async () => {
    const first = minuteBars(START, 10);
    await fresh.store.writeBars('AAA', '1m', first);
    const overlapping = minuteBars(START + 5 * 60_000, 10, 200); // bars 5..14, five of them already stored
    const appended = await fresh.store.writeBars('AAA', '1m', overlapping, 'append');
    expect(appended.ok).toBe(false);
    if (!appended.ok) expect(appended.error.code).toBe('DUPLICATE_BAR');
    expect(toRows(await fresh.store.readBars('AAA', '1m'))).toEqual(toRows(first));

    expect((await fresh.store.writeBars('AAA', '1m', overlapping, 'upsert')).ok).toBe(true);
    const upserted = await fresh.store.readBars('AAA', '1m');
    expect(upserted.time.length).toBe(15);
    expect(toRows(upserted).slice(0, 5)).toEqual(toRows(first).slice(0, 5));
    expect(toRows(upserted).slice(5)).toEqual(toRows(overlapping));

    // replace: the batch is the truth for [first, last]: a gap in it deletes the stored bar.
    const sparse = minuteBars(START + 2 * 60_000, 2, 300, 120_000); // minutes 2 and 4 only
    expect((await fresh.store.writeBars('AAA', '1m', sparse, 'replace')).ok).toBe(true);
    const replaced = await fresh.store.readBars('AAA', '1m');
    expect(Array.from(replaced.time.subarray(0, 5)).map((t) => (t - START) / 60_000)).toEqual([0, 1, 2, 4, 5]);
    expect(replaced.open[2]).toBe(300);
  });

  it('writes many series in one all-or-nothing transaction', async () => {
    const good = minuteBars(START, 5);
    const bad = minuteBars(START, 5);
    (bad.volume as Float64Array)[3] = -1;
    const result = await fresh.store.writeBarBatches([
      { symbol: 'AAA', timeframe: '1m', bars: good },
      { symbol: 'BBB', timeframe: '1m', bars: bad },
    ]);
    expect(!result.ok && result.error.code === 'INVALID_BARS' && result.error.reason).toBe('NEGATIVE_VOLUME');
    expect(await fresh.store.countBars()).toBe(0);
  });

  it('resamples 1m → 5m → 1h → 1D in SQL exactly like a JS computation, in exchange time', async () => {
    await fresh.store.upsertInstruments([
      { symbol: 'NYC', name: 'New York Co', assetClass: 'EQUITY', currency: 'USD', exchange: 'NYSE', sector: 'X', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 },
    ]);
    // Two New York sessions plus a stray 23:30 UTC bar that belongs to the first session's date in New York.
    const day1 = minuteBars(START, 390);
    const day2 = minuteBars(START + 86_400_000, 390, 120);
    const late = minuteBars(Date.UTC(2024, 0, 3, 0, 30), 1, 110); // 19:30 New York on Jan 2
    const all: BarColumns = {
      time: Float64Array.from([...day1.time, ...late.time, ...day2.time]),
      open: Float64Array.from([...day1.open, ...late.open, ...day2.open]),
      high: Float64Array.from([...day1.high, ...late.high, ...day2.high]),
      low: Float64Array.from([...day1.low, ...late.low, ...day2.low]),
      close: Float64Array.from([...day1.close, ...late.close, ...day2.close]),
      volume: Float64Array.from([...day1.volume, ...late.volume, ...day2.volume]),
    };
    await fresh.store.writeBars('NYC', '1m', all);
    await fresh.store.writeBars('UTC0', '1m', all); // no instrument row: offset 0
    for (const target of ['5m', '15m', '1h', '1D'] as const) {
      const sql = await fresh.store.resample('NYC', '1m', target);
      expect(sql.ok).toBe(true);
      if (sql.ok) expect(toRows(sql.value), target).toEqual(resampleInJs(all, target, -300));
    }
    const daily = await fresh.store.resample('NYC', '1m', '1D');
    expect(daily.ok && Array.from(daily.value.time)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
    const utcDaily = await fresh.store.resample('UTC0', '1m', '1D');
    expect(utcDaily.ok && utcDaily.value.time.length).toBe(2);
    if (utcDaily.ok) expect(toRows(utcDaily.value)).toEqual(resampleInJs(all, '1D', 0));

    // Materialized: 1m → 5m stored, then 5m → 1h from the stored 5m equals 1m → 1h directly.
    expect(await fresh.store.materializeResampled('1m', '5m', ['NYC'])).toEqual({ ok: true, value: 157 });
    const hourlyFrom5m = await fresh.store.resample('NYC', '5m', '1h');
    expect(hourlyFrom5m.ok && toRows(hourlyFrom5m.value)).toEqual(resampleInJs(all, '1h', -300));
    expect(await fresh.store.resample('NYC', '1h', '5m')).toEqual({ ok: false, error: { code: 'RESAMPLE_UNSUPPORTED', source: '1h', target: '5m' } });
  });

  it('stores instruments, quotes, trades and features, and reports the last close per symbol', async () => {
    await fresh.store.upsertInstruments([
      { symbol: 'AAA', name: 'A', assetClass: 'EQUITY', currency: 'EUR', exchange: 'XETRA', sector: 'TECHNOLOGY', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: 60 },
    ]);
    await fresh.store.upsertInstruments([
      { symbol: 'AAA', name: 'A renamed', assetClass: 'EQUITY', currency: 'EUR', exchange: 'XETRA', sector: 'TECHNOLOGY', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: 60 },
    ]);
    expect((await fresh.store.listInstruments()).map((i) => [i.symbol, i.name, i.utcOffsetMinutes])).toEqual([['AAA', 'A renamed', 60]]);

    const minutes = minuteBars(START, 30);
    await fresh.store.writeBars('AAA', '1m', minutes);
    await fresh.store.writeBars('AAA', '1D', minuteBars(Date.UTC(2023, 11, 1), 5, 90, 86_400_000));
    const last = await fresh.store.lastCloses();
    expect(last.AAA).toEqual({ time: minutes.time[29], close: minutes.close[29] });

    await fresh.store.write(async (w) => {
      await w.appendQuotes([{ symbol: 'AAA', time: START, bid: 99.9, ask: 100.1, bidSize: 5, askSize: 7, last: 100, volume: 1000 }]);
      await w.appendTrades([{ symbol: 'AAA', time: START, price: 100, size: 5, side: 'BUY' }, { symbol: 'AAA', time: START + 1, price: 100.1, size: 2 }]);
    });
    const counts = await fresh.store.exclusive(async (c) => (await c.runAndReadAll('SELECT (SELECT count(*) FROM quotes)::INT, (SELECT count(*) FROM trades)::INT')).getRows());
    expect(counts).toEqual([[1, 2]]);

    const t = Float64Array.from([1, 2, 3, 4]);
    await fresh.store.writeFeature('AAA', '1m', 'sma3', t, Float64Array.from([NaN, NaN, 2, 3]));
    await fresh.store.writeFeature('AAA', '1m', 'sma3', Float64Array.from([3, 4]), Float64Array.from([2.5, 3.5]));
    const feature = await fresh.store.readFeature('AAA', '1m', 'sma3');
    expect(Array.from(feature.time)).toEqual([1, 2, 3, 4]);
    expect(Array.from(feature.value)).toEqual([NaN, NaN, 2.5, 3.5]);
  });

  it('a throwing write callback commits nothing', async () => {
    await expect(
      fresh.store.write(async (w) => {
        await w.writeBars('AAA', '1m', minuteBars(START, 10), 'append');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await fresh.store.countBars()).toBe(0);
    // The fresh.store still works afterwards.
    expect((await fresh.store.writeBars('AAA', '1m', minuteBars(START, 3))).ok).toBe(true);
  });
});
