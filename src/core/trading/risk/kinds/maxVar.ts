// Limit kind MAX_VAR: value at risk of the book after the order, at a confidence, one day (from the estimator).
import { defineLimitKind, noState } from '../limitKind';
import { checkEstimate, usageOf, estimate } from './bookEstimate';

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
