// Panels for factor tests: EuStockMarkets' four real indices, and seeded synthetic OHLCV universes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Panel } from '../../../../src/core/factors';

export const EU_STOCKS = fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url));
export const TSLA_CHART = '/work/shared/fixtures/yahoo/chart_TSLA_1d_1970-01-01_2023-08-12_full_history.json';

const DAY = 86_400_000;

/** The four indices as a close-only panel on a business-day calendar (the file has no dates, only R's index). */
export function euStocksPanel(): Panel {
  const [head, ...rows] = readFileSync(EU_STOCKS, 'utf8').trim().split('\n');
  const symbols = head!.split(',').slice(1);
  const T = rows.length;
  const close = new Float64Array(symbols.length * T);
  rows.forEach((line, t) => line.split(',').slice(1).forEach((v, s) => (close[s * T + t] = Number(v))));
  return { symbols, times: Float64Array.from({ length: T }, (_, t) => t * DAY), columns: new Map([['close', close]]), groups: new Map() };
}

/** A seeded OHLCV universe with a few missing bars; symbol s is in sector s % 3. */
export function syntheticPanel(symbols: number, dates: number, seed: number): Panel {
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
  const size = symbols * dates;
  const cols = Object.fromEntries(['open', 'high', 'low', 'close', 'volume'].map((f) => [f, new Float64Array(size)]));
  for (let s = 0; s < symbols; s++) {
    let level = 50 + 100 * next();
    for (let t = 0; t < dates; t++) {
      const i = s * dates + t;
      const open = level;
      level *= 1 + (next() - 0.5) * 0.05;
      cols.open![i] = open;
      cols.close![i] = level;
      cols.high![i] = Math.max(open, level) * (1 + next() * 0.01);
      cols.low![i] = Math.min(open, level) * (1 - next() * 0.01);
      cols.volume![i] = Math.round(1e5 * (0.5 + next()));
      if (next() < 0.01) for (const c of Object.values(cols)) c[i] = NaN;
    }
  }
  return {
    symbols: Array.from({ length: symbols }, (_, s) => `S${s}`),
    times: Float64Array.from({ length: dates }, (_, t) => t * DAY),
    columns: new Map(Object.entries(cols)),
    groups: new Map([['sector', Int32Array.from({ length: symbols }, (_, s) => s % 3)]]),
  };
}
