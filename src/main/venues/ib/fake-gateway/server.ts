// Owns the fake IB Gateway process: the TCP listener, its sessions, shared state, routing of book events and the handle.
import { createServer, type Server, type Socket } from 'node:net';
import { InstrumentRegistry, DEFAULT_INSTRUMENTS } from './instruments';
import { Ledger } from './ledger';
import { MarketFeed } from './marketFeed';
import { MessageCounter } from './messageCounter';
import { OrderBook } from './orderBook';
import { handleRequest } from './requestHandlers';
import { createScript, type FakeGatewayScript } from './script';
import { GatewaySession } from './session';
import { connectionTimeText, executionTimeText, type TwsTimeStyle } from './timeFormat';
import { position } from './messages/account';
import { errorMessage, FARM_STATUS_NOTICES, managedAccounts, nextValidId } from './messages/connection';
import { commissionReport, execDetails } from './messages/executions';
import { quoteFrames } from './messages/marketData';
import { openOrder, orderStatus } from './messages/orders';
import type { BookEvent, ExecutionRecord, FakeOrder, InstrumentSpec, PositionRecord } from './types';

/** The only server version the fake speaks: @stoqey/ib 1.6.10's maximum. */
export const FAKE_SERVER_VERSION = 193;

export interface FakeGatewayOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Seeds the price walk, synthetic bars and permIds: same seed, same run. */
  readonly seed?: number;
  readonly account?: string;
  /** nextValidId for a client that has not placed anything yet. */
  readonly firstOrderId?: number;
  /** Market steps on a timer every this many ms; 0 (default) moves the market only when scripted. */
  readonly tickIntervalMs?: number;
  readonly instruments?: readonly InstrumentSpec[];
  readonly startingCash?: number;
  readonly initialPositions?: ReadonlyArray<{ readonly symbol: string; readonly quantity: number; readonly avgPrice: number }>;
  /** When set, more client messages than this in one second earn error 100, as IB enforces (50). */
  readonly pacingLimitPerSecond?: number;
  readonly clock?: () => number;
  /** The TWS session's zone, how the handshake names it and how execution times are written; UTC and zoned by default. */
  readonly timeStyle?: Partial<TwsTimeStyle>;
  /** openOrder carries the order's commission so far once it has fills (TWS does; off by default). */
  readonly commissionInOpenOrder?: boolean;
  /** Where log lines go besides the in-memory ring (gateway.logs()). */
  readonly log?: (line: string) => void;
}

export type FakeGatewayEvent =
  | { readonly type: 'connected'; readonly sessionId: number; readonly clientId: number }
  | { readonly type: 'disconnected'; readonly sessionId: number; readonly clientId: number | undefined; readonly reason: string }
  | { readonly type: 'message'; readonly sessionId: number; readonly clientId: number | undefined; readonly msgId: number };

export interface SessionInfo {
  readonly id: number;
  readonly clientId: number | undefined;
  readonly remote: string;
  readonly state: string;
  readonly stalled: boolean;
}

export interface FakeGateway {
  readonly host: string;
  readonly port: number;
  readonly script: FakeGatewayScript;
  readonly counts: MessageCounter;
  sessions(): SessionInfo[];
  orders(): readonly FakeOrder[];
  executions(): readonly ExecutionRecord[];
  positions(): PositionRecord[];
  logs(): readonly string[];
  /** Subscribe to connection and message events; returns an unsubscribe function. */
  on(listener: (event: FakeGatewayEvent) => void): () => void;
  close(): Promise<void>;
}

const LOG_RING = 2000;

export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const host = options.host ?? '127.0.0.1';
  const seed = (options.seed ?? 1) >>> 0;
  const account = options.account ?? 'DU123456';
  const firstOrderId = options.firstOrderId ?? 1;
  const clock = options.clock ?? (() => Date.now());
  const logLines: string[] = [];
  const log = (line: string) => {
    logLines.push(`${new Date(clock()).toISOString()} ${line}`);
    if (logLines.length > LOG_RING) logLines.splice(0, logLines.length - LOG_RING);
    options.log?.(line);
  };

  const registry = new InstrumentRegistry(options.instruments ?? DEFAULT_INSTRUMENTS);
  const feed = new MarketFeed(registry.all(), seed);
  const ledger = new Ledger(account, options.startingCash ?? 1_000_000);
  for (const p of options.initialPositions ?? []) {
    const i = registry.bySymbol(p.symbol);
    if (!i) throw new Error(`fake gateway: initial position in unknown symbol ${p.symbol}`);
    ledger.seed(i, p.quantity, p.avgPrice);
  }
  const counter = new MessageCounter();
  const sessions = new Map<number, GatewaySession>();
  const listeners = new Set<(e: FakeGatewayEvent) => void>();
  const notify = (e: FakeGatewayEvent) => {
    for (const l of listeners) l(e);
  };
  let duplicateCopies = 0;
  let nextValidIdOverride: { orderId: number; clientId: number | undefined } | undefined;
  let refusing = false;
  let nextSessionId = 1;
  const timeStyle: TwsTimeStyle = { zone: 'UTC', zoneName: 'iana', executionTimes: 'zoned', ...options.timeStyle };
  /** Live commission reports held back by the script (late reports), in arrival order. */
  let holdingCommissions = false;
  const heldCommissions: { clientId: number; execution: ExecutionRecord }[] = [];

  const ready = () => [...sessions.values()].filter((s) => s.ready);
  const ownedBy = (clientId: number) => ready().filter((s) => s.clientId === clientId);

  const routeBookEvent = (clientId: number, event: BookEvent) => {
    switch (event.kind) {
      case 'openOrder':
      case 'orderStatus': {
        const frame = event.kind === 'openOrder' ? openOrder(event.order, orderCommission(event.order)) : orderStatus(event.order);
        for (const s of ownedBy(clientId)) for (let n = 0; n <= duplicateCopies; n += 1) s.send(frame);
        return;
      }
      case 'execution':
        for (const s of ownedBy(clientId)) s.send(execDetails(-1, event.execution, executionTimeText(event.execution.time, timeStyle)));
        return;
      case 'commission':
        if (holdingCommissions) heldCommissions.push({ clientId, execution: event.execution });
        else for (const s of ownedBy(clientId)) s.send(commissionReport(event.execution));
        return;
      case 'orderError':
        for (const s of ownedBy(clientId)) s.send(errorMessage(event.orderId, event.code, event.message));
        return;
      case 'position':
        for (const s of ready()) if (s.positionsSubscribed) s.send(position(event.position));
        return;
      default: {
        const unreachable: never = event;
        throw new Error(`unrouted book event ${JSON.stringify(unreachable)}`);
      }
    }
  };

  const orderCommission = (order: FakeOrder): { amount: number; currency: string } | undefined => {
    if (!options.commissionInOpenOrder || order.filled <= 0) return undefined;
    const amount = book.allExecutions().reduce((sum, e) => (e.clientId === order.clientId && e.orderId === order.orderId ? sum + e.commission : sum), 0);
    return { amount, currency: order.instrument.currency };
  };

  const book = new OrderBook({ registry, feed, ledger, clock, emit: routeBookEvent, firstPermId: 1_000_000 + (seed % 1000) * 1000 + 1 });

  feed.onQuote((instrument, quote) => {
    for (const s of ready()) {
      if (s.marketDataSuspended) continue;
      for (const [reqId, subscribed] of s.marketData) {
        if (subscribed.conId === instrument.conId) for (const f of quoteFrames(reqId, quote)) s.send(f);
      }
    }
    book.onQuote(instrument);
  });

  const handlerContext = { book, feed, registry, ledger, clock, seed, firstOrderId, timeStyle, log };

  const onConnection = (socket: Socket) => {
    if (refusing) {
      log(`refusing connection from ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);
      socket.destroy();
      return;
    }
    const id = nextSessionId++;
    const session = new GatewaySession(id, socket, {
      serverVersion: FAKE_SERVER_VERSION,
      connectionTime: () => connectionTimeText(clock(), timeStyle),
      log,
      record: (s, msgId) => {
        const at = clock();
        counter.record({ msgId, clientId: s.clientId, sessionId: s.id, at });
        notify({ type: 'message', sessionId: s.id, clientId: s.clientId, msgId });
        const limit = options.pacingLimitPerSecond;
        if (limit !== undefined && s.ready) {
          const recent = counter.inLastWindow(at, 1000, { clientId: s.clientId });
          if (recent > limit) s.send(errorMessage(-1, 100, `Max rate of messages per second has been exceeded:max=${limit} rec=${recent}`));
        }
      },
      clientIdAvailable: (clientId, s) => !ready().some((other) => other !== s && other.clientId === clientId),
      onReady: (s) => greet(s),
      onRequest: (s, request) => handleRequest(handlerContext, s, request),
      onClosed: (s, reason) => {
        sessions.delete(s.id);
        log(`session ${s.id} (${s.label()}) closed: ${reason}`);
        notify({ type: 'disconnected', sessionId: s.id, clientId: s.clientId, reason });
      },
    });
    sessions.set(id, session);
    log(`session ${id}: connection from ${session.remote}`);
  };

  const greet = (s: GatewaySession) => {
    const clientId = s.clientId ?? 0;
    let orderId = book.nextValidId(clientId, firstOrderId);
    if (nextValidIdOverride && (nextValidIdOverride.clientId === undefined || nextValidIdOverride.clientId === clientId)) {
      orderId = nextValidIdOverride.orderId;
      nextValidIdOverride = undefined;
      log(`session ${s.id} (client ${clientId}): scripted nextValidId ${orderId}`);
    }
    s.send(managedAccounts([account]));
    s.send(nextValidId(orderId));
    for (const [code, text] of FARM_STATUS_NOTICES) s.send(errorMessage(-1, code, text));
    log(`session ${s.id}: client ${clientId} started the API`);
    notify({ type: 'connected', sessionId: s.id, clientId });
  };

  const server: Server = createServer(onConnection);
  server.on('error', (e) => log(`listener error: ${e.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  log(`fake IB Gateway listening on ${host}:${port} (server version ${FAKE_SERVER_VERSION}, seed ${seed})`);

  const ticker = options.tickIntervalMs && options.tickIntervalMs > 0 ? setInterval(() => feed.advance(1), options.tickIntervalMs) : undefined;

  const script = createScript({
    book,
    feed,
    registry,
    sessions: () => [...sessions.values()],
    setDuplicateCopies: (copies) => {
      duplicateCopies = copies;
    },
    setNextValidIdOverride: (override) => {
      nextValidIdOverride = override;
    },
    setRefusing: (on) => {
      refusing = on;
    },
    holdCommissions: (on) => {
      holdingCommissions = on;
    },
    releaseCommissions: (discard) => {
      const held = heldCommissions.splice(0);
      if (!discard) for (const { clientId, execution } of held) for (const s of ownedBy(clientId)) s.send(commissionReport(execution));
      log(`${discard ? 'discarded' : 'released'} ${held.length} held commission report(s)`);
      return held.length;
    },
    clock,
    log,
  });

  return {
    host,
    port,
    script,
    counts: counter,
    sessions: () => [...sessions.values()].map((s) => ({ id: s.id, clientId: s.clientId, remote: s.remote, state: s.state, stalled: s.stalled })),
    orders: () => book.all(),
    executions: () => book.allExecutions(),
    positions: () => ledger.positions(),
    logs: () => logLines,
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (ticker) clearInterval(ticker);
      for (const s of sessions.values()) s.close('gateway shutting down');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
