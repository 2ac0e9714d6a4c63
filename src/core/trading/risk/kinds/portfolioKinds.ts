// Portfolio limit kinds: drawdown, % of ADV per day, turnover, industry concentration, and VaR / ES of the book after
// the order (from the injected BookRiskEstimator). Money in the base currency.
import type { RiskDenial } from '../denial';
import type { OrderCheck, SymbolRisk } from '../riskBook';
import { defineLimitKind, noState, type LimitContext, type Usage } from '../limitKind';
import { largest } from './accountKinds';

function drawdownOf(ctx: LimitContext, from: 'DAY_START' | 'PEAK'): { drawdown: number; equity: number; referenceEquity: number } {
  const equity = ctx.equity();
  const referenceEquity = from === 'PEAK' ? ctx.peakEquity() : ctx.dayStartEquity();
  const drawdown = referenceEquity > 0 ? Math.max(0, (referenceEquity - equity) / referenceEquity) : 0;
  return { drawdown, equity, referenceEquity };
}

/** Fall of equity from the day's start or from its peak, as a fraction. Once reached only risk-reducing orders pass. */
export const maxDrawdown = defineLimitKind({
  kind: 'MAX_DRAWDOWN',
  label: 'Drawdown',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive', from: 'drawdownFrom' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    const d = drawdownOf(ctx, limit.from);
    if (d.drawdown < limit.maxFraction || c.reducing) return null;
    return { code: 'DRAWDOWN_EXCEEDS_MAX', limitId: limit.id, from: limit.from, drawdown: d.drawdown, maxFraction: limit.maxFraction, equity: d.equity, referenceEquity: d.referenceEquity };
  },
  usage: (limit, ctx) => ({ used: drawdownOf(ctx, limit.from).drawdown, scope: limit.from === 'PEAK' ? 'from peak' : 'from day start' }),
  usageAfter: (limit, _c, ctx) => drawdownOf(ctx, limit.from).drawdown,
});

/** Quantity traded today plus working, as a fraction of average daily volume; NaN when the ADV is unknown. */
const participation = (r: SymbolRisk, added: number): number =>
  r.averageDailyVolume > 0 ? (r.tradedToday + r.openBuy + r.openSell + Math.max(0, added)) / r.averageDailyVolume : NaN;

/** A symbol's filled plus working quantity today as a fraction of its ADV. Without a known ADV the rule passes. */
export const maxDailyAdvFraction = defineLimitKind({
  kind: 'MAX_DAILY_ADV_FRACTION',
  label: '% of ADV per day',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c) {
    const r = c.risk;
    if (c.added <= 0) return null;
    const fraction = participation(r, c.added);
    if (!(fraction > limit.maxFraction)) return null;
    const quantity = r.tradedToday + r.openBuy + r.openSell + c.added;
    return { code: 'DAILY_ADV_FRACTION_EXCEEDS_MAX', limitId: limit.id, symbol: r.instrument.symbol, quantity, averageDailyVolume: r.averageDailyVolume, fraction, maxFraction: limit.maxFraction };
  },
  usage: (_limit, ctx) => largest(ctx.book.symbols.values(), (r) => participation(r, 0) || 0, (r) => r.instrument.symbol),
  usageAfter: (_limit, c) => {
    const f = participation(c.risk, c.added);
    return f === f ? f : null;
  },
});

const turnoverAfter = (c: OrderCheck, ctx: LimitContext): number => ctx.book.turnoverToday + ctx.book.openValue + Math.max(0, c.added) * c.risk.unitValue;

/** Value traded today (fills at the reference price) plus working orders, in the base currency. */
export const maxTurnover = defineLimitKind({
  kind: 'MAX_TURNOVER',
  label: 'Turnover',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    if (c.added <= 0) return null;
    const turnover = turnoverAfter(c, ctx);
    return turnover > limit.max ? { code: 'TURNOVER_EXCEEDS_MAX', limitId: limit.id, turnover, max: limit.max } : null;
  },
  usage: (_limit, ctx) => ({ used: ctx.book.turnoverToday + ctx.book.openValue, scope: 'today' }),
  usageAfter: (_limit, c, ctx) => turnoverAfter(c, ctx),
});

/** One industry's gross exposure / equity (an instrument without an industry counts under its sector). */
export const maxIndustryConcentration = defineLimitKind({
  kind: 'MAX_INDUSTRY_CONCENTRATION',
  label: 'Industry concentration',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    const r = c.risk;
    if (c.symbolGrossAfter <= r.gross) return null;
    const equity = ctx.equity();
    const fraction = equity > 0 ? (r.industry.gross - r.gross + c.symbolGrossAfter) / equity : Infinity;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'INDUSTRY_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, industry: r.industry.sector, fraction, maxFraction: limit.maxFraction };
  },
  usage(_limit, ctx) {
    const { used, scope } = largest(ctx.book.industries.values(), (s) => s.gross, (s) => s.sector);
    return { used: ctx.equity() > 0 ? used / ctx.equity() : 0, scope };
  },
  usageAfter: (_limit, c, ctx) => {
    const equity = ctx.equity();
    const after = c.risk.industry.gross - c.risk.gross + c.symbolGrossAfter;
    return equity > 0 ? after / equity : null;
  },
});

type Measure = 'var' | 'es';

/** The book's VaR or ES now and with the order's working quantity added (buys positive, sells negative). */
function estimate(ctx: LimitContext, c: OrderCheck | null, measure: Measure, confidence: number): { before: number; after: number } | undefined {
  const estimator = ctx.estimator;
  if (!estimator) return undefined;
  const now = estimator.measureAfter(undefined, confidence);
  if (!now) return undefined;
  if (c === null || c.added === 0) return { before: now[measure], after: now[measure] };
  const change = { symbol: c.risk.instrument.symbol, quantity: c.side === 'BUY' ? c.added : -c.added, price: c.price };
  const after = estimator.measureAfter(change, confidence);
  return after ? { before: now[measure], after: after[measure] } : undefined;
}

function checkEstimate(limit: { id: string; max: number; confidence: number }, c: OrderCheck, ctx: LimitContext, measure: Measure): RiskDenial | null {
  const e = estimate(ctx, c, measure, limit.confidence);
  // Exits stay possible while history is missing; anything else waits for an estimate.
  if (!e) return c.reducing ? null : { code: 'RISK_ESTIMATE_UNAVAILABLE', limitId: limit.id, symbol: c.risk.instrument.symbol, measure: measure === 'var' ? 'VAR' : 'ES' };
  if (e.after <= limit.max || e.after <= e.before) return null;
  return measure === 'var'
    ? { code: 'VAR_EXCEEDS_MAX', limitId: limit.id, valueAtRisk: e.after, max: limit.max, confidence: limit.confidence }
    : { code: 'ES_EXCEEDS_MAX', limitId: limit.id, expectedShortfall: e.after, max: limit.max, confidence: limit.confidence };
}

const usageOf = (ctx: LimitContext, measure: Measure, confidence: number): Usage | null => {
  const e = estimate(ctx, null, measure, confidence);
  return e ? { used: e.after, scope: `${Math.round(confidence * 1000) / 10}% 1-day` } : null;
};

/** Value at risk of the book after the order, at `confidence`, one day. */
export const maxVar = defineLimitKind({
  kind: 'MAX_VAR',
  label: 'Value at risk',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive', confidence: 'confidence' },
  threshold: 'max',
  compile: noState,
  check: (limit, c, ctx) => checkEstimate(limit, c, ctx, 'var'),
  usage: (limit, ctx) => usageOf(ctx, 'var', limit.confidence),
  usageAfter: (limit, c, ctx) => estimate(ctx, c, 'var', limit.confidence)?.after ?? null,
});

/** Expected shortfall of the book after the order, at `confidence`, one day. */
export const maxEs = defineLimitKind({
  kind: 'MAX_ES',
  label: 'Expected shortfall',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive', confidence: 'confidence' },
  threshold: 'max',
  compile: noState,
  check: (limit, c, ctx) => checkEstimate(limit, c, ctx, 'es'),
  usage: (limit, ctx) => usageOf(ctx, 'es', limit.confidence),
  usageAfter: (limit, c, ctx) => estimate(ctx, c, 'es', limit.confidence)?.after ?? null,
});
