// Assembles the risk report from its sections: every section becomes one or more typed tables, in a fixed order.

import { ANALYTICS_CONVENTIONS } from '../analytics';
import { formatNumber } from './html';
import { METRIC_GROUPS } from './metricRows';
import type { ReportCell, ReportTable, RiskReport } from './riskReportTypes';
import { VAR_METHOD_LABELS, type RiskReportInput } from './riskReportSections';
import { tcaTables } from './riskReportTca';
import { fraction, money, num, ratio, sectionTable, table, text, time, type TableSpec } from './riskReportTable';

export const RISK_REPORT_CONVENTIONS: readonly string[] = [
  'Money is in the base currency unless a column names another, rounded to the minor unit (cents); positions in other currencies are converted at the FX rate known when the report was made.',
  'VaR and expected shortfall are positive amounts (a loss), one-day horizon unless stated; each method prints its own conventions under its table.',
  'Percent columns hold fractions (0.05 = 5%); the CSV, JSON and XLSX files carry the same stored value the HTML and PDF show rounded.',
  'Times are UTC.',
  `Performance: ${ANALYTICS_CONVENTIONS.volatility} ${ANALYTICS_CONVENTIONS.sharpe} ${ANALYTICS_CONVENTIONS.drawdown}`,
];

const SPEC = {
  positions: { id: 'positions', title: 'Positions', note: 'Signed quantity (short is negative); market value and P&L in the instrument currency, then in the base currency.', columns: [] },
  pnl: { id: 'pnl', title: 'P&L', note: 'Since the account started: realized + unrealized − commissions, by currency; the base row converts at current FX rates.', columns: [] },
  exposures: { id: 'exposures', title: 'Exposures', note: '', columns: [] },
  liquidity: { id: 'liquidity', title: 'Liquidity', note: '', columns: [] },
  beta: { id: 'beta', title: 'Beta to the benchmark', note: '', columns: [] },
  limits: { id: 'limits', title: 'Limit utilization', note: 'Used against limit as the pre-trade check measures it now; utilization = used / limit.', columns: [] },
  valueAtRisk: { id: 'var', title: 'Value at risk and expected shortfall', note: '', columns: [] },
  components: { id: 'component_var', title: 'Component VaR by position', note: '', columns: [] },
  stress: { id: 'stress', title: 'Stress tests', note: '', columns: [] },
  breaches: { id: 'breaches', title: "Today's limit breaches", note: 'Each breach with the measured value, the threshold, and when it cleared (empty while it lasts).', columns: [] },
  perfPercent: { id: 'performance_returns', title: 'Performance — returns and risk', note: '', columns: [] },
  perfRatios: { id: 'performance_ratios', title: 'Performance — ratios', note: '', columns: [] },
  equity: { id: 'backcast_equity', title: 'Daily value of the current book (backcast)', note: '', columns: [] },
} satisfies Record<string, TableSpec>;

function spec(base: TableSpec, columns: TableSpec['columns']): TableSpec {
  return { ...base, columns };
}

function positionsTable(input: RiskReportInput): ReportTable {
  const base = input.baseCurrency;
  const columns = [
    text('symbol', 'Symbol'),
    text('currency', 'Currency'),
    num('quantity', 'Quantity', 'quantity', 'shares'),
    num('averageCost', 'Average cost', 'price', 'instrument currency'),
    num('markPrice', 'Mark', 'price', 'instrument currency'),
    num('marketValue', 'Market value', 'money', 'instrument currency'),
    num('unrealizedPnl', 'Unrealized P&L', 'money', 'instrument currency'),
    num('realizedPnl', 'Realized P&L', 'money', 'instrument currency'),
    num('commissions', 'Commissions', 'money', 'instrument currency'),
    num('fxToBase', `FX to ${base}`, 'decimal', `${base} per unit`),
    num('marketValueBase', `Market value (${base})`, 'money', base),
    num('unrealizedPnlBase', `Unrealized P&L (${base})`, 'money', base),
  ];
  const rows = [...input.positions]
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((p): ReportCell[] => {
      const fx = input.fxToBase[p.currency] ?? null;
      return [
        p.symbol,
        p.currency,
        p.quantity,
        p.averageCost,
        p.markPrice,
        money(p.marketValue),
        money(p.unrealizedPnl),
        money(p.realizedPnl),
        money(p.commissions),
        fx,
        fx === null ? null : money(p.marketValue * fx),
        fx === null ? null : money(p.unrealizedPnl * fx),
      ];
    });
  return table(spec(SPEC.positions, columns), rows);
}

function pnlTable(input: RiskReportInput): ReportTable {
  const p = input.pnl;
  const columns = [text('currency', 'Currency'), num('realized', 'Realized', 'money', 'row currency'), num('unrealized', 'Unrealized', 'money', 'row currency'), num('commissions', 'Commissions', 'money', 'row currency'), num('net', 'Net', 'money', 'row currency')];
  const rows: ReportCell[][] = p.byCurrency.map((c) => [c.currency, money(c.realizedPnl), money(c.unrealizedPnl), money(c.commissions), money(c.netPnl)]);
  rows.push([`Total (${p.baseCurrency})`, money(p.realizedPnlBase), money(p.unrealizedPnlBase), money(p.commissionsBase), money(p.netPnlBase)]);
  const missing = p.missingRates.length ? ` No FX rate for ${p.missingRates.join(', ')}: left out of the total.` : '';
  return table({ ...spec(SPEC.pnl, columns), note: SPEC.pnl.note + missing }, rows);
}

function exposureTables(input: RiskReportInput): ReportTable[] {
  const b = input.baseCurrency;
  const e = input.exposures;
  const exposures = sectionTable(
    spec(SPEC.exposures, [text('dimension', 'By'), text('key', 'Name'), num('long', 'Long', 'money', b), num('short', 'Short', 'money', b), num('gross', 'Gross', 'money', b), num('net', 'Net', 'money', b)]),
    e,
    (v) => v.rows.map((r) => [r.dimension, r.key, money(r.long), money(r.short), money(r.gross), money(r.net)]),
    (v) => v.conventions,
  );
  const liquidity = sectionTable(spec(SPEC.liquidity, [text('symbol', 'Symbol'), num('days', 'Days to liquidate', 'decimal', 'trading days')]), e, (v) => v.liquidity.map((r) => [r.symbol, ratio(r.daysToLiquidate)]), (v) => v.conventions);
  const beta = sectionTable(spec(SPEC.beta, [text('benchmark', 'Benchmark'), num('beta', 'Beta', 'decimal', 'ratio')]), e, (v) => (v.beta ? [[v.beta.benchmark, ratio(v.beta.value)]] : []), (v) => (v.beta ? 'OLS slope of the book’s daily returns on the benchmark’s.' : 'No benchmark given.'));
  return [exposures, liquidity, beta];
}

function limitsTable(input: RiskReportInput): ReportTable {
  const columns = [text('id', 'Limit'), text('kind', 'Kind'), text('scope', 'Scope'), num('used', 'Used', 'decimal', 'limit unit'), num('limit', 'Limit', 'decimal', 'limit unit'), num('utilization', 'Utilization', 'percent', 'fraction')];
  return sectionTable(spec(SPEC.limits, columns), input.limits, (v) => v.map((u) => [u.id, u.kind, u.scope, ratio(u.used), ratio(u.limit), fraction(u.ratio)]));
}

function varTables(input: RiskReportInput): ReportTable[] {
  const b = input.baseCurrency;
  const v = input.valueAtRisk;
  const note = (x: { conventions: string; window: number; horizonDays: number; bookValue: number }) => `${x.conventions} Window ${x.window} days, horizon ${x.horizonDays} day(s), book value ${formatNumber(x.bookValue, 2)} ${b}.`;
  const figures = sectionTable(
    spec(SPEC.valueAtRisk, [text('method', 'Method'), num('confidence', 'Confidence', 'percent', 'fraction'), num('var', 'VaR', 'money', b), num('es', 'Expected shortfall', 'money', b), num('varFraction', 'VaR / book', 'percent', 'fraction')]),
    v,
    (x) => x.figures.map((f) => [VAR_METHOD_LABELS[f.method], f.confidence, money(f.valueAtRisk), money(f.expectedShortfall), x.bookValue === 0 ? null : fraction(f.valueAtRisk / Math.abs(x.bookValue))]),
    note,
  );
  const components = sectionTable(
    spec(SPEC.components, [text('symbol', 'Symbol'), text('method', 'Method'), num('confidence', 'Confidence', 'percent', 'fraction'), num('component', 'Component VaR', 'money', b), num('marginal', 'Marginal VaR', 'decimal', `${b} per ${b}`), num('share', 'Share of VaR', 'percent', 'fraction')]),
    v,
    (x) =>
      x.components.map((c) => {
        const total = x.figures.find((f) => f.method === c.method && f.confidence === c.confidence)?.valueAtRisk;
        return [c.symbol, VAR_METHOD_LABELS[c.method], c.confidence, money(c.component), ratio(c.marginal), total ? fraction(c.component / total) : null];
      }),
    () => 'Components of one method and confidence sum to its VaR (Euler allocation).',
  );
  return [figures, components];
}

function stressTable(input: RiskReportInput): ReportTable {
  const b = input.baseCurrency;
  const columns = [text('scenario', 'Scenario'), text('kind', 'Kind'), text('description', 'Description'), num('pnl', 'P&L', 'money', b), num('pnlFraction', 'P&L / book', 'percent', 'fraction')];
  return sectionTable(spec(SPEC.stress, columns), input.stress, (s) => s.results.map((r) => [r.scenario, r.kind, r.description, money(r.pnl), fraction(r.pnlFraction)]), (s) => s.conventions);
}

function breachesTable(input: RiskReportInput): ReportTable {
  const columns = [time('time', 'Time (UTC)'), text('limit', 'Limit'), text('kind', 'Kind'), num('value', 'Value', 'decimal', 'limit unit'), num('threshold', 'Threshold', 'decimal', 'limit unit'), time('clearedAt', 'Cleared (UTC)')];
  return sectionTable(spec(SPEC.breaches, columns), input.breaches, (list) => [...list].sort((a, b) => a.time - b.time).map((r) => [r.time, r.limitId, r.kind, ratio(r.value), ratio(r.threshold), r.clearedAt]));
}

function performanceTables(input: RiskReportInput): ReportTable[] {
  const p = input.performance;
  const basis = (x: { basis: string; metrics: { points: number } }) => `${x.basis} ${x.metrics.points} daily points.`;
  const percentRows: [string, string][] = [];
  const otherRows: [string, string, string][] = [];
  for (const g of METRIC_GROUPS) {
    for (const r of g.rows) {
      if (r.format === 'percent' || r.format === 'winLoss') percentRows.push([g.title, r.key]);
      else otherRows.push([g.title, r.key, r.format === 'days' ? 'calendar days' : 'ratio']);
    }
  }
  const label = (key: string) => METRIC_GROUPS.flatMap((g) => g.rows).find((r) => r.key === key)!.label;
  const percent = sectionTable(
    spec(SPEC.perfPercent, [text('group', 'Group'), text('metric', 'Metric'), num('value', 'Value', 'percent', 'fraction')]),
    p,
    (x) => percentRows.map(([g, k]) => [g, label(k), fraction(x.metrics[k as keyof typeof x.metrics] as number)]),
    basis,
  );
  const ratios = sectionTable(
    spec(SPEC.perfRatios, [text('group', 'Group'), text('metric', 'Metric'), num('value', 'Value', 'decimal', 'see unit'), text('unit', 'Unit')]),
    p,
    (x) => otherRows.map(([g, k, unit]) => [g, label(k), ratio(x.metrics[k as keyof typeof x.metrics] as number), unit]),
    basis,
  );
  const equity = sectionTable(
    spec(SPEC.equity, [time('date', 'Date (UTC close)'), num('value', 'Value', 'money', input.baseCurrency)]),
    p,
    (x) => Array.from(x.equityTimes, (t, i) => [t, money(x.equityValues[i]!)]),
    (x) => x.basis,
  );
  return [percent, ratios, equity];
}

function contentsTable(tables: readonly ReportTable[]): ReportTable {
  const columns = [text('table', 'Table'), text('title', 'Title'), text('status', 'Status'), num('rows', 'Rows', 'integer', 'rows')];
  return table({ id: 'contents', title: 'Contents', note: 'Every table of the report; a section whose source was not available says why.', columns }, tables.map((t) => [t.id, t.title, t.unavailable ?? 'available', t.rows.length]));
}

export function assembleRiskReport(input: RiskReportInput): RiskReport {
  const tables = [
    positionsTable(input),
    pnlTable(input),
    ...exposureTables(input),
    limitsTable(input),
    ...varTables(input),
    stressTable(input),
    breachesTable(input),
    ...performanceTables(input),
    ...tcaTables(input.tca),
  ];
  return {
    version: 1,
    meta: {
      title: `Risk report — ${input.account}`,
      generatedAt: input.generatedAt,
      baseCurrency: input.baseCurrency,
      account: input.account,
      venues: [...input.venues],
      dataDir: input.dataDir,
      conventions: RISK_REPORT_CONVENTIONS,
    },
    tables: [contentsTable(tables), ...tables],
  };
}
