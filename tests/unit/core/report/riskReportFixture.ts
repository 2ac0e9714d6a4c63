// A risk report input with every section kind filled (and one with the engine's sections missing), for the format tests.
import { backcastPerformance } from '../../../../src/core/report/riskReportBackcast';
import { available, notAvailable, type RiskReportInput } from '../../../../src/core/report/riskReportSections';
import type { PositionSnapshot } from '../../../../src/core/model/position';
import { tcaSummary, type TcaParent } from '../../../../src/core/execution/tca';
import type { ClientOrderId } from '../../../../src/core/model/ids';

const DAY = 86_400_000;
export const GENERATED_AT = Date.UTC(2026, 11, 1, 21, 30, 15);

const position = (symbol: string, currency: string, quantity: number, averageCost: number, markPrice: number, realizedPnl: number, commissions: number): PositionSnapshot => ({
  account: 'SIM-PAPER',
  symbol,
  currency,
  quantity,
  averageCost,
  markPrice,
  realizedPnl,
  unrealizedPnl: Math.round((markPrice - averageCost) * quantity * 100) / 100,
  commissions,
  marketValue: Math.round(markPrice * quantity * 100) / 100,
});

export const POSITIONS: readonly PositionSnapshot[] = [
  position('AAPL', 'USD', 1_200, 187.1234, 191.55, 0, 6.2),
  position('MSFT', 'USD', -300, 410.5, 402.25, 1_250.5, 3.1),
  position('SAP.DE', 'EUR', 150, 201.4, 199.8, -75.25, 4.5),
];

/** Deterministic closes: a slow drift and a wiggle per symbol, on weekdays. */
function closes(seed: number, last: number, n: number): { times: number[]; closes: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  let t = Date.UTC(2026, 11, 1);
  while (times.length < n) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) times.unshift(t);
    t -= DAY;
  }
  for (let i = 0; i < n; i++) values.push(last * (1 + 0.0004 * (i - n + 1)) * (1 + 0.012 * Math.sin(seed + i * 0.7)));
  return { times, closes: values };
}

/** A SMART buy filled on two venues and a TWAP sell in EUR, created on the report's day. */
export const TCA_PARENTS: readonly TcaParent[] = [
  {
    parentId: 'P-1' as ClientOrderId,
    symbol: 'AAPL',
    side: 'BUY',
    algo: 'SMART',
    createdAt: Date.UTC(2026, 11, 1, 14, 30, 0),
    arrivalMid: 191.2,
    quantity: 500,
    multiplier: 1,
    currency: 'USD',
    fills: [
      { venue: 'SIM-A', time: Date.UTC(2026, 11, 1, 14, 30, 1), quantity: 300, price: 191.23, fee: 0.9, releaseMid: 191.2, fillMid: 191.21 },
      { venue: 'SIM-B', time: Date.UTC(2026, 11, 1, 14, 30, 2), quantity: 200, price: 191.26, fee: -0.4, releaseMid: 191.22, fillMid: 191.24 },
    ],
    intervalVwap: 191.25,
  },
  {
    parentId: 'P-2' as ClientOrderId,
    symbol: 'SAP.DE',
    side: 'SELL',
    algo: 'TWAP',
    createdAt: Date.UTC(2026, 11, 1, 9, 0, 0),
    arrivalMid: 200.1,
    quantity: 150,
    multiplier: 1,
    currency: 'EUR',
    fills: [
      { venue: 'SIM-A', time: Date.UTC(2026, 11, 1, 9, 10, 0), quantity: 75, price: 200.0, fee: 0.3, releaseMid: 200.05, fillMid: 200.02 },
      { venue: 'SIM-C', time: Date.UTC(2026, 11, 1, 9, 20, 0), quantity: 75, price: 199.9, fee: 0.3, releaseMid: 199.95, fillMid: 199.93 },
    ],
    intervalVwap: null,
  },
];

export function fullInput(): RiskReportInput {
  const fx = { USD: 1, EUR: 1.0842 };
  const holdings = POSITIONS.map((p, i) => ({ symbol: p.symbol, quantity: p.quantity, fxToBase: fx[p.currency as 'USD' | 'EUR'], ...closes(i + 1, p.markPrice!, 300) }));
  const perf = backcastPerformance(holdings, 1_000_000 + 2_345.67, 252);
  if (!perf.ok) throw new Error(JSON.stringify(perf.error));
  return {
    generatedAt: GENERATED_AT,
    baseCurrency: 'USD',
    account: 'SIM-PAPER',
    venues: ['SIM', 'IB'],
    // Quotes and a comma (here and in a stress description): CSV quoting and HTML escaping are part of what is compared.
    dataDir: '/tmp/nautilus "data", test',
    positions: POSITIONS,
    fxToBase: fx,
    pnl: {
      baseCurrency: 'USD',
      byCurrency: [
        { currency: 'USD', realizedPnl: 1_250.5, unrealizedPnl: 7_786.79, commissions: 9.3, netPnl: 9_027.99 },
        { currency: 'EUR', realizedPnl: -75.25, unrealizedPnl: -240, commissions: 4.5, netPnl: -319.75 },
      ],
      realizedPnlBase: 1_168.91,
      unrealizedPnlBase: 7_526.58,
      commissionsBase: 14.18,
      netPnlBase: 8_681.31,
      missingRates: [],
    },
    limits: available([
      { id: 'gross', kind: 'MAX_GROSS_EXPOSURE', used: 383_001.3, limit: 4_000_000, ratio: 0.0957503 },
      { id: 'daily-loss', kind: 'MAX_DAILY_LOSS', used: 0, limit: 50_000, ratio: 0 },
      { id: 'order-rate', kind: 'ORDER_RATE', used: 3, limit: 100, ratio: 0.03 },
    ].map((u) => ({ ...u, scope: u.id === 'order-rate' ? 'last order' : 'account' })) as never),
    exposures: available({
      rows: [
        { dimension: 'symbol', key: 'AAPL', long: 229_860, short: 0, gross: 229_860, net: 229_860 },
        { dimension: 'symbol', key: 'MSFT', long: 0, short: -120_675, gross: 120_675, net: -120_675 },
        { dimension: 'sector', key: 'Technology', long: 262_353.64, short: -120_675, gross: 383_028.64, net: 141_678.64 },
        { dimension: 'currency', key: 'EUR', long: 32_493.64, short: 0, gross: 32_493.64, net: 32_493.64 },
      ],
      beta: { benchmark: 'SPY', value: 0.8731 },
      liquidity: [
        { symbol: 'AAPL', daysToLiquidate: 0.0123 },
        { symbol: 'SAP.DE', daysToLiquidate: 1.5 },
      ],
      conventions: 'Exposures in USD at current marks; liquidity at 20% of the 20-day average daily volume.',
    }),
    valueAtRisk: available({
      bookValue: 141_678.64,
      window: 500,
      horizonDays: 1,
      figures: [
        { method: 'historical', confidence: 0.95, valueAtRisk: 2_345.678, expectedShortfall: 3_012.5 },
        { method: 'historical', confidence: 0.99, valueAtRisk: 3_901.1, expectedShortfall: 4_410.9 },
        { method: 'parametric', confidence: 0.95, valueAtRisk: 2_290.02, expectedShortfall: 2_871.66 },
        { method: 'parametric', confidence: 0.99, valueAtRisk: 3_238.85, expectedShortfall: 3_710.4 },
        { method: 'monteCarlo', confidence: 0.95, valueAtRisk: 2_301.47, expectedShortfall: 2_880.03 },
        { method: 'monteCarlo', confidence: 0.99, valueAtRisk: 3_250.12, expectedShortfall: 3_733.91 },
      ],
      components: [
        { symbol: 'AAPL', method: 'historical', confidence: 0.99, component: 3_100.1, marginal: 0.01349 },
        { symbol: 'MSFT', method: 'historical', confidence: 0.99, component: -150.5, marginal: 0.00125 },
        { symbol: 'SAP.DE', method: 'historical', confidence: 0.99, component: 951.5, marginal: null },
      ],
      conventions: 'Historical: minus the 1% / 5% quantile of the day-t P&L, linear interpolation between order statistics.',
    }),
    stress: available({
      results: [
        { scenario: 'Worst 5 days', kind: 'historical', description: '2020-03-09 → 2020-03-16', pnl: -18_250.44, pnlFraction: -0.12881 },
        { scenario: 'Tech −10%', kind: 'shock', description: 'sector Technology −10%, "all" names', pnl: -14_167.86, pnlFraction: -0.1 },
      ],
      conventions: 'Stress P&L is the book as it is now under each move.',
    }),
    breaches: available([
      { time: Date.UTC(2026, 11, 1, 14, 31, 2), limitId: 'var-99', kind: 'VAR', value: 3_901.1, threshold: 3_500, clearedAt: Date.UTC(2026, 11, 1, 14, 40, 0) },
      { time: Date.UTC(2026, 11, 1, 15, 2, 59), limitId: 'drawdown', kind: 'DRAWDOWN', value: 0.061, threshold: 0.05, clearedAt: null },
    ]),
    performance: available(perf.value),
    tca: available(tcaSummary(TCA_PARENTS, Date.UTC(2026, 11, 1), GENERATED_AT + 1)),
  };
}

/** The engine's sections missing, as when nothing is wired to them. */
export function partialInput(): RiskReportInput {
  return {
    ...fullInput(),
    exposures: notAvailable('no exposure source is connected'),
    valueAtRisk: notAvailable('no VaR source is connected'),
    stress: notAvailable('no stress-test source is connected'),
    breaches: notAvailable('no breach history is connected'),
    tca: notAvailable('no execution desk is connected'),
  };
}
