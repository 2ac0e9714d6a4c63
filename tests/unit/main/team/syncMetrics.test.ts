// The sync's lag and backlog on /metrics: in seconds and entries while it runs, absent while it is off.
import { describe, expect, it } from 'vitest';
import { MessageBus } from '../../../../src/main/bus/messageBus';
import { ServerMetrics } from '../../../../src/main/team/serverMetrics';
import type { SyncStatus } from '../../../../src/shared/contracts/sync';

async function exposition(sync: Pick<SyncStatus, 'state' | 'pending' | 'lagMs'>): Promise<string> {
  const metrics = new ServerMetrics(new MessageBus(), { engines: () => [], busDepth: () => 0, connectedClients: () => 0, sync: () => ({ ...sync, workstationId: 'ws-1' }) });
  const { body } = await metrics.text();
  metrics.close();
  return body;
}

describe('sync metrics', () => {
  it('reports the oldest pending entry\'s age in seconds and the backlog while syncing or failing', async () => {
    for (const state of ['syncing', 'error', 'idle'] as const) {
      const body = await exposition({ state, pending: 7, lagMs: 12_500 });
      expect(body).toMatch(/^nautilus_sync_lag_seconds\{workstation="ws-1"\} 12\.5$/m);
      expect(body).toMatch(/^nautilus_sync_pending\{workstation="ws-1"\} 7$/m);
    }
  });

  it('has no sample while sync is off', async () => {
    const body = await exposition({ state: 'off', pending: 0, lagMs: 0 });
    expect(body).not.toMatch(/^nautilus_sync_lag_seconds[{ ]/m);
    expect(body).not.toMatch(/^nautilus_sync_pending[{ ]/m);
  });
});
