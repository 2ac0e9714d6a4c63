// orders.*, fills.*, positions.* and pnl.* methods over the trading service. Denials return as Result values.
import type { Fill } from '../../core/model/fill';
import { err, ok } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { TradingService } from '../trading/tradingService';

type TradingHandlers = Pick<
  WorkstationApi,
  | 'orders.submit'
  | 'orders.submitBracket'
  | 'orders.modify'
  | 'orders.cancel'
  | 'orders.cancelAll'
  | 'orders.list'
  | 'fills.list'
  | 'positions.list'
  | 'positions.flatten'
  | 'pnl.summary'
  | 'venues.list'
  | 'venues.route'
>;

/** The OMS hands out its live objects: copy before they leave the process. */
const copy = <T extends object>(value: T): T => ({ ...value });

export function tradingHandlers(trading: TradingService, recentFills: () => readonly Fill[]): TradingHandlers {
  const oms = () => trading.core.oms;
  return {
    'orders.submit': async (request) => {
      const result = oms().submit(request);
      return result.ok ? ok(copy(result.value)) : result;
    },
    'orders.submitBracket': async (request) => {
      const result = oms().submitBracket(request);
      return result.ok ? ok(copy(result.value)) : result;
    },
    'orders.modify': async ({ clientOrderId, ...modification }) => {
      const result = oms().modify(clientOrderId, modification);
      return result.ok ? ok(copy(result.value)) : result;
    },
    'orders.cancel': async ({ clientOrderId }) => {
      const result = oms().cancel(clientOrderId);
      return result.ok ? ok(copy(result.value)) : result;
    },
    'orders.cancelAll': async ({ symbol }) => oms().cancelAll(symbol),
    'orders.list': async ({ scope }) => (scope === 'working' ? oms().workingOrders() : oms().orders()).map(copy),
    'fills.list': async ({ limit }) => recentFills().slice(-(limit ?? 1_000)),
    'positions.list': async () => trading.core.positions.positions(),
    'positions.flatten': async ({ symbol }) => {
      const result = oms().flatten(symbol);
      return result.ok ? ok(result.value ? copy(result.value) : null) : result;
    },
    'pnl.summary': async () => trading.core.positions.pnl(),
    'venues.list': async () => {
      const router = trading.core.router;
      return { venues: router.allVenues().map((v) => ({ name: v.name, default: v.name === router.defaultVenueName })) };
    },
    'venues.route': async ({ venue }) => {
      if (!trading.core.router.venue(venue)) return err({ code: 'UNKNOWN_VENUE' as const, venue });
      trading.core.router.setDefault(venue);
      return ok({ venue });
    },
  };
}
