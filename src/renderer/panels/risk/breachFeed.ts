// Breaches as the workspace announces them: a toast per breach opened or cleared, and a refresh of the breach table.
import { LIMIT_KINDS } from '../../../core/trading/risk/limitKinds';
import type { BreachEvent } from '../../../shared/contracts/risk';
import type { ToastLevel } from '../../state/notificationStore';
import { formatLimitFigure } from '../common/limitFigures';

export interface BreachNotice {
  readonly level: ToastLevel;
  readonly title: string;
  readonly detail: string;
}

export function breachNotice({ state, breach }: BreachEvent): BreachNotice {
  const kind = LIMIT_KINDS[breach.kind];
  const figures = `${kind.label} ${formatLimitFigure(breach.value, kind.unit)} over ${formatLimitFigure(breach.threshold, kind.unit)} (${breach.scope})`;
  switch (state) {
    case 'OPENED':
      return {
        level: 'error',
        title: `Limit ${breach.limitId} breached`,
        detail: breach.action === 'REDUCE_ONLY' ? `${figures}; account switched to reduce-only` : figures,
      };
    case 'CLEARED':
      return { level: 'info', title: `Limit ${breach.limitId} back within its threshold`, detail: `${kind.label} ${formatLimitFigure(breach.threshold, kind.unit)}` };
    default: {
      const unknown: never = state;
      throw new Error(`unknown breach state ${String(unknown)}`);
    }
  }
}

/** Midnight of the trader's local day: the breach table's "today". */
export function startOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
