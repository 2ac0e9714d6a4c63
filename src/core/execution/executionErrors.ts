// Why the execution layer refused a request: one closed union, each naming the field at fault where there is one.
import type { ClientOrderId } from '../model/ids';
import type { OmsError } from '../trading/omsTypes';
import type { ParentTransitionError } from './parentOrder';
import type { RouteRefusal } from './routePlanner';

export type ExecutionError =
  | RouteRefusal
  /** The request is malformed (see executionRequestSchema); `field` is its path. */
  | { readonly code: 'VALIDATION_FAILED'; readonly field: string; readonly message: string }
  | ParentTransitionError
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly field: 'symbol'; readonly symbol: string }
  | { readonly code: 'UNKNOWN_PARENT'; readonly parentId: ClientOrderId }
  | { readonly code: 'QUANTITY_NOT_POSITIVE'; readonly field: 'quantity'; readonly quantity: number }
  | { readonly code: 'QUANTITY_NOT_ON_LOT'; readonly field: 'quantity'; readonly quantity: number; readonly lotSize: number }
  | { readonly code: 'PRICE_NOT_USABLE'; readonly field: 'limitPrice'; readonly price: number }
  | { readonly code: 'QUANTITY_NOT_ABOVE_FILLED'; readonly field: 'quantity'; readonly quantity: number; readonly filled: number }
  | { readonly code: 'LIMIT_PRICE_REQUIRED'; readonly field: 'limitPrice' }
  | { readonly code: 'WINDOW_IN_PAST'; readonly field: 'endTime'; readonly endTime: number; readonly now: number }
  | { readonly code: 'WINDOW_NOT_ORDERED'; readonly field: 'startTime'; readonly startTime: number; readonly endTime: number }
  | { readonly code: 'WINDOW_SHORTER_THAN_INTERVAL'; readonly field: 'endTime'; readonly windowMs: number; readonly intervalMs: number }
  | { readonly code: 'INTERVAL_NOT_POSITIVE'; readonly field: 'intervalMs'; readonly intervalMs: number }
  | { readonly code: 'PARTICIPATION_OUT_OF_RANGE'; readonly field: 'participation'; readonly participation: number; readonly max: number }
  | { readonly code: 'DISPLAY_EXCEEDS_ORDER'; readonly field: 'displayQuantity'; readonly displayQuantity: number; readonly quantity: number }
  | { readonly code: 'DISPLAY_NOT_POSITIVE'; readonly field: 'displayQuantity'; readonly displayQuantity: number }
  | { readonly code: 'BAD_VOLUME_PROFILE'; readonly field: 'volumeProfile'; readonly reason: string }
  /** The first child was refused by the order path (risk, kill switch): the parent is refused with it, nothing sent. */
  | { readonly code: 'CHILD_REFUSED'; readonly venue: string; readonly error: OmsError };

export type ExecutionErrorCode = ExecutionError['code'];
