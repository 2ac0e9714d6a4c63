// Commission schedules: what a venue charges per execution, with per-order minimum and maximum applied cumulatively.
import { assertNever } from '../model';
import { roundMoney, type CurrencyCode } from '../model/instrument';

export type CommissionSchedule =
  | {
      readonly kind: 'PER_SHARE';
      readonly currency: CurrencyCode;
      readonly perShare: number;
      readonly minPerOrder: number;
      /** Cap as a fraction of the order's traded value (IB: 0.01); null for no cap. */
      readonly maxFractionOfNotional: number | null;
    }
  | {
      readonly kind: 'PERCENT_OF_NOTIONAL';
      readonly currency: CurrencyCode;
      /** Fraction, e.g. 0.0005 for 5 bp. */
      readonly rate: number;
      readonly minPerOrder: number;
    }
  | { readonly kind: 'NONE'; readonly currency: CurrencyCode };

/** Total commission for an order that has traded `quantity` for `notional` so far. */
export function orderCommission(schedule: CommissionSchedule, quantity: number, notional: number): number {
  if (quantity <= 0) return 0;
  switch (schedule.kind) {
    case 'PER_SHARE': {
      const raw = Math.max(schedule.minPerOrder, quantity * schedule.perShare);
      const capped = schedule.maxFractionOfNotional === null ? raw : Math.min(raw, schedule.maxFractionOfNotional * notional);
      return roundMoney(capped);
    }
    case 'PERCENT_OF_NOTIONAL':
      return roundMoney(Math.max(schedule.minPerOrder, notional * schedule.rate));
    case 'NONE':
      return 0;
    default:
      return assertNever(schedule, 'commission schedule');
  }
}

/**
 * Commission for one execution: the difference of the order's cumulative commission before and
 * after it, so that an order split into many partial fills pays the minimum once and the cap holds.
 */
export function executionCommission(
  schedule: CommissionSchedule,
  before: { quantity: number; notional: number },
  fill: { quantity: number; notional: number },
): number {
  const after = orderCommission(schedule, before.quantity + fill.quantity, before.notional + fill.notional);
  return roundMoney(after - orderCommission(schedule, before.quantity, before.notional));
}

/** Interactive Brokers' fixed US equity schedule, a sensible default for the simulated exchange. */
export const IB_FIXED_US_EQUITY: CommissionSchedule = {
  kind: 'PER_SHARE',
  currency: 'USD',
  perShare: 0.005,
  minPerOrder: 1,
  maxFractionOfNotional: 0.01,
};
