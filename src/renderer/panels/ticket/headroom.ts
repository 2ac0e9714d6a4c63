// Per-limit headroom for the ticket's preview: what is left of each limit once this order is counted.
import type { LimitUtilization, RiskLimitKind } from '../../../core/trading/risk/limits';

export interface Headroom {
  readonly id: string;
  readonly kind: RiskLimitKind;
  readonly scope: string;
  /** Limit minus usage with this order counted; negative means the check would deny it. */
  readonly headroom: number;
  readonly ratio: number;
  readonly unit: 'quantity' | 'money' | 'ratio' | 'count';
}

export interface OrderFigures {
  readonly quantity: number;
  readonly notional: number | null;
}

const UNIT: Partial<Record<RiskLimitKind, Headroom['unit']>> = {
  MAX_ORDER_QUANTITY: 'quantity',
  MAX_POSITION: 'quantity',
  MAX_ORDER_NOTIONAL: 'money',
  MAX_GROSS_EXPOSURE: 'money',
  MAX_NET_EXPOSURE: 'money',
  MAX_CURRENCY_EXPOSURE: 'money',
  MAX_DAILY_LOSS: 'money',
  ORDER_RATE: 'count',
  MESSAGE_RATE: 'count',
};

/**
 * Per-order limits are measured against this order alone (what the check compares); account limits report their
 * usage as it stands plus, where the order adds to it directly (rates, gross exposure), this order's share.
 */
export function headroomOf(limits: readonly LimitUtilization[], order: OrderFigures): Headroom[] {
  const out: Headroom[] = [];
  for (const u of limits) {
    if (u.ratio === null) continue;
    let used = u.used;
    switch (u.kind) {
      case 'MAX_ORDER_QUANTITY':
        used = order.quantity;
        break;
      case 'MAX_ORDER_NOTIONAL':
        if (order.notional === null) continue;
        used = order.notional;
        break;
      case 'MAX_GROSS_EXPOSURE':
        used = u.used + (order.notional ?? 0);
        break;
      case 'ORDER_RATE':
      case 'MESSAGE_RATE':
        used = u.used + 1;
        break;
      default:
        break;
    }
    out.push({ id: u.id, kind: u.kind, scope: u.scope, headroom: u.limit - used, ratio: u.limit > 0 ? used / u.limit : 0, unit: UNIT[u.kind] ?? 'ratio' });
  }
  return out;
}
