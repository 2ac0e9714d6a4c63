// portfolio.sendRebalance and portfolio.cancelBasket: a previewed rebalance goes out through the OMS (see rebalanceOrders).
import type { WorkstationApi } from '../../shared/contracts/api';
import type { RebalanceOrders } from '../portfolio/rebalanceOrders';

type PortfolioOrderHandlers = Pick<WorkstationApi, 'portfolio.sendRebalance' | 'portfolio.cancelBasket'>;

export function portfolioOrderHandlers(orders: RebalanceOrders): PortfolioOrderHandlers {
  return {
    'portfolio.sendRebalance': async ({ orders: lines, basket, timeInForce }) => orders.send(lines, { basket, timeInForce }),
    'portfolio.cancelBasket': async ({ basketId }) => orders.cancelBasket(basketId),
  };
}
