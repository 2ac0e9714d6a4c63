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
