// R's EuStockMarkets (DAX, SMI, CAC, FTSE daily closes, 1,860 days) as close series and a return panel for the portfolio tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { returnsPanel, type CloseSeries, type ReturnPanel } from '../../../../src/core/portfolio';

export const EU_STOCKS_CSV = fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url));
export const EU_SYMBOLS = ['DAX', 'SMI', 'CAC', 'FTSE'] as const;

/** One close series per index; time is the row number (the CSV's fractional years are not calendar dates). */
export function euStockSeries(): CloseSeries[] {
  const [, ...rows] = readFileSync(EU_STOCKS_CSV, 'utf8').trim().split('\n');
  const cells = rows.map((r) => r.split(',').map(Number));
  const time = Float64Array.from(cells, (_, i) => i);
  return EU_SYMBOLS.map((symbol, j) => ({ symbol, time, close: Float64Array.from(cells, (c) => c[j + 1]!) }));
}

export function euStockPanel(window = 1859): ReturnPanel {
  const panel = returnsPanel(euStockSeries(), window);
  if (!panel.ok) throw new Error(panel.error.message);
  return panel.value;
}
