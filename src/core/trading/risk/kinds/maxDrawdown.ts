// Limit kind MAX_DRAWDOWN: equity's fall from the day's start or its peak; once reached, only reducing orders pass.
import { defineLimitKind, noState, type LimitContext } from '../limitKind';

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
