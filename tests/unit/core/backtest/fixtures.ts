// Backtest fixtures: bar columns from plain rows, weekday dates, and the sample strategies compiled as the app does.
import type { BarColumns } from '../../../../src/core/model/marketData';
import type { NodeInstrument } from '../../../../src/core/trading/tradingNode';
import type { BacktestConfig, BacktestSeries } from '../../../../src/core/backtest';
import type { StrategyDefinition } from '../../../../src/core/strategy/strategy';
import { defaultStrategyDirs, loadStrategy } from '../../../../src/main/strategies/strategyLoader';

const DAY = 86_400_000;

/** `n` weekday session dates (UTC midnight) from Monday 2024-01-01. */
export function weekdays(n: number, from = Date.UTC(2024, 0, 1)): number[] {
  const out: number[] = [];
  for (let t = from; out.length < n; t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(t);
  }
  return out;
}

export function bars(rows: readonly { o: number; h?: number; l?: number; c: number; v?: number }[], times = weekdays(rows.length)): BarColumns {
  const col = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
  return {
    time: Float64Array.from(times),
    open: col((r) => r.o),
    high: col((r) => r.h ?? Math.max(r.o, r.c)),
    low: col((r) => r.l ?? Math.min(r.o, r.c)),
    close: col((r) => r.c),
    volume: col((r) => r.v ?? 1_000_000),
  };
}

export function stock(symbol: string, currency = 'USD'): NodeInstrument {
  return { symbol, name: symbol, assetClass: 'EQUITY', currency, exchange: 'NYSE', sector: 'Test', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 };
}

export const series = (symbol: string, b: BarColumns): BacktestSeries => ({ instrument: stock(symbol), bars: b });

export const CONFIG: BacktestConfig = {
  timeframeMs: DAY,
  initialCash: 10_000,
  baseCurrency: 'USD',
  fill: 'next-open',
  commission: { kind: 'NONE', currency: 'USD' },
  slippageBps: 0,
  maxVolumeShare: 0,
  limits: [],
  seed: 1,
  accountUtcOffsetMinutes: -300,
};

export async function sample(name: string): Promise<StrategyDefinition> {
  const loaded = await loadStrategy(name, defaultStrategyDirs(null));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value.definition;
}
