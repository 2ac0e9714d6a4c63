// The rebalance on the live trading core: sends the (edited) orders on the ticket's order path and cancels a basket's working orders.
import { basketOf, submitRebalance, type RebalanceOrderLine, type RebalanceSendError, type RebalanceSubmission } from '../../core/portfolio/rebalanceSubmission';
import type { Result } from '../../core/model/result';
import type { OmsError } from '../../core/trading/omsTypes';
import type { BasketCancellation } from '../../shared/contracts/portfolio';
import type { TradingService } from '../trading/tradingService';

export interface RebalanceOrders {
  send(lines: readonly RebalanceOrderLine[], options: { basket: boolean; timeInForce: 'DAY' | 'GTC' }): Promise<Result<RebalanceSubmission, RebalanceSendError>>;
  cancelBasket(basketId: string): Promise<BasketCancellation>;
}

/** Basket ids: the wall-clock instant in base 36 plus a counter, unique across restarts and within one millisecond. */
export function basketIds(now: () => number): () => string {
  let last = '';
  let seq = 0;
  return () => {
    const stamp = now().toString(36).toUpperCase();
    seq = stamp === last ? seq + 1 : 0;
    last = stamp;
    return `RB${stamp}${seq ? `-${seq}` : ''}`;
  };
}

export function rebalanceOrders(trading: TradingService, nextBasketId: () => string): RebalanceOrders {
  const oms = () => trading.core.oms;
  return {
    async send(lines, { basket, timeInForce }) {
      const desk = {
        instrument: (symbol: string) => trading.core.risk.book.symbol(symbol)?.instrument,
        submit: (request: Parameters<TradingService['core']['oms']['submit']>[0]) => oms().submit(request),
      };
      const result = submitRebalance(lines, desk, { timeInForce, basketId: basket ? nextBasketId() : null });
      // Persistence before transport, as for orders.submit: the reply leaves after the group commit that holds the orders.
      await oms().whenDurable();
      return result;
    },
    async cancelBasket(basketId) {
      const canceled: string[] = [];
      const skipped: { clientOrderId: string; error: OmsError }[] = [];
      for (const order of oms().workingOrders()) {
        if (basketOf(order) !== basketId || order.status === 'PendingCancel') continue;
        const r = oms().cancel(order.clientOrderId);
        if (r.ok) canceled.push(order.clientOrderId);
        else skipped.push({ clientOrderId: order.clientOrderId, error: r.error });
      }
      await oms().whenDurable();
      return { basketId, canceled, skipped };
    },
  };
}
