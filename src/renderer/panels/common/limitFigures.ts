// A limit's figures in its kind's unit (money, fraction as percent, ticks…): the ticket, the risk panel and the
// breach toasts format them the same way.
import type { LimitUnit } from '../../../core/trading/risk/limitKind';
import { formatMoney, formatQuantity } from './format';

export function formatLimitFigure(value: number, unit: LimitUnit): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  switch (unit) {
    case 'money':
      return formatMoney(value);
    case 'fraction':
      return `${(value * 100).toFixed(1)}%`;
    case 'percent':
      return `${value.toFixed(2)}%`;
    case 'ticks':
    case 'quantity':
    case 'count':
      return formatQuantity(value);
    case 'rule':
      return '—';
    default: {
      const unknown: never = unit;
      throw new Error(`unknown limit unit ${String(unknown)}`);
    }
  }
}
