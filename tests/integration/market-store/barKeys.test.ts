// One bar per (symbol, timeframe, time) without a database key: the writer's checks, and migrating a store
// created with the keyed `bars` table (migrations 1–5) to the series dictionary (migration 6).
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../src/core/model/marketData';
import { applyDuckDbMigrations } from '../../../src/main/storage/duckdb/database';
import { MARKET_MIGRATIONS, MarketStore } from '../../../src/main/storage/market';
import { minuteBars, tempDir, toRows, useFreshStore } from './helpers';

const START = Date.UTC(2024, 0, 2, 14, 30);
const MINUTE = 60_000;

/** The bars of `bars` at the given minute offsets from START. */
function pick(bars: BarColumns, minutes: readonly number[]): BarColumns {
  const rows = minutes.map((m) => bars.time.indexOf(START + m * MINUTE));
  const column = (c: Float64Array) => Float64Array.from(rows, (r) => c[r] as number);
  return { time: column(bars.time), open: column(bars.open), high: column(bars.high), low: column(bars.low), close: column(bars.close), volume: column(bars.volume) };
}

const minutesOf = (bars: BarColumns) => Array.from(bars.time, (t) => (t - START) / MINUTE);

describe('bar keys without a primary key', () => {
  const fresh = useFreshStore();

  it('append refuses a key written earlier in the same call, and commits none of the call', async () => {
    const result = await fresh.store.writeBarBatches([
      { symbol: 'AAA', timeframe: '1m', bars: minuteBars(START, 10) },
      { symbol: 'BBB', timeframe: '1m', bars: minuteBars(START, 10) },
      { symbol: 'AAA', timeframe: '1m', bars: minuteBars(START + 9 * MINUTE, 3) }, // minute 9 is in the first batch
    ]);
    expect(result).toMatchObject({ ok: false, error: { code: 'DUPLICATE_BAR', symbol: 'AAA', timeframe: '1m' } });
    expect(await fresh.store.countBars()).toBe(0);
    expect(await fresh.store.listSymbols()).toEqual([]);
  });

  it('append fills a gap inside a stored span, and refuses a batch that hits one stored key', async () => {
    const all = minuteBars(START, 10);
    expect((await fresh.store.writeBars('AAA', '1m', pick(all, [0, 1, 4, 5, 9]))).ok).toBe(true);
    expect(await fresh.store.writeBars('AAA', '1m', pick(all, [2, 3, 6, 7, 8]))).toEqual({ ok: true, value: 5 });
    expect(toRows(await fresh.store.readBars('AAA', '1m'))).toEqual(toRows(all));

    const clash = await fresh.store.writeBars('AAA', '1m', minuteBars(START + 9 * MINUTE, 5, 300));
    expect(clash).toMatchObject({ ok: false, error: { code: 'DUPLICATE_BAR', symbol: 'AAA' } });
    expect(toRows(await fresh.store.readBars('AAA', '1m'))).toEqual(toRows(all));
    // The same times under another timeframe or symbol are other keys.
    expect((await fresh.store.writeBars('AAA', '5m', all)).ok).toBe(true);
    expect((await fresh.store.writeBars('BBB', '1m', all)).ok).toBe(true);
    expect(await fresh.store.countBars()).toBe(30);
  });

  it('upsert overwrites only the keys it brings, keeping stored bars between them', async () => {
    const stored = minuteBars(START, 10);
    expect((await fresh.store.writeBars('AAA', '1m', pick(stored, [0, 2, 4, 6]))).ok).toBe(true);
    const incoming = pick(minuteBars(START, 10, 500), [1, 2, 5]); // minute 4 is stored inside its span, not in it
    expect((await fresh.store.writeBars('AAA', '1m', incoming, 'upsert')).ok).toBe(true);
    const bars = await fresh.store.readBars('AAA', '1m');
    expect(minutesOf(bars)).toEqual([0, 1, 2, 4, 5, 6]);
    const rows = toRows(incoming);
    expect(toRows(bars)).toEqual([...toRows(pick(stored, [0])), rows[0], rows[1], ...toRows(pick(stored, [4])), rows[2], ...toRows(pick(stored, [6]))]);
  });

  it('upsert within one call: a later batch of a series overwrites an earlier one', async () => {
    const first = minuteBars(START, 6);
    const second = minuteBars(START + 3 * MINUTE, 6, 400);
    expect(
      await fresh.store.writeBarBatches(
        [
          { symbol: 'AAA', timeframe: '1m', bars: first },
          { symbol: 'AAA', timeframe: '1m', bars: second },
        ],
        'upsert',
      ),
    ).toEqual({ ok: true, value: 12 });
    const bars = await fresh.store.readBars('AAA', '1m');
    expect(minutesOf(bars)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(toRows(bars)).toEqual([...toRows(first).slice(0, 3), ...toRows(second)]);
  });

  it('refuses two times that round to the same stored millisecond', async () => {
    const bars = minuteBars(START, 3);
    (bars.time as Float64Array)[1] = START + 0.4; // strictly after START, but both are stored as START
    expect(await fresh.store.writeBars('AAA', '1m', bars, 'upsert')).toMatchObject({ ok: false, error: { code: 'DUPLICATE_BAR' } });
    expect(await fresh.store.countBars()).toBe(0);
  });

  it('a failed write leaves no series behind, and the next write of that series works', async () => {
    await expect(
      fresh.store.write(async (writer) => {
        await writer.writeBars('NEW', '1m', minuteBars(START, 5), 'append');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await fresh.store.listSymbols()).toEqual([]);
    expect((await fresh.store.writeBars('OLD', '1m', minuteBars(START, 5))).ok).toBe(true);
    expect((await fresh.store.writeBars('NEW', '1m', minuteBars(START, 5))).ok).toBe(true);
    expect(await fresh.store.summary()).toEqual([
      { symbol: 'NEW', timeframe: '1m', count: 5, first: START, last: START + 4 * MINUTE },
      { symbol: 'OLD', timeframe: '1m', count: 5, first: START, last: START + 4 * MINUTE },
    ]);
  });

  it('materializing a resample twice keeps one bar per key and picks up changed source bars', async () => {
    const source = minuteBars(START, 60);
    expect((await fresh.store.writeBars('AAA', '1m', source)).ok).toBe(true);
    expect(await fresh.store.materializeResampled('1m', '5m')).toEqual({ ok: true, value: 12 });
    const changed = minuteBars(START, 5, 900); // the first 5-minute bucket, new prices
    expect((await fresh.store.writeBars('AAA', '1m', changed, 'upsert')).ok).toBe(true);
    expect(await fresh.store.materializeResampled('1m', '5m')).toEqual({ ok: true, value: 12 });
    expect(await fresh.store.countBars('5m')).toBe(12);
    const fiveMinute = await fresh.store.readBars('AAA', '5m');
    expect(fiveMinute.time.length).toBe(12);
    expect(fiveMinute.open[0]).toBe(changed.open[0]);
    expect(fiveMinute.close[0]).toBe(changed.close[4]);
    expect(await fresh.store.listSymbols('5m')).toEqual(['AAA']);
  });
});

describe('migrating a store created with the keyed bars table', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('opens with the new code, keeps every bar, and still refuses or overwrites existing keys', async () => {
    const file = `${tmp.dir}/old.duckdb`;
    const aaa = minuteBars(START, 50);
    const bbb = minuteBars(START, 20, 50);
    const daily = minuteBars(Date.UTC(2024, 0, 2), 5, 80, 86_400_000);
    // A store as the released code left it: migrations 1–5 only, bars in the keyed table.
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await applyDuckDbMigrations(
      connection,
      MARKET_MIGRATIONS.filter((m) => m.version <= 5),
    );
    const insert = await connection.prepare('INSERT INTO bars VALUES ($1, $2, $3, $4, $5, $6, $7, $8)');
    for (const [symbol, timeframe, bars] of [['AAA', '1m', aaa], ['BBB', '1m', bbb], ['AAA', '1D', daily]] as const) {
      for (const [time, open, high, low, close, volume] of toRows(bars)) {
        insert.bind([symbol, timeframe, BigInt(time as number), open, high, low, close, volume] as never);
        await insert.run();
      }
    }
    insert.destroySync();
    connection.closeSync();
    instance.closeSync();

    const store = await MarketStore.open(file);
    try {
      expect(toRows(await store.readBars('AAA', '1m'))).toEqual(toRows(aaa));
      expect(toRows(await store.readBars('BBB', '1m'))).toEqual(toRows(bbb));
      expect(toRows(await store.readBars('AAA', '1D'))).toEqual(toRows(daily));
      expect(await store.countBars()).toBe(75);
      expect(await store.listSymbols('1m')).toEqual(['AAA', 'BBB']);
      expect((await store.summary()).map((s) => [s.symbol, s.timeframe, s.count])).toEqual([
        ['AAA', '1D', 5],
        ['AAA', '1m', 50],
        ['BBB', '1m', 20],
      ]);
      expect((await store.lastCloses()).BBB).toEqual({ time: START + 19 * MINUTE, close: bbb.close[19] });

      expect(await store.writeBars('AAA', '1m', minuteBars(START + 49 * MINUTE, 2))).toMatchObject({ ok: false, error: { code: 'DUPLICATE_BAR' } });
      expect((await store.writeBars('AAA', '1m', aaa, 'upsert')).ok).toBe(true); // a re-import
      expect((await store.writeBars('CCC', '1m', aaa)).ok).toBe(true); // a new series gets a fresh id
      expect((await store.writeBars('AAA', '1m', minuteBars(START + 50 * MINUTE, 10))).ok).toBe(true);
      expect(await store.countBars()).toBe(75 + 50 + 10);
      expect(toRows(await store.readBars('AAA', '1m')).slice(0, 50)).toEqual(toRows(aaa));
    } finally {
      store.close();
    }
    // Opening again applies nothing more and finds the same bars.
    const reopened = await MarketStore.open(file);
    try {
      expect(await reopened.countBars()).toBe(135);
    } finally {
      reopened.close();
    }
  });
});
