// The real EuStockMarkets closes (DAX, SMI, CAC, FTSE; 1,860 business days) as DailyCloses, and a four-currency book over them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DailyCloses, RiskInstrument, RiskPosition } from '../../../../src/core/risk';
import { FxRates } from '../../../../src/core/trading/fxRates';

export const EU_STOCKS_CSV = fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url));
const DAY = 86_400_000;
/** Business-day index → a UTC midnight, starting 1991-07-01 (R's fractional-year index is not a date). */
export const dayTime = (i: number): number => Date.UTC(1991, 6, 1) + i * DAY;

export function euStockCloses(): DailyCloses[] {
  const lines = readFileSync(EU_STOCKS_CSV, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  return header.slice(1).map((symbol, j) => ({
    symbol,
    time: Float64Array.from(rows, (_, i) => dayTime(i)),
    close: Float64Array.from(rows, (r) => r[j + 1]!),
    volume: Float64Array.from(rows, (_, i) => 1000 + (i % 7) * 100),
  }));
}

/** Indices quoted in their home currencies, base EUR: SMI in CHF, FTSE in GBP. */
export const EU_INSTRUMENTS = new Map<string, RiskInstrument>([
  ['DAX', { symbol: 'DAX', currency: 'EUR', multiplier: 25, sector: 'Index', industry: 'Germany' }],
  ['SMI', { symbol: 'SMI', currency: 'CHF', multiplier: 10, sector: 'Index', industry: 'Switzerland' }],
  ['CAC', { symbol: 'CAC', currency: 'EUR', multiplier: 10, sector: 'Index', industry: 'France' }],
  ['FTSE', { symbol: 'FTSE', currency: 'GBP', multiplier: 10, sector: 'Index', industry: 'United Kingdom' }],
]);

export function euFx(): FxRates {
  const fx = new FxRates('EUR');
  fx.set('CHF', 0.95);
  fx.set('GBP', 1.17);
  return fx;
}

/** A long/short book marked at the last close. */
export function euBook(closes: readonly DailyCloses[]): RiskPosition[] {
  const quantity: Record<string, number> = { DAX: 4, SMI: -6, CAC: 12, FTSE: 3 };
  return closes.map((c) => ({ symbol: c.symbol, quantity: quantity[c.symbol]!, price: c.close[c.close.length - 1]! }));
}
