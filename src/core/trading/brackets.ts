// Bracket orders: exits activated when the entry is done with fills, kept one-cancels-other by sizing both to the unprotected quantity.
import type { ClientOrderId } from '../model/ids';
import { isTerminal, type Order } from '../model/order';

export interface BracketOps {
  get(id: ClientOrderId): Order | undefined;
  /** Creates the take-profit and stop-loss for `quantity`. */
  activate(entry: Order, quantity: number): void;
  cancel(order: Order): void;
  modifyQuantity(order: Order, quantity: number): void;
}

interface Exits {
  takeProfit: ClientOrderId | null;
  stopLoss: ClientOrderId | null;
}

const EPS = 1e-9;

export class BracketManager {
  private readonly exits = new Map<ClientOrderId, Exits>();

  /** Links an exit to its entry (on creation and on replay). */
  register(order: Order): void {
    if (order.parentId === null || order.bracketRole === null || order.bracketRole === 'ENTRY') return;
    let exits = this.exits.get(order.parentId);
    if (!exits) this.exits.set(order.parentId, (exits = { takeProfit: null, stopLoss: null }));
    if (order.bracketRole === 'TAKE_PROFIT') exits.takeProfit = order.clientOrderId;
    else exits.stopLoss = order.clientOrderId;
  }

  exitsOf(entryId: ClientOrderId): Readonly<Exits> | undefined {
    return this.exits.get(entryId);
  }

  /**
   * Reacts to a change of any bracket member. Idempotent: it looks only at current state, so it
   * also repairs a bracket after a restart that fell between a fill and the reaction.
   */
  react(order: Order, ops: BracketOps): void {
    const entryId = order.bracketRole === 'ENTRY' ? order.clientOrderId : order.parentId;
    if (entryId === null || (order.bracketRole === null && order.bracket === null)) return;
    const entry = order.clientOrderId === entryId ? order : ops.get(entryId);
    if (!entry) return;
    const exits = this.exits.get(entryId);
    if (!exits) {
      if (isTerminal(entry.status) && entry.filledQuantity > EPS) ops.activate(entry, entry.filledQuantity);
      return;
    }
    const takeProfit = exits.takeProfit === null ? undefined : ops.get(exits.takeProfit);
    const stopLoss = exits.stopLoss === null ? undefined : ops.get(exits.stopLoss);
    const unprotected = entry.filledQuantity - (takeProfit?.filledQuantity ?? 0) - (stopLoss?.filledQuantity ?? 0);
    for (const exit of [takeProfit, stopLoss]) {
      // Pending requests are answered first; their answer brings us back here.
      if (!exit || (exit.status !== 'Accepted' && exit.status !== 'PartiallyFilled')) continue;
      if (unprotected <= EPS) ops.cancel(exit);
      else if (Math.abs(exit.quantity - (exit.filledQuantity + unprotected)) > EPS) ops.modifyQuantity(exit, exit.filledQuantity + unprotected);
    }
  }
}
