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
  /**
   * Persistence before transport, for every order command: the reply is taken when the command runs
   * (what it did, not what happened after) and released only after the group commit that holds it.
   * If the commit fails the call fails (JOURNAL_FAILED) and the client was told nothing.
   */
  const durably =
    <I, O>(command: (input: I) => O) =>
    async (input: I): Promise<O> => {
      const reply = command(input);
      await oms().whenDurable();
      return reply;
    };
  /** Queries wait for what is pending too, so they do not show what a crash could still take back. */
  const settled =
    <I, O>(query: (input: I) => O) =>
    async (input: I): Promise<O> => {
      await oms().whenDurable();
      return query(input);
    };
  return {
    'orders.submit': durably((request) => {
      const result = oms().submit(request);
      return result.ok ? ok(copy(result.value)) : result;
    }),
    'orders.submitBracket': durably((request) => {
      const result = oms().submitBracket(request);
      return result.ok ? ok(copy(result.value)) : result;
    }),
    'orders.modify': durably(({ clientOrderId, ...modification }) => {
      const result = oms().modify(clientOrderId, modification);
      return result.ok ? ok(copy(result.value)) : result;
    }),
    'orders.cancel': durably(({ clientOrderId }) => {
      const result = oms().cancel(clientOrderId);
      return result.ok ? ok(copy(result.value)) : result;
    }),
    'orders.cancelAll': durably(({ symbol }) => oms().cancelAll(symbol)),
    'orders.list': settled(({ scope }) => (scope === 'working' ? oms().workingOrders() : oms().orders()).map(copy)),
    // Fills are collected from released events: durable already.
    'fills.list': async ({ limit }) => recentFills().slice(-(limit ?? 1_000)),
    'positions.list': settled(() => trading.core.positions.positions()),
    'positions.flatten': durably(({ symbol }) => {
      const result = oms().flatten(symbol);
      return result.ok ? ok(result.value ? copy(result.value) : null) : result;
    }),
    'pnl.summary': settled(() => trading.core.positions.pnl()),
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
