// What the status bar says about the sync to the shared record: nothing when it is off; the lag; the last error.
import type { SyncStatus } from '../../shared/contracts/sync';

export interface SyncBadge {
  readonly text: string;
  /** The badge colour class, as for engines: up, restarting (behind), crashed (failing). */
  readonly state: 'up' | 'restarting' | 'crashed';
  readonly title: string;
}

const LAG_WARN_MS = 60_000;

function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

export function syncBadge(status: SyncStatus): SyncBadge | null {
  const target = status.target ?? '';
  switch (status.state) {
    case 'off':
      return null;
    case 'idle':
      return { text: 'sync: up to date', state: 'up', title: `shared record ${target}` };
    case 'syncing':
      return {
        text: `sync: ${status.pending} behind, lag ${duration(status.lagMs)}`,
        state: status.lagMs > LAG_WARN_MS ? 'restarting' : 'up',
        title: `pushing to ${target}`,
      };
    case 'error':
      return {
        text: `sync: failing, lag ${duration(status.lagMs)}`,
        state: 'crashed',
        title: `${status.lastError?.message ?? 'unknown error'} (${status.pending} entries kept in the outbox, retrying)`,
      };
    default:
      return status.state satisfies never;
  }
}
