// Historical bars from reqHistoricalData → BarColumns for the market store, within IB's historical-data pacing rules.
import { EventName, type BarSizeSetting, type WhatToShow } from '@stoqey/ib';
import type { Symbol } from '../../../core/model/instrument';
import type { BarColumns, Timeframe } from '../../../core/model/marketData';
import type { IbConnection } from './ibConnection';
import { formatUtcDateTime, parseIbTime } from './ibTime';
import type { ContractResolver } from './orderMapping';
import { PacingLimiter, systemTimers, type PacingTimers } from './pacing';
import { IbRequestFailed, type IbRequests } from './requests';

export const IB_BAR_SIZE: Readonly<Record<Timeframe, string>> = { '1m': '1 min', '5m': '5 mins', '15m': '15 mins', '1h': '1 hour', '1D': '1 day' };

export interface HistoryRequest {
  readonly symbol: Symbol;
  readonly timeframe: Timeframe;
  /** IB duration string: "1 D", "2 W", "1 Y". */
  readonly duration: string;
  /** End of the window, epoch ms; now when omitted. */
  readonly end?: number;
  readonly whatToShow?: 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK' | 'BID_ASK';
  readonly regularHoursOnly?: boolean;
}

/** Where fetched bars go (MarketStore fits: writeBars(symbol, timeframe, bars, mode)). */
export interface BarSink {
  writeBars(symbol: string, timeframe: Timeframe, bars: BarColumns, mode?: 'append' | 'upsert'): Promise<unknown>;
}

interface RawBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * IB's historical pacing (error 162): no identical request within 15 s (we answer it from the
 * last result), at most 6 requests for one contract in 2 s and 60 in 10 minutes (we wait).
 */
export class IbHistory {
  private readonly overall: PacingLimiter;
  private readonly perContract = new Map<string, PacingLimiter>();
  private readonly recent = new Map<string, { at: number; result: Promise<BarColumns> }>();
  private readonly timers: PacingTimers;

  constructor(
    private readonly requests: IbRequests,
    private readonly connection: IbConnection,
    private readonly resolveContract: ContractResolver,
    timers?: PacingTimers,
  ) {
    this.timers = timers ?? systemTimers;
    this.overall = new PacingLimiter([{ maxMessages: 60, windowMs: 600_000 }], this.timers);
  }

  fetchBars(request: HistoryRequest): Promise<BarColumns> {
    const contract = this.resolveContract(request.symbol);
    if (!contract) return Promise.reject(new Error(`no IB contract for ${request.symbol}`));
    const end = request.end ?? this.timers.now();
    const key = JSON.stringify([request.symbol, request.timeframe, request.duration, request.whatToShow ?? 'TRADES', request.regularHoursOnly ?? false, request.end === undefined ? '' : end]);
    const now = this.timers.now();
    const cached = this.recent.get(key);
    if (cached && now - cached.at < 15_000) return cached.result;
    const result = this.paced(request.symbol).then(() => this.request(request, contract, request.end === undefined ? '' : formatUtcDateTime(end)));
    this.recent.set(key, { at: now, result });
    for (const [k, v] of this.recent) if (now - v.at >= 15_000) this.recent.delete(k);
    return result;
  }

  /** Fetches and stores; returns how many bars were written. */
  async backfill(sink: BarSink, request: HistoryRequest): Promise<number> {
    const bars = await this.fetchBars(request);
    if (bars.time.length > 0) await sink.writeBars(request.symbol, request.timeframe, bars, 'upsert');
    return bars.time.length;
  }

  private paced(symbol: Symbol): Promise<void> {
    let limiter = this.perContract.get(symbol);
    if (!limiter) this.perContract.set(symbol, (limiter = new PacingLimiter([{ maxMessages: 6, windowMs: 2_000 }], this.timers)));
    const contractGate = limiter;
    return new Promise((resolve, reject) => {
      contractGate.submit({ lane: 'data', drop: (r) => reject(new Error(r)), run: () => this.overall.submit({ lane: 'data', drop: (r) => reject(new Error(r)), run: () => resolve() }) });
    });
  }

  private request(request: HistoryRequest, contract: NonNullable<ReturnType<ContractResolver>>, endDateTime: string): Promise<BarColumns> {
    const bars: RawBar[] = [];
    return this.requests.run<BarColumns>({
      lane: 'data',
      name: `reqHistoricalData ${request.symbol} ${request.timeframe}`,
      timeoutMs: 60_000,
      listen: (reqId, finish) => [
        this.connection.on(EventName.historicalData, (id: number, time: string, open: number, high: number, low: number, close: number, volume: number) => {
          if (id !== reqId) return;
          if (time.startsWith('finished')) return finish(toColumns(bars));
          const t = parseIbTime(time);
          if (t === undefined || ![open, high, low, close].every((v) => Number.isFinite(v) && v > 0)) return;
          bars.push({ time: t, open, high, low, close, volume: Number.isFinite(volume) && volume >= 0 ? volume : 0 });
        }),
      ],
      send: (ib, reqId) =>
        ib.reqHistoricalData(reqId, contract, endDateTime, request.duration, IB_BAR_SIZE[request.timeframe] as BarSizeSetting, (request.whatToShow ?? 'TRADES') as WhatToShow, request.regularHoursOnly ?? false, 2, false),
    });
  }
}

function toColumns(bars: RawBar[]): BarColumns {
  bars.sort((a, b) => a.time - b.time);
  const unique = bars.filter((b, i) => i === 0 || b.time !== (bars[i - 1] as RawBar).time);
  const column = (pick: (b: RawBar) => number) => Float64Array.from(unique, pick);
  return { time: column((b) => b.time), open: column((b) => b.open), high: column((b) => b.high), low: column((b) => b.low), close: column((b) => b.close), volume: column((b) => b.volume) };
}

export { IbRequestFailed };
