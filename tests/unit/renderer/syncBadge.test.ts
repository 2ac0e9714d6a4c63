import { describe, expect, it } from 'vitest';
import { syncBadge } from '../../../src/renderer/app/syncBadge';
import type { SyncStatus } from '../../../src/shared/contracts/sync';

const base: SyncStatus = {
  state: 'idle',
  workstationId: 'w',
  workstationName: 'desk',
  target: 'postgres://u@db/nautilus',
  pending: 0,
  lagMs: 0,
  lastPushAt: 1,
  pushed: 3,
  lastError: null,
  teamLimitsVersion: 0,
};

describe('sync badge', () => {
  it('is hidden when sync is off, green when up to date, amber when over a minute behind', () => {
    expect(syncBadge({ ...base, state: 'off' })).toBeNull();
    expect(syncBadge(base)).toMatchObject({ text: 'sync: up to date', state: 'up' });
    expect(syncBadge({ ...base, state: 'syncing', pending: 4, lagMs: 800 })).toMatchObject({ text: 'sync: 4 behind, lag 800 ms', state: 'up' });
    expect(syncBadge({ ...base, state: 'syncing', pending: 40, lagMs: 300_000 })).toMatchObject({ text: 'sync: 40 behind, lag 5 min', state: 'restarting' });
  });
  it('names the last error and what is kept while failing', () => {
    const badge = syncBadge({ ...base, state: 'error', pending: 12, lagMs: 95_000, lastError: { message: 'connect ECONNREFUSED 127.0.0.1:5432', at: 2 } });
    expect(badge).toEqual({ text: 'sync: failing, lag 95 s', state: 'crashed', title: 'connect ECONNREFUSED 127.0.0.1:5432 (12 entries kept in the outbox, retrying)' });
  });
});
