// The risk report's transaction cost tables: every SMART order and algorithm of the report's day with its costs, and
// the roll-ups per venue and per algorithm (the figures of `nautilus tca` and the TCA view).
import { TCA_CONVENTIONS, type TcaGroup, type TcaSummary } from '../execution/tca';
import type { ReportCell, ReportTable } from './riskReportTypes';
import type { Section } from './riskReportSections';
import { money, num, ratio, sectionTable, text, type TableSpec } from './riskReportTable';

const costColumns = [
  num('shortfall', 'Shortfall', 'money', 'row currency'),
  num('shortfallBps', 'Shortfall (bp)', 'decimal', 'bp of arrival value'),
  num('spreadBps', 'Spread (bp)', 'decimal', 'bp of arrival value'),
  num('impactBps', 'Impact (bp)', 'decimal', 'bp of arrival value'),
  num('timingBps', 'Timing (bp)', 'decimal', 'bp of arrival value'),
  num('feesBps', 'Fees (bp)', 'decimal', 'bp of arrival value'),
];

type Costs = Pick<TcaGroup, 'shortfall' | 'spread' | 'impact' | 'timing' | 'fees'>;
const costCells = (c: Costs): ReportCell[] => [money(c.shortfall.amount), ratio(c.shortfall.bps), ratio(c.spread.bps), ratio(c.impact.bps), ratio(c.timing.bps), ratio(c.fees.bps)];

const ORDERS: TableSpec = {
  id: 'tca_orders',
  title: 'Transaction costs by order',
  note: TCA_CONVENTIONS,
  columns: [
    text('parent', 'Parent order'),
    text('symbol', 'Symbol'),
    text('side', 'Side'),
    text('algo', 'Algorithm'),
    text('currency', 'Currency'),
    num('quantity', 'Quantity', 'quantity', 'shares'),
    num('filled', 'Filled', 'quantity', 'shares'),
    num('arrival', 'Arrival mid', 'price', 'row currency'),
    num('averageFill', 'Average fill', 'price', 'row currency'),
    ...costColumns,
    num('vsVwapBps', 'Against interval VWAP (bp)', 'decimal', 'bp, positive is worse'),
  ],
};

const group = (id: string, title: string, key: string): TableSpec => ({
  id,
  title,
  note: TCA_CONVENTIONS,
  columns: [text('key', key), text('currency', 'Currency'), num('parents', 'Parent orders', 'integer', 'orders'), num('filled', 'Filled', 'quantity', 'shares'), ...costColumns],
});
const VENUES = group('tca_venues', 'Transaction costs by venue', 'Venue');
const ALGOS = group('tca_algorithms', 'Transaction costs by algorithm', 'Algorithm');

const groupRows = (groups: readonly TcaGroup[]): ReportCell[][] => groups.map((g) => [g.key, g.currency, g.parents, g.filledQuantity, ...costCells(g)]);

export function tcaTables(section: Section<TcaSummary>): ReportTable[] {
  const orders = sectionTable(ORDERS, section, (s) =>
    s.parents.map((r) => [r.parentId, r.symbol, r.side, r.algo, r.currency, r.quantity, r.filledQuantity, r.arrivalPrice, r.averageFillPrice, ...costCells(r), ratio(r.vsIntervalVwapBps)]),
  );
  return [orders, sectionTable(VENUES, section, (s) => groupRows(s.byVenue)), sectionTable(ALGOS, section, (s) => groupRows(s.byAlgo))];
}
