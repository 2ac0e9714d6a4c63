// Fills (executions): the only thing that changes a position.
import type { EpochMs } from './clock';
import type { CurrencyCode, Symbol } from './instrument';
import type { AccountId, ClientOrderId, ExecutionId, VenueOrderId } from './ids';
import type { OrderSide } from './order';

export type Liquidity = 'MAKER' | 'TAKER';

export interface Fill {
  readonly executionId: ExecutionId;
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId: VenueOrderId;
  readonly account: AccountId;
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly commissionCurrency: CurrencyCode;
  readonly liquidity: Liquidity;
  readonly time: EpochMs;
}
