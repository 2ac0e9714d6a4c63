// market.* methods: the instrument master, stored bars and the latest quotes.
import type { Instrument } from '../../core/model/instrument';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { LiveMarket } from '../market/liveMarket';
import type { MarketStore } from '../storage/market/marketStore';

type MarketHandlers = Pick<WorkstationApi, 'market.instruments' | 'market.bars' | 'market.quotes'>;

const DEFAULT_BAR_LIMIT = 5_000;

/** `store` reads bars: the Workstation passes SessionBars, the stored series extended by the live session. */
export function marketHandlers(store: Pick<MarketStore, 'readBars'>, live: LiveMarket, instruments: () => readonly Instrument[]): MarketHandlers {
  return {
    'market.instruments': async () => [...instruments()],
    'market.bars': async ({ symbol, timeframe, from, to, limit }) => {
      const bars = await store.readBars(symbol, timeframe, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      const keep = Math.min(bars.time.length, limit ?? DEFAULT_BAR_LIMIT);
      const start = bars.time.length - keep;
      const tail = (column: Float64Array) => Array.from(column.subarray(start));
      return { symbol, timeframe, time: tail(bars.time), open: tail(bars.open), high: tail(bars.high), low: tail(bars.low), close: tail(bars.close), volume: tail(bars.volume) };
    },
    'market.quotes': async ({ symbols }) => live.quotes(symbols),
  };
}
