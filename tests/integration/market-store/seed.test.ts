import { describe, expect, it } from 'vitest';
import { SyntheticFeed, createUniverse } from '../../../src/core/market';
import { seedSyntheticHistory, type SeedProgress } from '../../../src/main/storage/market';
import { useFreshStore } from './helpers';

describe('seeding the synthetic history into a real store', () => {
  const fresh = useFreshStore();

  it('fills an empty fresh.store for the whole universe and hands the live feed its last closes', async () => {
    const progress: SeedProgress[] = [];
    const result = await seedSyntheticHistory(fresh.store, {
      seed: 9,
      years: 0.25,
      minuteDays: 2,
      endTime: Date.UTC(2024, 4, 17),
      progress: (p) => progress.push(p),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const universe = createUniverse(9);
    const report = result.value;
    const series = universe.length + 5; // + FX pairs
    expect(report.symbols).toBe(series);
    expect(report.dailyBars).toBe(63 * series);
    expect(report.minuteBars).toBe(2 * 390 * universe.length);
    expect(await fresh.store.countBars('1D')).toBe(report.dailyBars);
    expect(await fresh.store.countBars('1m')).toBe(report.minuteBars);
    expect(await fresh.store.countBars('5m')).toBe(2 * 78 * universe.length);
    expect((await fresh.store.listInstruments()).length).toBe(series);
    for (const phase of ['generate', 'write', 'resample'] as const) {
      const last = progress.filter((p) => p.phase === phase).at(-1);
      expect(last && last.done === last.total, phase).toBe(true);
    }

    // The fresh.store's own view of the last close matches the report, and the feed continues from it.
    const stored = await fresh.store.lastCloses();
    for (const [symbol, close] of Object.entries(report.lastClose)) expect(stored[symbol]?.close, symbol).toBe(close);
    const feed = new SyntheticFeed({
      seed: 9,
      startTime: report.endOfHistory,
      lastPrices: Object.fromEntries(Object.entries(stored).map(([s, v]) => [s, v.close])),
    });
    for (const quote of feed.snapshot()) expect(quote.last, quote.symbol).toBe(report.lastClose[quote.symbol]);

    // Daily bars in the minute window equal the SQL resample of the stored minute bars.
    const resampled = await fresh.store.resample('NVTX', '1m', '1D');
    const daily = await fresh.store.readBars('NVTX', '1D', { from: Date.UTC(2024, 4, 16) });
    expect(resampled.ok && Array.from(resampled.value.close)).toEqual(Array.from(daily.close));
    expect(resampled.ok && Array.from(resampled.value.high)).toEqual(Array.from(daily.high));

    expect(await seedSyntheticHistory(fresh.store, { seed: 9, years: 0.1, minuteDays: 0 })).toMatchObject({
      ok: false,
      error: { code: 'STORE_NOT_EMPTY' },
    });
  });
});
