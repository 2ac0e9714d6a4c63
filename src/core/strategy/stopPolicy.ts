// What stopping a strategy does to its book, per its policy: FLATTEN cancels its working orders and closes its
// positions at market; HOLD cancels its working orders and keeps its positions; REDUCE_ONLY keeps only the working
// orders that shrink a position (exits, stops) and cancels the rest.
import type { ClientOrderId } from '../model/ids';
import { remainingQuantity, type Order, type OrderRequest } from '../model/order';
import type { StopPolicy } from './deploymentLifecycle';

export interface StopPolicyActions {
  readonly cancel: readonly ClientOrderId[];
  /** Market orders closing the strategy's own positions (FLATTEN only). */
  readonly close: readonly OrderRequest[];
}

export interface StrategyPosition {
  readonly symbol: string;
  /** Signed quantity held by the strategy itself (not the account). */
  readonly quantity: number;
}

export function stopPolicyActions(policy: StopPolicy, working: readonly Readonly<Order>[], positions: readonly StrategyPosition[]): StopPolicyActions {
  switch (policy) {
    case 'FLATTEN':
      return {
        cancel: working.map((o) => o.clientOrderId),
        close: positions
          .filter((p) => p.quantity !== 0)
          .map((p) => ({ symbol: p.symbol, side: p.quantity > 0 ? 'SELL' : 'BUY', type: 'MARKET', quantity: Math.abs(p.quantity), timeInForce: 'DAY', tag: 'strategy stopped: flatten' }) satisfies OrderRequest),
      };
    case 'HOLD':
      return { cancel: working.map((o) => o.clientOrderId), close: [] };
    case 'REDUCE_ONLY': {
      const held = new Map(positions.map((p) => [p.symbol, p.quantity]));
      const cancel = working
        .filter((o) => {
          const position = held.get(o.symbol) ?? 0;
          const reduces = (o.side === 'SELL' && position > 0) || (o.side === 'BUY' && position < 0);
          return !(reduces && remainingQuantity(o) <= Math.abs(position) + 1e-9);
        })
        .map((o) => o.clientOrderId);
      return { cancel, close: [] };
    }
    default:
      return policy satisfies never;
  }
}
