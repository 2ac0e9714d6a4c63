// Risk limits as data: a plain serializable array (stored in SQLite, edited through the API), plus its validation.
import { err, ok, type Result } from '../../model/result';
import type { CurrencyCode, Symbol } from '../../model/instrument';

interface LimitBase {
  /** Stable id, shown in denials and the risk panel. */
  readonly id: string;
}

/** Per order. */
export type OrderLimit =
  | (LimitBase & { readonly kind: 'MAX_ORDER_QUANTITY'; readonly max: number; readonly symbol?: Symbol })
  | (LimitBase & { readonly kind: 'MAX_ORDER_NOTIONAL'; readonly max: number; readonly symbol?: Symbol })
  /** |limit − reference| / reference, in percent. */
  | (LimitBase & { readonly kind: 'PRICE_COLLAR_PERCENT'; readonly maxPercent: number })
  | (LimitBase & { readonly kind: 'PRICE_COLLAR_TICKS'; readonly maxTicks: number })
  /** Order quantity as a fraction of the symbol's average daily volume. */
  | (LimitBase & { readonly kind: 'FAT_FINGER_ADV'; readonly maxFraction: number })
  /** Same symbol, side, type, quantity and prices within the window. */
  | (LimitBase & { readonly kind: 'DUPLICATE_ORDER_WINDOW'; readonly windowMs: number })
  | (LimitBase & { readonly kind: 'ALLOWED_SYMBOLS'; readonly symbols: readonly Symbol[] })
  | (LimitBase & { readonly kind: 'RESTRICTED_SYMBOLS'; readonly symbols: readonly Symbol[] });

/** Per account, against the book after the order with open orders included. Money in the base currency. */
export type AccountLimit =
  | (LimitBase & { readonly kind: 'MAX_POSITION'; readonly max: number; readonly symbol?: Symbol })
  | (LimitBase & { readonly kind: 'MAX_GROSS_EXPOSURE'; readonly max: number })
  | (LimitBase & { readonly kind: 'MAX_NET_EXPOSURE'; readonly max: number })
  /** Gross exposure / equity. */
  | (LimitBase & { readonly kind: 'MAX_LEVERAGE'; readonly max: number })
  /** One symbol's gross exposure / equity. */
  | (LimitBase & { readonly kind: 'MAX_SYMBOL_CONCENTRATION'; readonly maxFraction: number })
  | (LimitBase & { readonly kind: 'MAX_SECTOR_CONCENTRATION'; readonly maxFraction: number })
  /** Net exposure in instruments of one currency; without `currency`, each non-base currency. */
  | (LimitBase & { readonly kind: 'MAX_CURRENCY_EXPOSURE'; readonly max: number; readonly currency?: CurrencyCode })
  /** Realized + unrealized − commissions since the day started, as a positive loss. */
  | (LimitBase & { readonly kind: 'MAX_DAILY_LOSS'; readonly max: number })
  /** New orders per window. */
  | (LimitBase & { readonly kind: 'ORDER_RATE'; readonly max: number; readonly windowMs: number })
  /** New, modify and cancel messages per window (cancels are counted but never refused). */
  | (LimitBase & { readonly kind: 'MESSAGE_RATE'; readonly max: number; readonly windowMs: number });

export type RiskLimit = OrderLimit | AccountLimit;
export type RiskLimitKind = RiskLimit['kind'];

export interface InvalidLimit {
  readonly code: 'INVALID_LIMIT';
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
}

const POSITIVE_FIELDS = ['max', 'maxPercent', 'maxTicks', 'maxFraction', 'windowMs'] as const;

/** Refuses non-finite or non-positive thresholds and duplicate ids; the API's zod schema sits in front of this. */
export function validateLimits(limits: readonly RiskLimit[]): Result<readonly RiskLimit[], InvalidLimit> {
  const ids = new Set<string>();
  for (const limit of limits) {
    if (typeof limit.id !== 'string' || limit.id.length === 0 || ids.has(limit.id)) {
      return err({ code: 'INVALID_LIMIT', id: String(limit.id), field: 'id', value: limit.id });
    }
    ids.add(limit.id);
    const record = limit as unknown as Record<string, unknown>;
    for (const field of POSITIVE_FIELDS) {
      if (!(field in record)) continue;
      const value = record[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        return err({ code: 'INVALID_LIMIT', id: limit.id, field, value });
      }
    }
    if ((limit.kind === 'ORDER_RATE' || limit.kind === 'MESSAGE_RATE') && !Number.isInteger(limit.max)) {
      return err({ code: 'INVALID_LIMIT', id: limit.id, field: 'max', value: limit.max });
    }
  }
  return ok(limits);
}

/** Utilization of one limit for the risk panel; `ratio` is null for limits that are not a quantity (lists). */
export interface LimitUtilization {
  readonly id: string;
  readonly kind: RiskLimitKind;
  readonly used: number;
  readonly limit: number;
  readonly ratio: number | null;
  /** What `used` refers to: a symbol, a sector, a currency, 'account' or 'last order'. */
  readonly scope: string;
}
