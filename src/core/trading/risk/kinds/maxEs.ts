// Limit kind MAX_ES: expected shortfall of the book after the order, at a confidence, one day (from the estimator).
import { defineLimitKind, noState } from '../limitKind';
import { checkEstimate, usageOf, estimate } from './bookEstimate';

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
