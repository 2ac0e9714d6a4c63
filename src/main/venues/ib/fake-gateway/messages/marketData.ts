// Owns the encoders for streaming market data: tickPrice (1), tickSize (2), tickSnapshotEnd (57).
import { IN } from '../../wire/messageIds';
import type { WireField } from '../../wire/frameCodec';
import type { Quote } from '../types';

/** IB tick type numbers the fake sends. */
export const TICK = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  VOLUME: 8,
} as const;

/** TICK_PRICE version 3: the client also emits the matching *_SIZE tick from the size field. */
export const tickPrice = (reqId: number, tickType: number, price: number, size: number): WireField[] => [IN.TICK_PRICE, 3, reqId, tickType, price, size, 0];

export const tickSize = (reqId: number, tickType: number, size: number): WireField[] => [IN.TICK_SIZE, 1, reqId, tickType, size];

export const tickSnapshotEnd = (reqId: number): WireField[] => [IN.TICK_SNAPSHOT_END, 1, reqId];

/** The frames one quote turns into: bid, ask, last (each with its size) and the day's volume. */
export function quoteFrames(reqId: number, q: Quote): WireField[][] {
  return [
    tickPrice(reqId, TICK.BID, q.bid, q.bidSize),
    tickPrice(reqId, TICK.ASK, q.ask, q.askSize),
    tickPrice(reqId, TICK.LAST, q.last, q.lastSize),
    tickSize(reqId, TICK.VOLUME, q.volume),
  ];
}
