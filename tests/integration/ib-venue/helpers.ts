// Test helpers: the real @stoqey/ib client inside our IbConnection/IbVenue against the in-process fake gateway, with event-driven waits.
import { startFakeGateway, type FakeGateway, type FakeGatewayOptions } from '../../../src/main/venues/ib/fake-gateway';
import { IbConnection, type IbConnectionOptions } from '../../../src/main/venues/ib/ibConnection';
import { IbRequests } from '../../../src/main/venues/ib/requests';
import { IbVenue, type IbVenueOptions } from '../../../src/main/venues/ib/ibVenue';
import type { VenueEvent, VenueOrder } from '../../../src/core/trading/venue';
import type { IbConnectionStatus } from '../../../src/shared/contracts/ib';

export const WAIT_MS = 15_000;

export function startGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  return startFakeGateway({ seed: 42, tickIntervalMs: 0, ...options });
}

/** Resolves when `predicate` holds for a value `subscribe` delivers (checked at once against `current` too). */
export function waitUntil<T>(subscribe: (listener: (value: T) => void) => () => void, predicate: (value: T) => boolean, describe: () => string, current?: T, timeoutMs = WAIT_MS): Promise<T> {
  if (current !== undefined && predicate(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out: ${describe()}`));
    }, timeoutMs);
    const off = subscribe((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

export interface VenueHarness {
  readonly gateway: FakeGateway;
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly venue: IbVenue;
  readonly events: VenueEvent[];
  readonly logs: string[];
  /** The first event (from index `from`) matching the predicate, waiting if needed. */
  event(predicate: (e: VenueEvent) => boolean, from?: number): Promise<VenueEvent>;
  state(predicate: (s: IbConnectionStatus) => boolean): Promise<IbConnectionStatus>;
  /** Connected and reconciled. */
  ready(): Promise<IbConnectionStatus>;
  eventsOf(clientOrderId: string): VenueEvent[];
  kinds(clientOrderId: string): string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly clientId?: number;
  readonly connection?: Partial<IbConnectionOptions>;
  readonly venue?: Partial<IbVenueOptions>;
  readonly connect?: boolean;
}

export async function venueHarness(gateway: FakeGateway, options: HarnessOptions = {}): Promise<VenueHarness> {
  const logs: string[] = [];
  const log = (level: string, message: string) => logs.push(`${level}: ${message}`);
  const connection = new IbConnection({
    profile: { name: 'fake', host: gateway.host, port: gateway.port, clientId: options.clientId ?? 7 },
    heartbeatIntervalMs: 250,
    heartbeatTimeoutMs: 5_000,
    backoffInitialMs: 50,
    backoffMaxMs: 400,
    log,
    ...options.connection,
  });
  const requests = new IbRequests(connection);
  const venue = new IbVenue({ connection, requests, log, commissionWaitMs: 2_000, ...options.venue });
  const events: VenueEvent[] = [];
  const eventListeners = new Set<(e: VenueEvent) => void>();
  venue.subscribe((e) => {
    events.push(e);
    for (const l of [...eventListeners]) l(e);
  });
  const subscribeEvents = (l: (e: VenueEvent) => void) => {
    eventListeners.add(l);
    return () => eventListeners.delete(l);
  };
  const h: VenueHarness = {
    gateway,
    connection,
    requests,
    venue,
    events,
    logs,
    event: (predicate, from = 0) => {
      const seen = events.slice(from).find(predicate);
      if (seen) return Promise.resolve(seen);
      return waitUntil(subscribeEvents, predicate, () => `venue event; have ${JSON.stringify(events.slice(-8))}; logs ${logs.slice(-8).join(' | ')}`);
    },
    state: (predicate) => waitUntil((l) => connection.onStatus(l), predicate, () => `connection state; now ${JSON.stringify(connection.status())}; logs ${logs.slice(-8).join(' | ')}`, connection.status()),
    ready: () => h.state((s) => s.state === 'connected'),
    eventsOf: (id) => events.filter((e) => e.clientOrderId === id),
    kinds: (id) => events.filter((e) => e.clientOrderId === id).map((e) => e.kind),
    close: async () => {
      connection.close();
      venue.close();
    },
  };
  if (options.connect !== false) {
    connection.connect();
    await h.ready();
  }
  return h;
}

let sequence = 0;
/** A fresh client order id in the OMS's format (C + 12 digits). */
export const nextClientOrderId = (): string => `C${String(++sequence).padStart(12, '0')}`;

export function venueOrder(o: Partial<VenueOrder> & Pick<VenueOrder, 'side' | 'type' | 'quantity'>): VenueOrder {
  return { clientOrderId: nextClientOrderId(), symbol: 'AAPL', timeInForce: 'DAY', limitPrice: null, stopPrice: null, ...o };
}
