// IB error and info codes → typed outcomes: order rejections, cancels, cancel/modify refusals, connectivity, protocol faults.

export type IbOrderRejectCode =
  | 'ORDER_REJECTED'
  | 'DUPLICATE_ORDER_ID'
  | 'BAD_PRICE_INCREMENT'
  | 'NO_SECURITY_DEFINITION'
  | 'ORDER_SIZE_REFUSED'
  | 'MODIFY_REFUSED'
  | 'CANCEL_UNKNOWN_ORDER'
  | 'CANCEL_NOT_CANCELLABLE';

export type IbErrorClass =
  /** Order-level refusals: the order (or its modification) did not get in. */
  | { readonly kind: 'ORDER_REFUSED'; readonly code: IbOrderRejectCode }
  /** 202: the order is cancelled (by us, by TWS, IOC remainder, expiry). */
  | { readonly kind: 'ORDER_CANCELED'; readonly expired: boolean }
  /** A cancel that did not take effect: unknown or already finished order. */
  | { readonly kind: 'CANCEL_REFUSED'; readonly code: IbOrderRejectCode }
  | { readonly kind: 'MODIFY_REFUSED' }
  | { readonly kind: 'CONNECTIVITY_LOST' }
  | { readonly kind: 'CONNECTIVITY_RESTORED'; readonly dataLost: boolean }
  /** The client could not decode a message, or TWS reset the socket: reset the session and reconcile. */
  | { readonly kind: 'PROTOCOL_FAULT' }
  | { readonly kind: 'CONNECT_FAILED' }
  | { readonly kind: 'PACING_VIOLATION' }
  /** A data request failed (no security definition, historical pacing, no permissions …). */
  | { readonly kind: 'REQUEST_FAILED' }
  /** Farm status and other notices: log only. */
  | { readonly kind: 'INFO' }
  | { readonly kind: 'WARNING' };

const REFUSALS: ReadonlyMap<number, IbOrderRejectCode> = new Map([
  [201, 'ORDER_REJECTED'],
  [203, 'ORDER_REJECTED'],
  [103, 'DUPLICATE_ORDER_ID'],
  [110, 'BAD_PRICE_INCREMENT'],
  [200, 'NO_SECURITY_DEFINITION'],
  [382, 'ORDER_SIZE_REFUSED'],
  [383, 'ORDER_SIZE_REFUSED'],
  [434, 'ORDER_SIZE_REFUSED'],
]);

const CANCEL_REFUSALS: ReadonlyMap<number, IbOrderRejectCode> = new Map([
  [10147, 'CANCEL_UNKNOWN_ORDER'],
  [135, 'CANCEL_UNKNOWN_ORDER'],
  [10148, 'CANCEL_NOT_CANCELLABLE'],
  [161, 'CANCEL_NOT_CANCELLABLE'],
  [136, 'CANCEL_NOT_CANCELLABLE'],
]);

/** 104 can't modify a filled order, 105 modification does not match the order. */
const MODIFY_REFUSALS = new Set([104, 105]);
const REQUEST_FAILURES = new Set([162, 165, 166, 300, 309, 310, 321, 322, 354, 366, 420, 10089, 10090, 10167, 10168, 10197]);

/** Classifies an error or info by its code (the message only refines a 202 into an expiry). */
export function classifyIbError(code: number, message = ''): IbErrorClass {
  const refusal = REFUSALS.get(code);
  if (refusal) return { kind: 'ORDER_REFUSED', code: refusal };
  const cancelRefusal = CANCEL_REFUSALS.get(code);
  if (cancelRefusal) return { kind: 'CANCEL_REFUSED', code: cancelRefusal };
  if (MODIFY_REFUSALS.has(code)) return { kind: 'MODIFY_REFUSED' };
  switch (code) {
    case 202:
      return { kind: 'ORDER_CANCELED', expired: /reason:\s*expired/i.test(message) };
    case 1100:
    case 2110:
      return { kind: 'CONNECTIVITY_LOST' };
    case 1101:
      return { kind: 'CONNECTIVITY_RESTORED', dataLost: true };
    case 1102:
      return { kind: 'CONNECTIVITY_RESTORED', dataLost: false };
    case 505: // the client's decoder: underrun, unprocessed fields, unknown message id
    case 1300: // TWS socket port reset
      return { kind: 'PROTOCOL_FAULT' };
    case 502:
    case 504:
    case 506:
    case 326:
      return { kind: 'CONNECT_FAILED' };
    case 100:
      return { kind: 'PACING_VIOLATION' };
    default:
      if (REQUEST_FAILURES.has(code)) return { kind: 'REQUEST_FAILED' };
      if (code >= 2100 && code < 2200) return { kind: 'INFO' };
      return { kind: 'WARNING' };
  }
}

/** The reason text a VenueEvent carries: our typed code first, IB's code and words after it. */
export const ibReason = (code: IbOrderRejectCode | 'ORDER_CANCELED', ibCode: number, message: string): string =>
  `${code} (IB ${ibCode}): ${message.replace(/\s+/g, ' ').trim()}`;

/** The client reports an oversized frame as a plain error with this text, then drops the socket. */
export const isOversizedFrameError = (message: string): boolean => /exceeded max message length/i.test(message);
