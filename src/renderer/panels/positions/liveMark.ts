// Marks a position to the live quote between backend snapshots (which come on fills), the same way the core does.
import { roundMoney } from '../../../core/model/instrument';
import type { Quote } from '../../../core/model/marketData';
import type { PositionSnapshot } from '../../../core/model/position';
import { markOf } from '../../../core/trading/positions';

/** The snapshot re-marked at the quote's mark (mid, else last); unchanged without a usable quote. */
export function markToQuote(position: PositionSnapshot, quote: Quote | undefined, multiplier = 1): PositionSnapshot {
  const mark = quote ? markOf(quote) : null;
  if (mark === null || mark === position.markPrice) return position;
  const unrealized = position.quantity === 0 ? 0 : (mark - position.averageCost) * position.quantity * multiplier;
  return { ...position, markPrice: mark, unrealizedPnl: roundMoney(unrealized), marketValue: roundMoney(mark * position.quantity * multiplier) };
}
