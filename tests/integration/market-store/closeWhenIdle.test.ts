// Stopping a backend while a client's requests read bars: the store closes after the reads already queued have
// finished (a plain close fails them with "connection disconnected"), and refuses new ones with a clear error.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarketStore } from '../../../src/main/storage/market';
import { minuteBars, tempDir } from './helpers';

const START = Date.UTC(2024, 0, 2, 14, 30);

describe('MarketStore.closeWhenIdle', () => {
  it('lets every queued read finish with its rows, then closes and refuses new operations', async () => {
    const temp = tempDir();
    try {
      const store = await MarketStore.open(join(temp.dir, 'market.duckdb'));
      expect((await store.writeBars('AAA', '1m', minuteBars(START, 5_000))).ok).toBe(true);
      const reads = Array.from({ length: 20 }, () => store.readBars('AAA', '1m'));
      const closed = store.closeWhenIdle();
      await expect(store.readBars('AAA', '1m')).rejects.toThrow('the market store is closed');
      for (const bars of await Promise.all(reads)) expect(bars.time.length).toBe(5_000);
      await closed;
      await expect(store.listSymbols()).rejects.toThrow('the market store is closed');
      // The file is free again: a new store opens it and sees the same bars.
      const again = await MarketStore.open(join(temp.dir, 'market.duckdb'));
      expect((await again.readBars('AAA', '1m')).time.length).toBe(5_000);
      again.close();
    } finally {
      temp.cleanup();
    }
  });
});
