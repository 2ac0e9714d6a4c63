// VaR and ES of the book before and after an order, from the injected BookRiskEstimator: what the MAX_VAR and
// MAX_ES kinds check, report and show as headroom.
import type { RiskDenial } from '../denial';
import type { OrderCheck } from '../riskBook';
import type { LimitContext, Usage } from '../limitKind';

export type Measure = 'var' | 'es';

/** The book's VaR or ES now and with the order's working quantity added (buys positive, sells negative). */
export function estimate(ctx: LimitContext, c: OrderCheck | null, measure: Measure, confidence: number): { before: number; after: number } | undefined {
  const estimator = ctx.estimator;
  if (!estimator) return undefined;
  const now = estimator.measureAfter(undefined, confidence);
  if (!now) return undefined;
  if (c === null || c.added === 0) return { before: now[measure], after: now[measure] };
  const change = { symbol: c.risk.instrument.symbol, quantity: c.side === 'BUY' ? c.added : -c.added, price: c.price };
  const after = estimator.measureAfter(change, confidence);
  return after ? { before: now[measure], after: after[measure] } : undefined;
}

export function checkEstimate(limit: { id: string; max: number; confidence: number }, c: OrderCheck, ctx: LimitContext, measure: Measure): RiskDenial | null {
  const e = estimate(ctx, c, measure, limit.confidence);
  // Exits stay possible while history is missing; anything else waits for an estimate.
  if (!e) return c.reducing ? null : { code: 'RISK_ESTIMATE_UNAVAILABLE', limitId: limit.id, symbol: c.risk.instrument.symbol, measure: measure === 'var' ? 'VAR' : 'ES' };
  if (e.after <= limit.max || e.after <= e.before) return null;
  return measure === 'var'
    ? { code: 'VAR_EXCEEDS_MAX', limitId: limit.id, valueAtRisk: e.after, max: limit.max, confidence: limit.confidence }
    : { code: 'ES_EXCEEDS_MAX', limitId: limit.id, expectedShortfall: e.after, max: limit.max, confidence: limit.confidence };
}

export const usageOf = (ctx: LimitContext, measure: Measure, confidence: number): Usage | null => {
  const e = estimate(ctx, null, measure, confidence);
  return e ? { used: e.after, scope: `${Math.round(confidence * 1000) / 10}% 1-day` } : null;
};
