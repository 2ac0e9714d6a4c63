// The server's health for probes and people: alive (it answers), ready (engines, the order venue, the record and the
// shared user store all up), and for each part that is not, what is down and why.
import type { EngineHealth } from '../../shared/contracts/engines';
import type { ForwardingStatus } from './primaryForwarding';
import type { FanoutStatus } from './streamFanout';
import type { UserStoreHealth } from './userTokenStore';

export const HEALTH_COMPONENTS = ['engines', 'venue', 'store', 'redis', 'postgres', 'primary'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

export interface ComponentHealth {
  readonly component: HealthComponent;
  readonly up: boolean;
  /** What is down, in words (absent when up). */
  readonly reason?: string;
}

export interface HealthReport {
  readonly live: true;
  readonly ready: boolean;
  readonly components: readonly ComponentHealth[];
  /** The components that are down, so a probe's log names them at a glance. */
  readonly down: readonly HealthComponent[];
}

/** What the health report reads from the running backend (plain values, so the rules are testable alone). */
export interface OrderVenueState {
  readonly name: string;
  readonly up: boolean;
  readonly state: string;
}

export interface HealthSources {
  engines(): readonly EngineHealth[];
  /** The venue new orders go to now and whether it can take them (its connection state); null: no venue. */
  orderVenue(): OrderVenueState | null;
  /** Why the journal refused a write, or null while it is sound. */
  journalFailure(): string | null;
  /** Throws when the SQLite record cannot be read. */
  probeStore(): void;
  /** The Redis Streams fan-out, or null when this server takes no part in one (then no redis component). */
  fanout?(): FanoutStatus | null;
  /** The users' PostgreSQL store, or null when users live in the local token file (then no postgres component). */
  userStore?(): UserStoreHealth | null;
  /** A replica's forwarding to the primary, or null when it has none (then no primary component). */
  primary?(): ForwardingStatus | null;
}

function enginesHealth(engines: readonly EngineHealth[]): ComponentHealth {
  const notUp = engines.filter((e) => e.state !== 'up');
  if (notUp.length === 0) return { component: 'engines', up: true };
  return { component: 'engines', up: false, reason: notUp.map((e) => `${e.name} ${e.state}${e.reason ? ` (${e.reason})` : ''}`).join(', ') };
}

function venueHealth(venue: OrderVenueState | null): ComponentHealth {
  if (venue === null) return { component: 'venue', up: false, reason: 'no venue to send orders to' };
  return venue.up ? { component: 'venue', up: true } : { component: 'venue', up: false, reason: `orders go to ${venue.name}, which is ${venue.state}` };
}

function storeHealth(sources: HealthSources): ComponentHealth {
  const failure = sources.journalFailure();
  if (failure !== null) return { component: 'store', up: false, reason: `journal failed: ${failure}` };
  try {
    sources.probeStore();
    return { component: 'store', up: true };
  } catch (error) {
    return { component: 'store', up: false, reason: `record unreadable: ${(error as Error).message}` };
  }
}

function redisHealth(status: FanoutStatus): ComponentHealth {
  if (status.redisUp) return { component: 'redis', up: true };
  const effect = status.role === 'replica' ? 'this replica gets no new market or trading events' : 'trading goes on; replicas get no new events';
  return { component: 'redis', up: false, reason: `fan-out stream unreachable (${status.lastError ?? 'not connected'}): ${effect}` };
}

function primaryHealth(status: ForwardingStatus): ComponentHealth {
  if (status.up === true) return { component: 'primary', up: true };
  const why = status.up === null ? 'not reached yet' : `unreachable (${status.reason ?? 'no answer'})`;
  return { component: 'primary', up: false, reason: `the primary ${status.url} is ${why}: calls forwarded to it fail with PRIMARY_UNAVAILABLE; the streams still flow` };
}

/**
 * Ready when every component is up, except that a primary stays ready without Redis: it still trades and serves its own
 * clients (its events wait for Redis), whereas a replica without Redis would serve a frozen desk. Without the user
 * store no team user can log in or call, so neither role is ready then. A replica stays ready without its primary:
 * its clients still watch the desk live, and what they send the primary fails at once with PRIMARY_UNAVAILABLE
 * (taking every replica out of service together would leave the team blind as well).
 */
export function healthReport(sources: HealthSources): HealthReport {
  const fanout = sources.fanout?.() ?? null;
  const components = [enginesHealth(sources.engines()), venueHealth(sources.orderVenue()), storeHealth(sources)];
  if (fanout !== null) components.push(redisHealth(fanout));
  const users = sources.userStore?.() ?? null;
  if (users !== null) components.push(users.up ? { component: 'postgres', up: true } : { component: 'postgres', up: false, reason: users.reason ?? 'unreachable' });
  const primary = sources.primary?.() ?? null;
  if (primary !== null) components.push(primaryHealth(primary));
  const down = components.filter((c) => !c.up).map((c) => c.component);
  const blocking = down.filter((c) => c !== 'primary' && (c !== 'redis' || fanout?.role === 'replica'));
  return { live: true, ready: blocking.length === 0, components, down };
}
