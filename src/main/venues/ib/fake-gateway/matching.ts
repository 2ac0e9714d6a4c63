// Owns the pure matching rules: when a stop triggers and at what price an order can trade against a quote.
import type { FakeOrder, Quote } from './types';

type Matchable = Pick<FakeOrder, 'action' | 'orderType' | 'lmtPrice' | 'auxPrice' | 'triggered'>;

/** Stops trigger on the last trade: a BUY stop at or above its stop price, a SELL stop at or below. */
export function stopTriggered(order: Matchable, quote: Quote): boolean {
  if (order.orderType !== 'STP' && order.orderType !== 'STP LMT') return false;
  const stop = order.auxPrice;
  if (stop === undefined) return false;
  return order.action === 'BUY' ? quote.last >= stop : quote.last <= stop;
}

/**
 * The price this order trades at now, or undefined if it cannot. Market (and triggered stop) orders
 * take the touch. A limit order that is marketable on arrival takes the touch (price improvement);
 * a resting limit order that the market moves through fills at its limit, as the passive side would.
 */
export function executablePrice(order: Matchable, quote: Quote, arriving: boolean): number | undefined {
  const touch = order.action === 'BUY' ? quote.ask : quote.bid;
  switch (order.orderType) {
    case 'MKT':
      return touch;
    case 'STP':
      return order.triggered ? touch : undefined;
    case 'LMT':
      return limitPrice(order, touch, arriving);
    case 'STP LMT':
      return order.triggered ? limitPrice(order, touch, arriving) : undefined;
    default: {
      const unreachable: never = order.orderType;
      throw new Error(`unknown order type ${String(unreachable)}`);
    }
  }
}

function limitPrice(order: Matchable, touch: number, arriving: boolean): number | undefined {
  const limit = order.lmtPrice;
  if (limit === undefined) return undefined;
  const crosses = order.action === 'BUY' ? touch <= limit : touch >= limit;
  if (!crosses) return undefined;
  return arriving ? touch : limit;
}
