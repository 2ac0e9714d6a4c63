// Temp directories, a fresh store per test, and small bar builders for the market store integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { BarColumns } from '../../../src/core/model/marketData';
import { MarketStore } from '../../../src/main/storage/market';

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-market-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new MarketStore in its own temp directory for every test of the calling describe block (a test may reopen it). */
export function useFreshStore(): { store: MarketStore; readonly dir: string } {
  const fresh = {} as { store: MarketStore; dir: string; cleanup(): void };
  beforeEach(async () => {
    Object.assign(fresh, tempDir());
    fresh.store = await MarketStore.open(join(fresh.dir, 'market.duckdb'));
  });
  afterEach(() => {
    fresh.store.close();
    fresh.cleanup();
  });
  return fresh;
}

/** `n` one-minute bars from `start`, a deterministic zig-zag walk that keeps OHLC consistent. */
export function minuteBars(start: number, n: number, base = 100, stepMs = 60_000): BarColumns {
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let price = base;
  for (let i = 0; i < n; i++) {
    const next = Math.round((price + Math.sin(i * 0.7) * 0.5 + ((i % 7) - 3) * 0.03) * 100) / 100;
    time[i] = start + i * stepMs;
    open[i] = price;
    close[i] = next;
    high[i] = Math.round((Math.max(price, next) + 0.05 * (i % 3)) * 100) / 100;
    low[i] = Math.round((Math.min(price, next) - 0.04 * (i % 4)) * 100) / 100;
    volume[i] = 100 + ((i * 37) % 500);
    price = next;
  }
  return { time, open, high, low, close, volume };
}

export function toRows(bars: BarColumns): number[][] {
  return Array.from(bars.time, (t, i) => [t, bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]] as number[]);
}
