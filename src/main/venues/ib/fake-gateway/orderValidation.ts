// Owns the checks a placeOrder must pass before the fake accepts it, and the TWS error each failure maps to.
import { onTickGrid } from './instruments';
import type { FakeOrderType, InstrumentSpec, OrderAction, PlaceOrderRequest, TimeInForce } from './types';

export interface OrderRejection {
  /** 201 (rejected) or 110 (price not on the tick grid). */
  readonly code: 201 | 110;
  readonly message: string;
}

export interface ValidatedOrder {
  readonly action: OrderAction;
  readonly orderType: FakeOrderType;
  readonly tif: TimeInForce;
  readonly totalQuantity: number;
  readonly lmtPrice: number | undefined;
  readonly auxPrice: number | undefined;
}

const ORDER_TYPES: readonly FakeOrderType[] = ['MKT', 'LMT', 'STP', 'STP LMT'];
const TIFS: readonly TimeInForce[] = ['DAY', 'GTC', 'IOC', 'FOK'];

const reject = (reason: string): OrderRejection => ({ code: 201, message: `Order rejected - reason:${reason}` });

export function validateOrder(req: PlaceOrderRequest, instrument: InstrumentSpec): ValidatedOrder | OrderRejection {
  const action = req.action.toUpperCase();
  if (action !== 'BUY' && action !== 'SELL') return reject(`Invalid action ${JSON.stringify(req.action)}`);
  const orderType = req.orderType.toUpperCase().replace('STPLMT', 'STP LMT') as FakeOrderType;
  if (!ORDER_TYPES.includes(orderType)) return reject(`Unsupported order type ${JSON.stringify(req.orderType)}`);
  const tif = (req.tif === '' ? 'DAY' : req.tif.toUpperCase()) as TimeInForce;
  if (!TIFS.includes(tif)) return reject(`Unsupported time in force ${JSON.stringify(req.tif)}`);
  const qty = req.totalQuantity;
  if (qty === undefined || !(qty > 0)) return reject('The order quantity must be positive');
  if (!onTickGrid(qty, instrument.sizeIncrement)) return reject(`The order size is not a multiple of ${instrument.sizeIncrement}`);
  const needsLimit = orderType === 'LMT' || orderType === 'STP LMT';
  const needsStop = orderType === 'STP' || orderType === 'STP LMT';
  if (needsLimit && req.lmtPrice === undefined) return reject('Limit price is missing');
  if (needsStop && req.auxPrice === undefined) return reject('Stop price is missing');
  const lmtPrice = needsLimit ? req.lmtPrice : undefined;
  const auxPrice = needsStop ? req.auxPrice : undefined;
  for (const price of [lmtPrice, auxPrice]) {
    if (price !== undefined && !onTickGrid(price, instrument.minTick)) {
      return {
        code: 110,
        message: `The price does not conform to the minimum price variation for this contract (min tick ${instrument.minTick}).`,
      };
    }
  }
  return { action, orderType, tif, totalQuantity: qty, lmtPrice, auxPrice };
}

export function isRejection(v: ValidatedOrder | OrderRejection): v is OrderRejection {
  return 'code' in v;
}
