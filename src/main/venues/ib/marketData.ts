// Streaming quotes from reqMktData: bid/ask/last ticks → Quote, re-subscribed after every reconnect and after 1101 (data lost).
import { EventName, type Contract } from '@stoqey/ib';
import type { Symbol } from '../../../core/model/instrument';
import type { Quote } from '../../../core/model/marketData';
import type { IbConnection, IbLog } from './ibConnection';
import type { ContractResolver } from './orderMapping';
import type { RequestIdSource } from './orderIds';
import { systemTimers, type PacingTimers } from './pacing';

/** IB tick types: live and their delayed twins. */
const PRICE_FIELD: Readonly<Record<number, 'bid' | 'ask' | 'last'>> = { 1: 'bid', 2: 'ask', 4: 'last', 66: 'bid', 67: 'ask', 68: 'last' };
const SIZE_FIELD: Readonly<Record<number, 'bidSize' | 'askSize' | 'volume'>> = { 0: 'bidSize', 3: 'askSize', 8: 'volume', 69: 'bidSize', 70: 'askSize', 74: 'volume' };

type QuoteListener = (quote: Quote) => void;

interface Line {
  readonly symbol: Symbol;
  readonly contract: Contract;
  reqId: number | null;
  readonly listeners: Set<QuoteListener>;
  quote: { bid: number; ask: number; last: number; bidSize: number; askSize: number; volume: number };
}

export interface IbMarketDataOptions {
  readonly connection: IbConnection;
  readonly requestIds: RequestIdSource;
  readonly resolveContract: ContractResolver;
  readonly timers?: PacingTimers;
  readonly log?: IbLog;
}

export class IbMarketData {
  private readonly lines = new Map<Symbol, Line>();
  private readonly byReqId = new Map<number, Line>();
  private readonly allListeners = new Set<QuoteListener>();
  private readonly timers: PacingTimers;
  private readonly log: IbLog;

  constructor(private readonly o: IbMarketDataOptions) {
    this.timers = o.timers ?? systemTimers;
    this.log = o.log ?? (() => undefined);
    const c = o.connection;
    c.on(EventName.tickPrice, (reqId: number, field: number, value: number) => this.onTick(reqId, PRICE_FIELD[field], value));
    c.on(EventName.tickSize, (reqId: number, field: number, value: number) => this.onTick(reqId, SIZE_FIELD[field], value));
    c.on(EventName.error, (error: Error, code: number, reqId: number) => {
      const line = this.byReqId.get(reqId);
      if (line) this.log('warn', `IB market data ${line.symbol} (req ${reqId}) ${code}: ${error?.message ?? ''}`);
    });
    c.onLifecycle((e) => {
      // A new session starts with no subscriptions; after 1101 TWS has dropped them too.
      if (e.kind === 'session' || e.dataLost) this.resubscribeAll();
    });
  }

  /** Quotes of one symbol; returns the unsubscribe function. */
  subscribe(symbol: Symbol, listener: QuoteListener): () => void {
    let line = this.lines.get(symbol);
    if (!line) {
      const contract = this.o.resolveContract(symbol);
      if (!contract) throw new Error(`no IB contract for ${symbol}`);
      line = { symbol, contract, reqId: null, listeners: new Set(), quote: { bid: 0, ask: 0, last: 0, bidSize: 0, askSize: 0, volume: 0 } };
      this.lines.set(symbol, line);
      this.request(line);
    }
    line.listeners.add(listener);
    const held = line;
    return () => {
      held.listeners.delete(listener);
      if (held.listeners.size === 0) this.drop(held);
    };
  }

  /** Every quote of every subscribed symbol (what the bus publishes). */
  onQuote(listener: QuoteListener): () => void {
    this.allListeners.add(listener);
    return () => this.allListeners.delete(listener);
  }

  symbols(): Symbol[] {
    return [...this.lines.keys()];
  }

  private request(line: Line): void {
    if (!this.o.connection.hasSession()) return; // the next session subscribes it
    const reqId = this.o.requestIds.next();
    if (line.reqId !== null) this.byReqId.delete(line.reqId);
    line.reqId = reqId;
    this.byReqId.set(reqId, line);
    this.o.connection.send('data', (ib) => ib.reqMktData(reqId, line.contract, '', false, false));
  }

  private drop(line: Line): void {
    this.lines.delete(line.symbol);
    const reqId = line.reqId;
    if (reqId === null) return;
    this.byReqId.delete(reqId);
    this.o.connection.send('data', (ib) => ib.cancelMktData(reqId));
  }

  private resubscribeAll(): void {
    for (const line of this.lines.values()) {
      line.reqId = null;
      this.request(line);
    }
  }

  private onTick(reqId: number, field: keyof Line['quote'] | undefined, value: number): void {
    const line = this.byReqId.get(reqId);
    if (!line || !field || !Number.isFinite(value)) return;
    // IB sends -1 for "no price"; sizes may be 0.
    if ((field === 'bid' || field === 'ask' || field === 'last') && !(value > 0)) return;
    if (value < 0) return;
    line.quote[field] = value;
    const q = line.quote;
    if (!(q.bid > 0 && q.ask > 0) && !(q.last > 0)) return;
    const quote: Quote = { symbol: line.symbol, time: this.timers.now(), ...q };
    for (const l of [...line.listeners, ...this.allListeners]) {
      try {
        l(quote);
      } catch (e) {
        this.log('error', `IB quote listener failed for ${line.symbol}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
