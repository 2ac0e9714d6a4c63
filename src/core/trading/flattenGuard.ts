// Flatten to flat: a flatten stays armed for its symbol until no order there can still move the position, then closes any residual.
import type { ClientOrderId } from '../model/ids';
import type { Symbol } from '../model/instrument';
import { ok, type Result } from '../model/result';
import type { Order } from '../model/order';
import type { OmsError } from './omsTypes';

/**
 * What a trader means by "flatten": end flat, even when orders in the symbol are still in flight.
 * Flatten cancels the symbol's working orders and sends a market order closing the position it
 * sees now. Orders already on their way may still fill (a market order fills before its cancel
 * arrives), so the symbol stays armed: every order there that is not one of flatten's own closing
 * orders is cancelled as it appears (bracket exits activated by a late entry fill, too), and once
 * no order in the symbol is live any more, whatever position is left is closed with another market
 * order. It disarms when the position is flat with nothing live, when the trader places a new
 * order in the symbol (their new intent wins), or after MAX_RESIDUAL_ROUNDS closing orders that
 * did not get it flat (their rejections are on the record; nothing loops).
 */
export const MAX_RESIDUAL_ROUNDS = 3;

export interface FlattenOps {
  /** The symbol's orders not yet terminal. */
  liveOrders(symbol: Symbol): readonly Order[];
  position(symbol: Symbol): number;
  /** Asks the venue to cancel (a refused cancel, e.g. one already pending, is ignored). */
  cancel(order: Order): void;
  /** Sends a market order closing `position`. */
  close(symbol: Symbol, position: number): Result<Readonly<Order>, OmsError>;
}

interface Armed {
  readonly closing: Set<ClientOrderId>;
  rounds: number;
}

const EPS = 1e-9;

export class FlattenGuard {
  private readonly armed = new Map<Symbol, Armed>();

  isArmed(symbol: Symbol): boolean {
    return this.armed.has(symbol);
  }

  /** Flatten: cancel everything live in the symbol, close what is held now, stay armed while anything may still fill. */
  flatten(symbol: Symbol, ops: FlattenOps): Result<Readonly<Order> | null, OmsError> {
    const state: Armed = { closing: new Set(), rounds: 0 };
    this.armed.set(symbol, state);
    for (const order of ops.liveOrders(symbol)) ops.cancel(order);
    const position = ops.position(symbol);
    if (Math.abs(position) <= EPS) {
      this.settle(symbol, ops);
      return ok(null);
    }
    const closing = ops.close(symbol, position);
    if (!closing.ok) {
      this.armed.delete(symbol);
      return closing;
    }
    state.closing.add(closing.value.clientOrderId);
    return closing;
  }

  /** The trader placed a new order in the symbol: flatten's job there is over. */
  disarm(symbol: Symbol): void {
    this.armed.delete(symbol);
  }

  /** After any change to an order in an armed symbol. */
  react(order: Order, ops: FlattenOps): void {
    if (this.armed.has(order.symbol)) this.settle(order.symbol, ops);
  }

  private settle(symbol: Symbol, ops: FlattenOps): void {
    const state = this.armed.get(symbol);
    if (!state) return;
    const live = ops.liveOrders(symbol);
    for (const order of live) if (!state.closing.has(order.clientOrderId)) ops.cancel(order);
    if (live.length > 0) return;
    const position = ops.position(symbol);
    if (Math.abs(position) <= EPS || state.rounds >= MAX_RESIDUAL_ROUNDS) {
      this.armed.delete(symbol);
      return;
    }
    state.rounds += 1;
    const closing = ops.close(symbol, position);
    if (closing.ok) state.closing.add(closing.value.clientOrderId);
    else this.armed.delete(symbol);
  }
}
