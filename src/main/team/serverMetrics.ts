// The server's Prometheus metrics (prom-client, one registry per server): order requests and their outcomes, denials
// by code, venue rejections, the order path's latency, engine health, bus depth, connected clients and the sync's lag.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineHealth } from '../../shared/contracts/engines';
import type { SyncStatus } from '../../shared/contracts/sync';
import type { CallReply } from '../../shared/contracts/wire';
import type { Dispatch } from '../api/dispatcher';
import type { MessageBus } from '../bus/messageBus';
import { FORWARDING_FAILURES, type ForwardingStatus } from './primaryForwarding';
import type { FanoutStatus } from './streamFanout';

/** The methods that are the order path: each is timed from the call's arrival to its answer. */
export const ORDER_PATH_METHODS: ReadonlySet<string> = new Set([
  'orders.submit',
  'orders.submitBracket',
  'orders.modify',
  'orders.cancel',
  'orders.cancelAll',
  'positions.flatten',
]);

/** How an order request ended: placed, refused by a business rule (risk, state), malformed, or failed in the server. */
export type OrderOutcome = 'accepted' | 'denied' | 'invalid' | 'failed';

/** Seconds: the order path is sub-millisecond when healthy; the alert fires above 0.5. */
const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Rejected order ids remembered to count each once (oldest forgotten first: memory stays bounded). */
const REJECTED_REMEMBERED = 10_000;

export interface ServerMetricsSources {
  engines(): readonly EngineHealth[];
  busDepth(): number;
  connectedClients(): number;
  /** The sync to the shared record; its gauges are absent while it is off. */
  sync(): Pick<SyncStatus, 'state' | 'pending' | 'lagMs' | 'workstationId'>;
  /** The Redis Streams fan-out; its metrics are absent while this server takes no part in one. */
  fanout?(): FanoutStatus | null;
  /** A replica's forwarding to the primary; its metrics are absent on a server without one. */
  forwarding?(): ForwardingStatus | null;
}

/** A reply's outcome and, for a refusal, its code. A business refusal is a successful call carrying a failed Result. */
export function orderOutcome(reply: CallReply): { outcome: OrderOutcome; code?: string } {
  if (!reply.ok) {
    const code = reply.error.code;
    if (code === 'VALIDATION_FAILED') return { outcome: 'invalid', code };
    return { outcome: code === 'FORBIDDEN' ? 'denied' : 'failed', code };
  }
  const value = reply.value as { ok?: unknown; error?: { code?: unknown } } | null;
  if (value !== null && typeof value === 'object' && value.ok === false) {
    return { outcome: 'denied', code: typeof value.error?.code === 'string' ? value.error.code : 'UNKNOWN' };
  }
  return { outcome: 'accepted' };
}

/** The fan-out's gauges and counters, read from its status at each scrape (labelled by this server's role). */
function registerFanoutMetrics(registers: Registry[], status: () => FanoutStatus | null): void {
  const gauge = (name: string, help: string, value: (s: FanoutStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['role'],
      registers,
      collect() {
        this.reset();
        const s = status();
        if (s !== null) this.set({ role: s.role }, value(s));
      },
    });
  // Totals since the server started, kept by the fan-out itself and copied at each scrape.
  const counter = (name: string, help: string, value: (s: FanoutStatus) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['role'],
      registers,
      collect() {
        this.reset();
        const s = status();
        if (s !== null) this.inc({ role: s.role }, value(s));
      },
    });
  gauge('nautilus_fanout_redis_up', 'Whether Redis, which carries the team fan-out stream, answers (1) or not (0)', (s) => (s.redisUp ? 1 : 0));
  counter('nautilus_fanout_entries_total', 'Stream entries this server appended (primary) or relayed to its clients (replica)', (s) => s.entries);
  counter('nautilus_fanout_duplicates_total', 'Stream entries a replica saw again after a publisher resend and skipped', (s) => s.duplicates);
  counter('nautilus_fanout_malformed_total', 'Stream entries a replica refused (logged with their stream id) and skipped', (s) => s.malformed);
  counter('nautilus_fanout_dropped_total', 'Events the primary dropped because its backlog was full while Redis was away', (s) => s.dropped);
  gauge('nautilus_fanout_backlog', 'Events the primary holds while Redis is away', (s) => s.backlog);
  gauge('nautilus_fanout_lag_seconds', 'Delay from the primary appending the newest relayed entry to this replica relaying it', (s) => s.lagMs / 1000);
}

/** A replica's forwarding, read from its status at each scrape: calls sent on, its own failures by code, the primary's reachability. */
function registerForwardingMetrics(registers: Registry[], status: () => ForwardingStatus | null): void {
  new Counter({
    name: 'nautilus_forwarded_calls_total',
    help: 'Calls this replica sent on to the primary (each user on a link of their own)',
    registers,
    collect() {
      this.reset();
      const s = status();
      if (s !== null) this.inc(s.forwarded);
    },
  });
  new Counter({
    name: 'nautilus_forward_failures_total',
    help: 'Forwarded calls without the primary\'s answer: PRIMARY_UNAVAILABLE (not sent, or a read whose answer was lost), PRIMARY_OUTCOME_UNKNOWN (a change whose answer was lost), PRIMARY_BAD_REPLY',
    labelNames: ['code'],
    registers,
    collect() {
      this.reset();
      const s = status();
      if (s !== null) for (const code of FORWARDING_FAILURES) this.inc({ code }, s.failures[code]);
    },
  });
  new Gauge({
    name: 'nautilus_primary_up',
    help: 'Whether the primary this replica forwards to answered its latest contact (1) or not (0)',
    registers,
    collect() {
      this.reset();
      const s = status();
      if (s !== null) this.set(s.up === true ? 1 : 0);
    },
  });
}

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'outcome'>;
  private readonly denials: Counter<'method' | 'code'>;
  private readonly rejections: Counter;
  private readonly fills: Counter;
  private readonly breaches: Counter;
  private readonly latency: Histogram<'method'>;
  private readonly unsubscribe: () => void;

  constructor(bus: MessageBus, sources: ServerMetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'nautilus_' });
    this.requests = new Counter({ name: 'nautilus_order_requests_total', help: 'Order requests by method and outcome', labelNames: ['method', 'outcome'], registers });
    this.denials = new Counter({ name: 'nautilus_order_denials_total', help: 'Order requests refused, by method and code (risk denials, invalid transitions, validation)', labelNames: ['method', 'code'], registers });
    this.rejections = new Counter({ name: 'nautilus_order_rejections_total', help: 'Orders the venue rejected (their reasons are free text: see the log)', registers });
    this.fills = new Counter({ name: 'nautilus_fills_total', help: 'Fills received', registers });
    this.breaches = new Counter({ name: 'nautilus_risk_breaches_total', help: 'Risk limit breaches recorded', registers });
    this.latency = new Histogram({ name: 'nautilus_order_path_seconds', help: 'Order path latency: request received to answer (validation, risk, journal, venue)', labelNames: ['method'], buckets: LATENCY_BUCKETS, registers });
    new Gauge({
      name: 'nautilus_engine_up',
      help: 'Whether each engine is up (1) or not (0)',
      labelNames: ['engine', 'state'],
      registers,
      collect() {
        this.reset();
        for (const e of sources.engines()) this.set({ engine: e.name, state: e.state }, e.state === 'up' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'nautilus_engine_restarts',
      help: 'Restarts of each engine since the server started',
      labelNames: ['engine'],
      registers,
      collect() {
        this.reset();
        for (const e of sources.engines()) this.set({ engine: e.name }, e.restarts);
      },
    });
    new Gauge({ name: 'nautilus_bus_depth', help: 'Messages published on the backend bus and not yet delivered', registers, collect() { this.set(sources.busDepth()); } });
    new Gauge({
      name: 'nautilus_sync_lag_seconds',
      help: 'Age of the oldest outbox entry not yet in the shared PostgreSQL record (0 when all is pushed)',
      labelNames: ['workstation'],
      registers,
      collect() {
        this.reset();
        const sync = sources.sync();
        if (sync.state !== 'off') this.set({ workstation: sync.workstationId }, sync.lagMs / 1000);
      },
    });
    new Gauge({
      name: 'nautilus_sync_pending',
      help: 'Outbox entries not yet in the shared PostgreSQL record',
      labelNames: ['workstation'],
      registers,
      collect() {
        this.reset();
        const sync = sources.sync();
        if (sync.state !== 'off') this.set({ workstation: sync.workstationId }, sync.pending);
      },
    });
    registerFanoutMetrics(registers, () => sources.fanout?.() ?? null);
    registerForwardingMetrics(registers, () => sources.forwarding?.() ?? null);
    new Gauge({ name: 'nautilus_connected_clients', help: 'WebSocket clients connected to the API', registers, collect() { this.set(sources.connectedClients()); } });

    // Venue rejections arrive as order updates, not as call replies; an order republished as Rejected counts once.
    const rejected = new Set<string>();
    const unsubscribeOrders = bus.subscribe('trading.orders', (payload) => {
      const order = payload as { clientOrderId?: unknown; status?: unknown };
      if (order.status !== 'Rejected' || typeof order.clientOrderId !== 'string' || rejected.has(order.clientOrderId)) return;
      if (rejected.size >= REJECTED_REMEMBERED) rejected.delete(rejected.values().next().value as string);
      rejected.add(order.clientOrderId);
      this.rejections.inc();
    });
    const unsubscribeFills = bus.subscribe('trading.fills', () => this.fills.inc());
    const unsubscribeBreaches = bus.subscribe('risk.breaches', () => this.breaches.inc());
    this.unsubscribe = () => {
      unsubscribeOrders();
      unsubscribeFills();
      unsubscribeBreaches();
    };
  }

  /** The dispatcher with the order path timed and its outcomes counted; every other method passes straight through. */
  instrument(dispatch: Dispatch): Dispatch {
    return async (method, input) => {
      if (typeof method !== 'string' || !ORDER_PATH_METHODS.has(method)) return dispatch(method, input);
      const end = this.latency.startTimer({ method });
      const reply = await dispatch(method, input);
      end();
      const { outcome, code } = orderOutcome(reply);
      this.requests.inc({ method, outcome });
      if (code !== undefined && outcome !== 'failed') this.denials.inc({ method, code });
      return reply;
    };
  }

  /** The exposition text Prometheus scrapes. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  close(): void {
    this.unsubscribe();
    this.registry.clear();
  }
}
