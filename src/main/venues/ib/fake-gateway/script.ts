// Owns fault injection and scripted market/order behaviour: what a test can make the fake gateway do to its clients.
import { err, ok, type Result } from '../../../../core/model/result';
import { encodeFrame, encodeFrameBody, frameFromBody, FRAME_HEADER_BYTES, MAX_FRAME_BODY_BYTES, type WireField } from '../wire/frameCodec';
import { IN } from '../wire/messageIds';
import type { InstrumentRegistry } from './instruments';
import type { MarketFeed } from './marketFeed';
import type { ForceFillError, OrderBook } from './orderBook';
import type { GatewaySession } from './session';
import { CONNECTIVITY_NOTICES, errorMessage } from './messages/connection';
import type { ExecutionRecord, Quote } from './types';

/** Which connected clients a fault applies to; all ready sessions when omitted. */
export interface SessionFilter {
  readonly clientId?: number;
}

/**
 * Malformed frames, each as the client will see it:
 * - `truncated`: an orderStatus with too few fields → client error 505 (underrun).
 * - `extraFields`: a currentTime with one field too many → the currentTime event, then 505.
 * - `unknownMsgId`: message id 999 → 505 "No parser implementation".
 * - `badUtf8`: an info notice (2104) whose text has invalid UTF-8 → info with U+FFFD in it.
 * - `badUtf8MsgId`: invalid UTF-8 where the message id goes → 505.
 * - `hugeLength`: a length prefix of 2^31-1 followed by 16 MiB of filler → the client reports
 *   "exceeded max message length" and disconnects; the fake sends nothing more on that connection.
 * - `cutOff`: a frame header promising 100 bytes, 10 bytes, then the connection is cut.
 */
export type MalformedFrameKind = 'truncated' | 'extraFields' | 'unknownMsgId' | 'badUtf8' | 'badUtf8MsgId' | 'hugeLength' | 'cutOff';

export type ConnectivityCode = 1100 | 1101 | 1102;

export type FillOrderError = ForceFillError | { readonly code: 'AMBIGUOUS_ORDER_ID'; readonly orderId: number; readonly clientIds: number[] };

export interface FakeGatewayScript {
  /** Cut the TCP connections (server side); returns how many were dropped. */
  dropConnections(filter?: SessionFilter): number;
  /** Stop reading and answering (TCP stays up). */
  stall(filter?: SessionFilter): number;
  /** Process everything that piled up during a stall and carry on. */
  unstall(filter?: SessionFilter): number;
  /** Send info 1100 (lost), 1101 (restored, data lost) or 1102 (restored, data kept); 1100 pauses market data, 1101 also drops subscriptions. */
  sendConnectivity(code: ConnectivityCode, filter?: SessionFilter): number;
  /** The next START_API (of `clientId`, or any client) is greeted with this nextValidId instead of the true one. */
  reportNextValidIdOnce(orderId: number, clientId?: number): void;
  /** Fill a working order now, connected or not (the fill is recorded for reqExecutions / reqCompletedOrders). */
  fillOrder(args: { orderId: number; clientId?: number; quantity?: number; price?: number }): Result<ExecutionRecord, FillOrderError>;
  /** Matching passes of `orderId` fill these sizes, one slice per pass (arrival, market move, matchNow). */
  setFillPlan(orderId: number, sizes: readonly number[]): void;
  /** Give every working order one matching pass (releases the next fill-plan slice). */
  matchNow(): void;
  /** Each openOrder/orderStatus is sent 1 + `copies` times, as a real gateway sometimes does. */
  setDuplicateOrderMessages(copies: number): void;
  /** The next placeOrder is rejected with 201 and this reason. */
  rejectNextOrder(reason?: string): void;
  /** Cancel DAY orders as at the close; returns how many. */
  expireDayOrders(): number;
  setPrice(symbol: string, last: number): Quote;
  advanceMarket(steps?: number): void;
  quote(symbol: string): Quote;
  sendMalformed(kind: MalformedFrameKind, filter?: SessionFilter): number;
  /** Send any frame, for cases the named faults do not cover. */
  sendFrame(fields: readonly WireField[], filter?: SessionFilter): number;
  /** While on, new connections are accepted and immediately closed (gateway restarting). */
  refuseConnections(on: boolean): void;
  /**
   * While on, live commission reports are held back (late reports, as IB sends them); replies to
   * reqExecutions still carry theirs, as TWS resends them on reconciliation.
   */
  holdCommissionReports(on: boolean): void;
  /** Send the held reports now (to their client's current sessions), or drop them (lost with a connection); returns how many. */
  releaseCommissionReports(options?: { readonly discard?: boolean }): number;
}

export interface ScriptContext {
  readonly book: OrderBook;
  readonly feed: MarketFeed;
  readonly registry: InstrumentRegistry;
  sessions(): GatewaySession[];
  setDuplicateCopies(copies: number): void;
  setNextValidIdOverride(override: { orderId: number; clientId: number | undefined }): void;
  setRefusing(on: boolean): void;
  holdCommissions(on: boolean): void;
  releaseCommissions(discard: boolean): number;
  clock(): number;
  log(line: string): void;
}

export function createScript(ctx: ScriptContext): FakeGatewayScript {
  const targets = (filter: SessionFilter = {}) =>
    ctx.sessions().filter((s) => s.ready && (filter.clientId === undefined || s.clientId === filter.clientId));
  const each = (filter: SessionFilter | undefined, act: (s: GatewaySession) => void) => {
    const list = targets(filter);
    for (const s of list) act(s);
    return list.length;
  };
  const instrument = (symbol: string) => {
    const i = ctx.registry.bySymbol(symbol);
    if (!i) throw new Error(`fake gateway: unknown symbol ${symbol}`);
    return i;
  };

  return {
    dropConnections: (filter) => each(filter, (s) => s.close('script: drop connection')),
    stall: (filter) => each(filter, (s) => s.stall()),
    unstall: (filter) =>
      // A stalled session is still "ready"; unstall every matching one.
      each(filter, (s) => s.unstall()),
    sendConnectivity: (code, filter) =>
      each(filter, (s) => {
        s.send(errorMessage(-1, code, CONNECTIVITY_NOTICES[code]));
        s.marketDataSuspended = code === 1100;
        if (code === 1101) s.marketData.clear();
      }),
    reportNextValidIdOnce: (orderId, clientId) => ctx.setNextValidIdOverride({ orderId, clientId }),
    fillOrder: ({ orderId, clientId, quantity, price }) => {
      const owners = clientId !== undefined ? [clientId] : [...new Set(ctx.book.all().filter((o) => o.orderId === orderId).map((o) => o.clientId))];
      if (owners.length === 0) return err({ code: 'UNKNOWN_ORDER', orderId });
      if (owners.length > 1) return err({ code: 'AMBIGUOUS_ORDER_ID', orderId, clientIds: owners });
      const filled = ctx.book.forceFill(owners[0] as number, orderId, quantity, price);
      return filled.ok ? ok(filled.value) : filled;
    },
    setFillPlan: (orderId, sizes) => ctx.book.setFillPlan(orderId, sizes),
    matchNow: () => ctx.book.matchAll(),
    setDuplicateOrderMessages: (copies) => ctx.setDuplicateCopies(Math.max(0, Math.floor(copies))),
    rejectNextOrder: (reason = 'Scripted rejection') => ctx.book.rejectNextOrder(reason),
    expireDayOrders: () => ctx.book.expireDayOrders(),
    setPrice: (symbol, last) => ctx.feed.setLast(instrument(symbol), last),
    advanceMarket: (steps = 1) => ctx.feed.advance(steps),
    quote: (symbol) => ctx.feed.quote(instrument(symbol)),
    sendMalformed: (kind, filter) => each(filter, (s) => sendMalformed(s, kind, ctx.clock())),
    sendFrame: (fields, filter) => each(filter, (s) => s.send(fields)),
    refuseConnections: (on) => ctx.setRefusing(on),
    holdCommissionReports: (on) => ctx.holdCommissions(on),
    releaseCommissionReports: (options) => ctx.releaseCommissions(options?.discard === true),
  };
}

function sendMalformed(session: GatewaySession, kind: MalformedFrameKind, now: number): void {
  switch (kind) {
    case 'truncated':
      return session.send([IN.ORDER_STATUS, 1, 'Submitted']);
    case 'extraFields':
      return session.send([IN.CURRENT_TIME, 1, Math.floor(now / 1000), 'unexpected-extra-field']);
    case 'unknownMsgId':
      return session.send([999, 1, 2]);
    case 'badUtf8': {
      const body = Buffer.concat([encodeFrameBody([IN.ERR_MSG, 2, -1, 2104]), Buffer.from('Market data farm \xff\xfe broken', 'latin1'), Buffer.from([0]), encodeFrameBody([''])]);
      return session.sendRaw(frameFromBody(body));
    }
    case 'badUtf8MsgId':
      return session.sendRaw(frameFromBody(Buffer.concat([Buffer.from([0xff, 0xfe, 0]), encodeFrameBody([1, 2])])));
    case 'hugeLength': {
      const header = Buffer.alloc(FRAME_HEADER_BYTES);
      header.writeUInt32BE(0x7fffffff, 0);
      // More than the client will ever buffer, so it gives up on the stream instead of waiting forever.
      session.sendRaw(Buffer.concat([header, Buffer.alloc(MAX_FRAME_BODY_BYTES + 1, 0x78)]));
      session.poisoned = true;
      return;
    }
    case 'cutOff': {
      const frame = encodeFrame([IN.CURRENT_TIME, 1, Math.floor(now / 1000)]);
      const header = Buffer.alloc(FRAME_HEADER_BYTES);
      header.writeUInt32BE(100, 0);
      session.sendRaw(Buffer.concat([header, frame.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + 10)]));
      session.end('script: connection cut mid-frame');
      return;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown malformed frame kind ${String(unreachable)}`);
    }
  }
}
