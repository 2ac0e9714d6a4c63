// The ticket's headroom lines: what is left of each limit once this order is counted (figures from the backend's
// preview, the same run of the check), labelled and formatted by the limit's kind.
import { LIMIT_KINDS } from '../../../core/trading/risk/limitKinds';
import type { LimitUnit } from '../../../core/trading/risk/limitKind';
import type { LimitHeadroom } from '../../../core/trading/risk/limits';
import { formatMoney, formatQuantity } from '../common/format';

export interface HeadroomLine {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  /** used / limit with the order counted. */
  readonly ratio: number;
  readonly breach: boolean;
}

/** A figure of a limit in its kind's unit. */
export function formatLimitFigure(value: number, unit: LimitUnit): string {
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

export function headroomLines(headroom: readonly LimitHeadroom[]): HeadroomLine[] {
  return headroom.map((h) => {
    const kind = LIMIT_KINDS[h.kind];
    return {
      id: h.id,
      label: kind.label,
      text: formatLimitFigure(h.headroom, kind.unit),
      ratio: h.limit > 0 ? h.used / h.limit : 0,
      breach: h.headroom < 0,
    };
  });
}
