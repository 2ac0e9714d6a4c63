// The Venue interface and venue event types: the OMS talks to any venue (IB, the simulated exchange) only through these.
import type { EpochMs } from '../model/clock';
import type { CurrencyCode } from '../model/instrument';
import type { Liquidity } from '../model/fill';
import type { ClientOrderId, ExecutionId, VenueOrderId } from '../model/ids';
import type { OrderSpec } from '../model/order';

/** What a venue is told of an order: the order's own definition, less what only the OMS keeps (account, tags, brackets). */
export type VenueOrder = Pick<OrderSpec, 'clientOrderId' | 'symbol' | 'side' | 'type' | 'timeInForce' | 'quantity' | 'limitPrice' | 'stopPrice'>;

export interface VenueModification {
  readonly clientOrderId: ClientOrderId;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
}

interface VenueEventBase {
  readonly clientOrderId: ClientOrderId;
  readonly time: EpochMs;
}

export type VenueEvent =
  | (VenueEventBase & { readonly kind: 'ACCEPTED'; readonly venueOrderId: VenueOrderId })
  | (VenueEventBase & { readonly kind: 'REJECTED'; readonly reason: string })
  | (VenueEventBase & {
      readonly kind: 'FILL';
      readonly venueOrderId: VenueOrderId;
      readonly executionId: ExecutionId;
      readonly quantity: number;
      readonly price: number;
      readonly commission: number;
      readonly commissionCurrency: CurrencyCode;
      readonly liquidity: Liquidity;
    })
  | (VenueEventBase & { readonly kind: 'CANCELED'; readonly reason: string | null })
  | (VenueEventBase & { readonly kind: 'CANCEL_REJECTED'; readonly reason: string })
  | (VenueEventBase & {
      readonly kind: 'REPLACED';
      readonly quantity: number;
      readonly limitPrice: number | null;
      readonly stopPrice: number | null;
    })
  | (VenueEventBase & { readonly kind: 'REPLACE_REJECTED'; readonly reason: string })
  | (VenueEventBase & { readonly kind: 'EXPIRED' })
  /**
   * The commission of an execution already reported as a FILL, arriving late (IB sends its report
   * apart from the execution, sometimes seconds or a reconnect later). It states the execution's
   * commission, not a change: a repeated report changes nothing.
   */
  | (VenueEventBase & {
      readonly kind: 'COMMISSION_REPORT';
      readonly executionId: ExecutionId;
      readonly commission: number;
      readonly commissionCurrency: CurrencyCode;
    });

export type VenueEventKind = VenueEvent['kind'];
export type FillEvent = Extract<VenueEvent, { kind: 'FILL' }>;
export type CommissionReportEvent = Extract<VenueEvent, { kind: 'COMMISSION_REPORT' }>;

/** An order the venue still has working, as reported for reconciliation. */
export interface VenueOpenOrder extends VenueOrder {
  readonly venueOrderId: VenueOrderId;
  readonly filledQuantity: number;
}

export type VenueListener = (event: VenueEvent) => void;

/**
 * A place orders go. Commands return nothing: every answer arrives as a VenueEvent, possibly
 * synchronously from inside the call (the simulated exchange with zero latency does that).
 */
export interface Venue {
  readonly name: string;
  /** Whether new orders can be traded now (connected, reconciled); a venue without it always can. */
  canTrade?(): boolean;
  submit(order: VenueOrder): void;
  modify(modification: VenueModification): void;
  cancel(clientOrderId: ClientOrderId): void;
  /** Reconciliation: what the venue has working now. */
  openOrders(): Promise<readonly VenueOpenOrder[]>;
  /** Reconciliation: executions at or after `since`, including their commissions. */
  executions(since: EpochMs): Promise<readonly FillEvent[]>;
  /** Returns an unsubscribe function. */
  subscribe(listener: VenueListener): () => void;
}
