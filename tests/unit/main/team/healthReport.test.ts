// The health rules alone: ready only when every engine is up, the order venue can take orders and the record is sound;
// each part that is not names why.
import { describe, expect, it } from 'vitest';
import { healthReport, type HealthSources } from '../../../../src/main/team/healthReport';
import type { EngineHealth } from '../../../../src/shared/contracts/engines';

const up = (name: string): EngineHealth => ({ name, state: 'up', restarts: 0, since: 0 });
const sources = (over: Partial<HealthSources> = {}): HealthSources => ({
  engines: () => [up('risk'), up('features')],
  orderVenue: () => ({ name: 'SIM', up: true, state: 'up' }),
  journalFailure: () => null,
  probeStore: () => undefined,
  ...over,
});

describe('healthReport', () => {
  it('is ready when everything is up ', () => {
    expect(healthReport(sources())).toEqual({
      live: true,
      ready: true,
      down: [],
      components: [
        { component: 'engines', up: true },
        { component: 'venue', up: true },
        { component: 'store', up: true },
      ],
    });
  });

  it('names every engine that is not up, with its state and reason', () => {
    const report = healthReport(sources({ engines: () => [up('risk'), { name: 'ml', state: 'down', restarts: 5, since: 0, reason: 'crashed 5 times' }, { name: 'features', state: 'restarting', restarts: 1, since: 0 }] }));
    expect(report.ready).toBe(false);
    expect(report.down).toEqual(['engines']);
    expect(report.components[0]).toEqual({ component: 'engines', up: false, reason: 'ml down (crashed 5 times), features restarting' });
  });

  it('is down on the venue when the order venue is not connected, or when there is no venue', () => {
    expect(healthReport(sources({ orderVenue: () => ({ name: 'IB', up: false, state: 'backoff' }) })).components[1]).toEqual({ component: 'venue', up: false, reason: 'orders go to IB, which is backoff' });
    expect(healthReport(sources({ orderVenue: () => null })).components[1]).toEqual({ component: 'venue', up: false, reason: 'no venue to send orders to' });
  });

  it('is down on the store when the journal failed or the record cannot be read', () => {
    expect(healthReport(sources({ journalFailure: () => 'SQLITE_FULL' })).components[2]).toEqual({ component: 'store', up: false, reason: 'journal failed: SQLITE_FULL' });
    const unreadable = healthReport(sources({ probeStore: () => { throw new Error('database is locked'); } }));
    expect(unreadable.components[2]).toEqual({ component: 'store', up: false, reason: 'record unreadable: database is locked' });
    expect(unreadable.down).toEqual(['store']);
  });
});

describe('healthReport with the Redis Streams fan-out', () => {
  const fanout = (role: 'primary' | 'replica', redisUp: boolean) => () => ({ role, redisUp, lastError: redisUp ? null : 'connect ECONNREFUSED 127.0.0.1:6379', entries: 0, duplicates: 0, malformed: 0, backlog: 0, dropped: 0, lagMs: 0, position: null });

  it('adds a redis component only when the server takes part in a fan-out', () => {
    expect(healthReport(sources({ fanout: () => null })).components.map((c) => c.component)).toEqual(['engines', 'venue', 'store']);
    expect(healthReport(sources({ fanout: fanout('replica', true) }))).toMatchObject({ ready: true, down: [], components: [{}, {}, {}, { component: 'redis', up: true }] });
  });

  it('makes a replica without Redis not ready (it would serve a frozen desk), naming why', () => {
    const report = healthReport(sources({ fanout: fanout('replica', false) }));
    expect(report).toMatchObject({ ready: false, down: ['redis'] });
    expect(report.components[3]).toEqual({ component: 'redis', up: false, reason: 'fan-out stream unreachable (connect ECONNREFUSED 127.0.0.1:6379): this replica gets no new market or trading events' });
  });

  it('keeps a primary without Redis ready (it still trades), while naming Redis as down', () => {
    const report = healthReport(sources({ fanout: fanout('primary', false) }));
    expect(report).toMatchObject({ ready: true, down: ['redis'] });
    expect(report.components[3]).toEqual({ component: 'redis', up: false, reason: 'fan-out stream unreachable (connect ECONNREFUSED 127.0.0.1:6379): trading goes on; replicas get no new events' });
    // Anything else down still makes it not ready.
    expect(healthReport(sources({ fanout: fanout('primary', false), orderVenue: () => null }))).toMatchObject({ ready: false, down: ['venue', 'redis'] });
  });
});

describe('healthReport with the users in PostgreSQL', () => {
  const down = { up: false, reason: 'user store postgres://nautilus:***@db:5432/nautilus unreachable (connect ECONNREFUSED): team users cannot log in and their calls are refused' };

  it('adds a postgres component only when the users live in PostgreSQL', () => {
    expect(healthReport(sources({ userStore: () => null })).components.map((c) => c.component)).toEqual(['engines', 'venue', 'store']);
    expect(healthReport(sources({ userStore: () => ({ up: true }) }))).toMatchObject({ ready: true, down: [], components: [{}, {}, {}, { component: 'postgres', up: true }] });
  });

  it('makes a primary or a replica without its user store not ready (no team user can log in), naming why', () => {
    const fanout = (role: 'primary' | 'replica') => () => ({ role, redisUp: true, lastError: null, entries: 0, duplicates: 0, malformed: 0, backlog: 0, dropped: 0, lagMs: 0, position: null });
    for (const role of ['primary', 'replica'] as const) {
      const report = healthReport(sources({ fanout: fanout(role), userStore: () => down }));
      expect(report).toMatchObject({ ready: false, down: ['postgres'] });
      expect(report.components[4]).toEqual({ component: 'postgres', ...down });
    }
  });
});

describe('healthReport of a replica that forwards to its primary', () => {
  const forwarding = (up: boolean | null, reason: string | null = null) => () => ({
    url: 'http://10.0.0.5:4780',
    up,
    reason,
    forwarded: 0,
    failures: { PRIMARY_UNAVAILABLE: 0, PRIMARY_OUTCOME_UNKNOWN: 0, PRIMARY_BAD_REPLY: 0 },
    links: 0,
  });

  it('adds a primary component only when the server forwards to one', () => {
    expect(healthReport(sources({ primary: () => null })).components.map((c) => c.component)).toEqual(['engines', 'venue', 'store']);
    expect(healthReport(sources({ primary: forwarding(true) }))).toMatchObject({ ready: true, down: [], components: [{}, {}, {}, { component: 'primary', up: true }] });
  });

  it('names an unreachable primary and why, and stays ready (its clients still watch the desk)', () => {
    const report = healthReport(sources({ primary: forwarding(false, 'connect ECONNREFUSED 10.0.0.5:4780') }));
    expect(report).toMatchObject({ ready: true, down: ['primary'] });
    expect(report.components[3]).toEqual({
      component: 'primary',
      up: false,
      reason: 'the primary http://10.0.0.5:4780 is unreachable (connect ECONNREFUSED 10.0.0.5:4780): calls forwarded to it fail with PRIMARY_UNAVAILABLE; the streams still flow',
    });
    expect(healthReport(sources({ primary: forwarding(null) })).components[3]).toMatchObject({ up: false, reason: expect.stringContaining('is not reached yet') });
  });
});
