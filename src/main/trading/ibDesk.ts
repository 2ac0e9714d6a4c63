// Interactive Brokers inside the Workstation: the IB venue beside the simulated one (never the default until
// the trader routes to it), IB quotes into the trading core and onto the bus, IB history into the store.
import { reconcile } from '../../core/trading/recovery';
import type { Timeframe } from '../../core/model/marketData';
import type { IbConnectionStatus } from '../../shared/contracts/ib';
import type { MessageBus } from '../bus/messageBus';
import type { MarketStore } from '../storage/market/marketStore';
import type { SqliteJournal } from '../storage/journal/sqliteJournal';
import type { SystemLog } from '../systemLog';
import { highestIbOrderIdInJournal, IbService } from '../venues/ib';
import { publishIbConnection } from '../api/ibHandlers';
import type { TradingService } from './tradingService';

export const IB_VENUE = 'IB';

/** Built before the trading core, so journal replay finds the IB venue for IB orders. */
export function createIbService(journal: SqliteJournal, log: SystemLog): IbService {
  return new IbService({
    venueName: IB_VENUE,
    highestOrderId: () => highestIbOrderIdInJournal(journal.records(), IB_VENUE),
    log: (level, message) => log.write(level, 'ib', message),
  });
}

export class IbDesk {
  private readonly watched = new Map<string, () => void>();

  constructor(
    readonly service: IbService,
    private readonly trading: TradingService,
    private readonly bus: MessageBus,
    private readonly log: SystemLog,
  ) {
    publishIbConnection(service, (topic, status) => bus.publish(topic, status));
    let last: IbConnectionStatus['state'] | undefined;
    service.onStatus((status) => {
      // Every (re)connection: settle what the OMS does not know about its IB orders before trading on.
      if (status.state === 'connected' && last !== 'connected') void this.reconcileOrders();
      last = status.state;
    });
  }

  /** Learns each symbol's contract (tick, lot, currency), then streams its quotes to the trading core and the bus. */
  async watch(symbols: readonly string[]): Promise<{ watching: string[]; failed: { symbol: string; reason: string }[] }> {
    const failed: { symbol: string; reason: string }[] = [];
    for (const symbol of symbols) {
      if (this.watched.has(symbol)) continue;
      try {
        this.trading.core.addInstrument(await this.service.contracts.instrument(symbol));
      } catch (error) {
        failed.push({ symbol, reason: (error as Error).message });
        continue;
      }
      const stop = this.service.marketData.subscribe(symbol, (quote) => {
        this.trading.onQuote(quote);
        this.bus.publish(`market.quotes.${quote.symbol}`, quote);
      });
      this.watched.set(symbol, stop);
    }
    return { watching: [...this.watched.keys()], failed };
  }

  /** True once the symbol's IB quotes stream into the trading core. */
  isWatching(symbol: string): boolean {
    return this.watched.has(symbol);
  }

  async backfill(store: MarketStore, symbol: string, timeframe: Timeframe, duration: string): Promise<number> {
    return this.service.history.backfill(store, { symbol, timeframe, duration });
  }

  stop(): void {
    for (const stop of this.watched.values()) stop();
    this.service.disconnect();
  }

  private async reconcileOrders(): Promise<void> {
    try {
      const report = await reconcile(this.trading.core.oms, [IB_VENUE]);
      this.trading.core.oms.flush();
      this.log.info('ib', `reconciled: ${report.fillsRecovered} fills recovered, ${report.settled.length} orders settled, ${report.foreignOrders.length} orders placed elsewhere`);
    } catch (error) {
      this.log.error('ib', `reconciliation failed: ${(error as Error).message}`);
    }
  }
}
