// Test helpers: start the fake gateway in-process and drive the real @stoqey/ib IBApi against it, event by event.
import { EventName, IBApi, type Contract, type Order } from '@stoqey/ib';
import { startFakeGateway, type FakeGateway, type FakeGatewayEvent, type FakeGatewayOptions } from '../../../src/main/venues/ib/fake-gateway';

export const WAIT_MS = 10_000;

export const AAPL: Contract = { symbol: 'AAPL', secType: 'STK' as Contract['secType'], exchange: 'SMART', currency: 'USD' };
export const ES: Contract = { symbol: 'ES', secType: 'FUT' as Contract['secType'], exchange: 'CME', currency: 'USD', lastTradeDateOrContractMonth: '20261218' };

/** Any predicate over an event's arguments, typed by the caller (`(id: number, status: string) => …`). */
export type ArgsPredicate = (...args: never[]) => boolean;

export interface RecordedEvent {
  readonly name: string;
  readonly args: unknown[];
}

/** Every event the client emits, in order, with a way to wait for the next one that matches. */
export class Recorder {
  readonly events: RecordedEvent[] = [];
  private waiters: Array<{ match: (e: RecordedEvent) => boolean; resolve: (e: RecordedEvent) => void }> = [];

  constructor(emitter: { on(event: string, listener: (...args: unknown[]) => void): unknown }) {
    emitter.on(EventName.all, (...all: unknown[]) => {
      const [name, args] = all as [string, unknown[]];
      const event = { name, args };
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  /** Resolves with the first recorded event (from index `from`) that matches, waiting if needed. */
  waitFor(name: string, predicate: ArgsPredicate = () => true, options: { from?: number; timeoutMs?: number } = {}): Promise<unknown[]> {
    const match = (e: RecordedEvent) => e.name === name && predicate(...(e.args as never[]));
    const seen = this.events.slice(options.from ?? 0).find(match);
    if (seen) return Promise.resolve(seen.args);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out waiting for ${name}; recent events: ${this.describe(15)}`));
      }, options.timeoutMs ?? WAIT_MS);
      const done = (e: RecordedEvent) => {
        clearTimeout(timer);
        resolve(e.args);
      };
      this.waiters.push({ match, resolve: done });
    });
  }

  all(name: string): unknown[][] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  mark(): number {
    return this.events.length;
  }

  /** Error codes the client reported (error and info events). */
  codes(): number[] {
    return this.events.filter((e) => e.name === EventName.error || e.name === EventName.info).map((e) => e.args[1] as number);
  }

  describe(last: number): string {
    return this.events
      .slice(-last)
      .map((e) => `${e.name}(${e.args.map((a) => (a instanceof Error ? a.message : JSON.stringify(a))).join(', ')})`)
      .join('; ');
  }
}

export interface ConnectedClient {
  readonly ib: IBApi;
  readonly rec: Recorder;
  readonly firstId: number;
}

/** Host, port and client id always explicit: no environment can point a test at a real gateway. */
export async function connectClient(gateway: FakeGateway, clientId: number): Promise<ConnectedClient> {
  const ib = new IBApi({ host: gateway.host, port: gateway.port, clientId });
  const rec = new Recorder(ib);
  const idPromise = rec.waitFor(EventName.nextValidId);
  ib.connect();
  const [firstId] = (await idPromise) as [number];
  return { ib, rec, firstId };
}

export async function reconnect(client: ConnectedClient): Promise<number> {
  const from = client.rec.mark();
  const idPromise = client.rec.waitFor(EventName.nextValidId, () => true, { from });
  client.ib.connect();
  const [id] = (await idPromise) as [number];
  return id;
}

export function startGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  return startFakeGateway({ seed: 42, tickIntervalMs: 0, ...options });
}

/** Resolves on the first gateway event that matches. */
export function gatewayEvent(gateway: FakeGateway, predicate: (e: FakeGatewayEvent) => boolean, timeoutMs = WAIT_MS): Promise<FakeGatewayEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for a gateway event'));
    }, timeoutMs);
    const off = gateway.on((e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

export const order = (o: Partial<Order> & Pick<Order, 'action' | 'orderType' | 'totalQuantity'>): Order => ({ transmit: true, ...o });

/** orderStatus args: id, status, filled, remaining, avgFillPrice, permId, parentId, lastFillPrice, clientId, whyHeld. */
export const statusIs = (orderId: number, status: string) => (id: number, s: string) => id === orderId && s === status;

export const errorCode = (id: number, code: number) => (_e: Error, c: number, reqId: number) => c === code && reqId === id;
