// Bracket orders: every leg validated before the entry goes out; exits activated when the entry is done with fills, kept one-cancels-other by sizing both to the unprotected quantity.
import type { ClientOrderId } from '../model/ids';
import { isOnIncrement, roundToIncrement, type Instrument } from '../model/instrument';
import { err, ok, type Result } from '../model/result';
import { isTerminal, type BracketExits, type BracketRequest, type ExitTimeInForce, type Order, type OrderType, type TimeInForce } from '../model/order';
import type { BracketLeg, OmsError } from './omsTypes';
import { orderShapeDenial } from './risk/orderShape';

/** An exit priced beyond this factor of the entry's price (or the market's) is a typo, not a plan (1e308, a price ×10). */
export const BRACKET_EXIT_MAX_FACTOR = 3;

/** Exits take the entry's time in force; an IOC/FOK entry's exits rest for the DAY. */
export const exitTimeInForceFor = (entry: TimeInForce): ExitTimeInForce => (entry === 'GTC' ? 'GTC' : 'DAY');

/**
 * Validates every leg of a bracket before its entry may be sent, so a filled entry can never be left
 * without its exits. Each exit price must be a finite positive price on the instrument's tick (float
 * dust within the tick tolerance is normalized away; a price truly between ticks is REFUSED, not
 * rounded: moving a stop by a tick the trader did not choose is itself a surprise, and the entry's
 * own off-tick price is refused the same way), within BRACKET_EXIT_MAX_FACTOR of the entry's price
 * (its limit, else its stop, else `marketPrice`), and the exit order it becomes must pass the same
 * order-shape checks as any order. The first bad leg is named in the refusal.
 */
export function validateBracket(request: BracketRequest, instrument: Pick<Instrument, 'tickSize' | 'lotSize'>, marketPrice: number): Result<BracketExits, OmsError> {
  const { entry } = request;
  const exitTimeInForce = request.exitTimeInForce ?? exitTimeInForceFor(entry.timeInForce);
  const reference = entry.limitPrice ?? entry.stopPrice ?? marketPrice;
  // Each leg is shape-checked as the order carrying its price (the stop-loss's limit as a limit price).
  const legs: [BracketLeg, number | undefined, OrderType][] = [
    ['TAKE_PROFIT', request.takeProfitPrice, 'LIMIT'],
    ['STOP_LOSS', request.stopLossPrice, 'STOP'],
    ['STOP_LOSS_LIMIT', request.stopLossLimitPrice, 'LIMIT'],
  ];
  const prices = new Map<BracketLeg, number>();
  for (const [leg, price, type] of legs) {
    if (price === undefined) continue;
    if (!(price > 0) || !Number.isFinite(price)) return err({ code: 'INVALID_BRACKET_LEG', leg, denial: { code: 'PRICE_NOT_USABLE', price } });
    if (reference > 0 && (price > reference * BRACKET_EXIT_MAX_FACTOR || price < reference / BRACKET_EXIT_MAX_FACTOR)) {
      return err({ code: 'INVALID_BRACKET_LEG', leg, denial: { code: 'PRICE_OUTSIDE_BAND', price, referencePrice: reference, maxFactor: BRACKET_EXIT_MAX_FACTOR } });
    }
    if (!isOnIncrement(price, instrument.tickSize)) return err({ code: 'INVALID_BRACKET_LEG', leg, denial: { code: 'PRICE_NOT_ON_TICK', price, tickSize: instrument.tickSize } });
    const normalized = roundToIncrement(price, instrument.tickSize);
    const shape = orderShapeDenial(instrument, type, exitTimeInForce, entry.quantity, type === 'LIMIT' ? normalized : null, type === 'STOP' ? normalized : null);
    if (shape !== null) return err({ code: 'INVALID_BRACKET_LEG', leg, denial: shape });
    prices.set(leg, normalized);
  }
  const takeProfitPrice = prices.get('TAKE_PROFIT') as number;
  const stopLossPrice = prices.get('STOP_LOSS') as number;
  const buy = entry.side === 'BUY';
  const reason =
    buy !== takeProfitPrice > stopLossPrice
      ? 'TAKE_PROFIT_NOT_BEYOND_STOP_LOSS'
      : entry.limitPrice !== undefined && (buy ? !(takeProfitPrice > entry.limitPrice && stopLossPrice < entry.limitPrice) : !(takeProfitPrice < entry.limitPrice && stopLossPrice > entry.limitPrice))
        ? 'EXITS_NOT_AROUND_ENTRY'
        : null;
  if (reason) return err({ code: 'INVALID_BRACKET', takeProfitPrice, stopLossPrice, reason });
  return ok({ takeProfitPrice, stopLossPrice, stopLossLimitPrice: prices.get('STOP_LOSS_LIMIT') ?? null, exitTimeInForce });
}

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

  /** Whether any bracket has exits (lets a fill skip looking for exits to cancel). */
  get hasExits(): boolean {
    return this.exits.size > 0;
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
