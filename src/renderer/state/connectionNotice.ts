// What the connection banner says in each backend connection state: closed union, rendered exhaustively.
import type { ConnectionState } from '../api/webSocketTransport';
import { formatClockTime } from './timeZone';

export interface ConnectionNotice {
  /** `DISCONNECTED — data as of 14:03:22`. */
  readonly headline: string;
  /** What happens next, or what the trader must do. */
  readonly action: string;
  readonly severity: 'warn' | 'error';
}

/** The start command a trader ran: it prints the URL (with a fresh access token) a restarted workstation answers on. */
export const RESTART_INSTRUCTION = 'The workstation restarted: open the new URL printed by `nautilus serve` / `npm start` (this page’s access token is no longer valid).';

/** Null while connected: nothing on screen is stale. */
export function connectionNotice(state: ConnectionState, lastMessageAt: number | null, zone: string | undefined, detail?: string): ConnectionNotice | null {
  const asOf = lastMessageAt === null ? 'no data received yet' : `data as of ${formatClockTime(lastMessageAt, zone)}`;
  switch (state) {
    case 'connected':
      return null;
    case 'connecting':
      // The first connection of a fresh page: nothing on screen yet, so nothing is stale; after a drop, it is.
      return lastMessageAt === null
        ? { headline: 'CONNECTING — no data received yet', action: 'Connecting to the backend…', severity: 'warn' }
        : { headline: `DISCONNECTED — ${asOf}`, action: 'Reconnecting to the backend… prices, positions, P&L and risk are not updating.', severity: 'error' };
    case 'disconnected':
      return { headline: `DISCONNECTED — ${asOf}`, action: `Reconnecting to the backend${detail ? ` (${detail})` : ''}… prices, positions, P&L and risk are not updating.`, severity: 'error' };
    case 'unauthorized':
      return { headline: `DISCONNECTED — ${asOf}`, action: RESTART_INSTRUCTION, severity: 'error' };
    default: {
      const never: never = state;
      return never;
    }
  }
}
