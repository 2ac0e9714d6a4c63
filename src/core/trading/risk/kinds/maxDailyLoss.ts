// Limit kind MAX_DAILY_LOSS: the day's realized + unrealized loss; once reached, only reducing orders pass.
import { defineLimitKind, noState } from '../limitKind';
import { ACCOUNT } from './measures';

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
