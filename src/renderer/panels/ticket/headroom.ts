// The ticket's headroom lines: what is left of each limit once this order is counted (figures from the backend's
// preview, the same run of the check), labelled and formatted by the limit's kind.
import { LIMIT_KINDS } from '../../../core/trading/risk/limitKinds';
import type { LimitHeadroom } from '../../../core/trading/risk/limits';
import { formatLimitFigure } from '../common/limitFigures';

export interface HeadroomLine {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  /** used / limit with the order counted. */
  readonly ratio: number;
  readonly breach: boolean;
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
