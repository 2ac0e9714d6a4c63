// Per-account limit kinds, held against the book after the order with open orders included (money in the base
// currency). An order that does not increase a measure is never refused by it.
import type { SymbolRisk } from '../riskBook';
import { RateWindow } from '../throttle';
import { defineLimitKind, noState, type Usage } from '../limitKind';

const ACCOUNT = 'account';

/** The largest value of `measure` over the book's symbols (or groups), with its name. */
export function largest<T>(items: Iterable<T>, measure: (item: T) => number, name: (item: T) => string): Usage {
  let used = 0;
  let scope = 'none';
  for (const item of items) {
    const value = measure(item);
    if (value > used) {
      used = value;
      scope = name(item);
    }
  }
  return { used, scope };
}

const worstPosition = (r: SymbolRisk): number => Math.max(Math.abs(r.long), Math.abs(r.short));
const ofEquity = (amount: number, equity: number): number => (equity > 0 ? amount / equity : amount > 0 ? Infinity : 0);

/** Worst-case position in the order's direction, before and after. */
export const maxPosition = defineLimitKind({
  kind: 'MAX_POSITION',
  label: 'Position',
  unit: 'quantity',
  scope: 'ACCOUNT',
  params: { max: 'positive', symbol: 'symbol?' },
  threshold: 'max',
  compile: noState,
  check(limit, c) {
    const r = c.risk;
    if (limit.symbol !== undefined && limit.symbol !== r.instrument.symbol) return null;
    const before = Math.abs(c.side === 'BUY' ? r.long : r.short);
    const position = c.side === 'BUY' ? r.long + c.added : r.short - c.added;
    const after = Math.abs(position);
    if (after <= limit.max || after <= before) return null;
    return { code: 'POSITION_EXCEEDS_MAX', limitId: limit.id, symbol: r.instrument.symbol, position, max: limit.max };
  },
  usage(limit, ctx) {
    if (limit.symbol === undefined) return largest(ctx.book.symbols.values(), worstPosition, (r) => r.instrument.symbol);
    const r = ctx.book.symbols.get(limit.symbol);
    return { used: r ? worstPosition(r) : 0, scope: limit.symbol };
  },
  usageAfter(limit, c) {
    const r = c.risk;
    if (limit.symbol !== undefined && limit.symbol !== r.instrument.symbol) return null;
    return Math.abs(c.side === 'BUY' ? r.long + c.added : r.short - c.added);
  },
});

export const maxGrossExposure = defineLimitKind({
  kind: 'MAX_GROSS_EXPOSURE',
  label: 'Gross exposure',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    if (c.grossAfter <= limit.max || c.grossAfter <= ctx.book.gross) return null;
    return { code: 'GROSS_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, exposure: c.grossAfter, max: limit.max };
  },
  usage: (_limit, ctx) => ({ used: ctx.book.gross, scope: ACCOUNT }),
  usageAfter: (_limit, c) => c.grossAfter,
});

const netAfter = (c: { side: string; added: number; risk: SymbolRisk }, netHigh: number, netLow: number): { before: number; exposure: number } => {
  const delta = c.added * c.risk.unitValue;
  const before = c.side === 'BUY' ? netHigh : netLow;
  return { before, exposure: c.side === 'BUY' ? before + delta : before - delta };
};

export const maxNetExposure = defineLimitKind({
  kind: 'MAX_NET_EXPOSURE',
  label: 'Net exposure',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    const { before, exposure } = netAfter(c, ctx.book.netHigh, ctx.book.netLow);
    if (Math.abs(exposure) <= limit.max || Math.abs(exposure) <= Math.abs(before)) return null;
    return { code: 'NET_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, exposure, max: limit.max };
  },
  usage: (_limit, ctx) => ({ used: Math.max(Math.abs(ctx.book.netHigh), Math.abs(ctx.book.netLow)), scope: ACCOUNT }),
  usageAfter: (_limit, c, ctx) => Math.abs(netAfter(c, ctx.book.netHigh, ctx.book.netLow).exposure),
});

/** Gross exposure / equity. */
export const maxLeverage = defineLimitKind({
  kind: 'MAX_LEVERAGE',
  label: 'Leverage',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    if (c.grossAfter <= ctx.book.gross) return null;
    const equity = ctx.equity();
    const leverage = equity > 0 ? c.grossAfter / equity : Infinity;
    return leverage <= limit.max ? null : { code: 'LEVERAGE_EXCEEDS_MAX', limitId: limit.id, leverage, max: limit.max, equity };
  },
  usage: (_limit, ctx) => ({ used: ofEquity(ctx.book.gross, ctx.equity()), scope: ACCOUNT }),
  usageAfter: (_limit, c, ctx) => ofEquity(c.grossAfter, ctx.equity()),
});

/** One symbol's gross exposure / equity. */
export const maxSymbolConcentration = defineLimitKind({
  kind: 'MAX_SYMBOL_CONCENTRATION',
  label: 'Symbol concentration',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    if (c.symbolGrossAfter <= c.risk.gross) return null;
    const equity = ctx.equity();
    const fraction = equity > 0 ? c.symbolGrossAfter / equity : Infinity;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'SYMBOL_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, symbol: c.risk.instrument.symbol, fraction, maxFraction: limit.maxFraction };
  },
  usage(_limit, ctx) {
    const { used, scope } = largest(ctx.book.symbols.values(), (r) => r.gross, (r) => r.instrument.symbol);
    return { used: ctx.equity() > 0 ? used / ctx.equity() : 0, scope };
  },
  usageAfter: (_limit, c, ctx) => ofEquity(c.symbolGrossAfter, ctx.equity()),
});

export const maxSectorConcentration = defineLimitKind({
  kind: 'MAX_SECTOR_CONCENTRATION',
  label: 'Sector concentration',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    const r = c.risk;
    if (c.symbolGrossAfter <= r.gross) return null;
    const equity = ctx.equity();
    const fraction = equity > 0 ? (r.sector.gross - r.gross + c.symbolGrossAfter) / equity : Infinity;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'SECTOR_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, sector: r.sector.sector, fraction, maxFraction: limit.maxFraction };
  },
  usage(_limit, ctx) {
    const { used, scope } = largest(ctx.book.sectors.values(), (s) => s.gross, (s) => s.sector);
    return { used: ctx.equity() > 0 ? used / ctx.equity() : 0, scope };
  },
  usageAfter: (_limit, c, ctx) => ofEquity(c.risk.sector.gross - c.risk.gross + c.symbolGrossAfter, ctx.equity()),
});

/** Net exposure in instruments of one currency; without `currency`, each non-base currency. */
export const maxCurrencyExposure = defineLimitKind({
  kind: 'MAX_CURRENCY_EXPOSURE',
  label: 'Currency exposure',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive', currency: 'currency?' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    const cur = c.risk.currency;
    if (limit.currency !== undefined ? limit.currency !== cur.currency : cur.currency === ctx.book.fx.baseCurrency) return null;
    const { before, exposure } = netAfter(c, cur.netHigh, cur.netLow);
    if (Math.abs(exposure) <= limit.max || Math.abs(exposure) <= Math.abs(before)) return null;
    return { code: 'CURRENCY_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, currency: cur.currency, exposure, max: limit.max };
  },
  usage(limit, ctx) {
    const base = ctx.book.fx.baseCurrency;
    const applies = [...ctx.book.currencies.values()].filter((x) => (limit.currency !== undefined ? x.currency === limit.currency : x.currency !== base));
    return largest(applies, (x) => Math.max(Math.abs(x.netHigh), Math.abs(x.netLow)), (x) => x.currency);
  },
  usageAfter(limit, c, ctx) {
    const cur = c.risk.currency;
    if (limit.currency !== undefined ? limit.currency !== cur.currency : cur.currency === ctx.book.fx.baseCurrency) return null;
    return Math.abs(netAfter(c, cur.netHigh, cur.netLow).exposure);
  },
});

/** Realized + unrealized − commissions since the day started, as a positive loss. Once reached only risk-reducing orders pass. */
export const maxDailyLoss = defineLimitKind({
  kind: 'MAX_DAILY_LOSS',
  label: 'Daily loss',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    const loss = -ctx.dailyPnl();
    if (loss < limit.max || c.reducing) return null;
    return { code: 'DAILY_LOSS_EXCEEDS_MAX', limitId: limit.id, loss, max: limit.max };
  },
  usage: (_limit, ctx) => ({ used: Math.max(0, -ctx.dailyPnl()), scope: ACCOUNT }),
  usageAfter: (_limit, _c, ctx) => Math.max(0, -ctx.dailyPnl()),
});

/** New orders per window. */
export const orderRate = defineLimitKind({
  kind: 'ORDER_RATE',
  label: 'Order rate',
  unit: 'count',
  scope: 'ORDER',
  params: { max: 'count', windowMs: 'positive' },
  threshold: 'max',
  compile: (limit) => new RateWindow(limit.max, limit.windowMs),
  check(limit, c, _ctx, w) {
    if (!c.isNew || !w.full(c.now)) return null;
    return { code: 'ORDER_RATE_EXCEEDED', limitId: limit.id, count: w.count(c.now), max: limit.max, windowMs: limit.windowMs };
  },
  usage: (_limit, _ctx, w, now) => ({ used: w.count(now), scope: ACCOUNT }),
  usageAfter: (_limit, c, _ctx, w) => w.count(c.now) + (c.isNew ? 1 : 0),
  recordAccepted: (w, _c, isNew, now) => (isNew ? w.record(now) : undefined),
});

/** New, modify and cancel messages per window (cancels are counted but never refused). */
export const messageRate = defineLimitKind({
  kind: 'MESSAGE_RATE',
  label: 'Message rate',
  unit: 'count',
  scope: 'ORDER',
  params: { max: 'count', windowMs: 'positive' },
  threshold: 'max',
  compile: (limit) => new RateWindow(limit.max, limit.windowMs),
  check(limit, c, _ctx, w) {
    if (!w.full(c.now)) return null;
    return { code: 'MESSAGE_RATE_EXCEEDED', limitId: limit.id, count: w.count(c.now), max: limit.max, windowMs: limit.windowMs };
  },
  usage: (_limit, _ctx, w, now) => ({ used: w.count(now), scope: ACCOUNT }),
  usageAfter: (_limit, c, _ctx, w) => w.count(c.now) + 1,
  recordAccepted: (w, _c, _isNew, now) => w.record(now),
  recordCancel: (w, now) => w.record(now),
});
