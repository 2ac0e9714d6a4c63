// The IB connection lifecycle as one (state, event) → state table; anything not listed is refused.
import { err, ok, type Result } from '../../../core/model/result';
import { IB_CONNECTION_STATES, type IbConnectionState } from '../../../shared/contracts/ib';

export { IB_CONNECTION_STATES, type IbConnectionState };

export const IB_CONNECTION_EVENTS = [
  'CONNECT', // the user asked to connect
  'SESSION_STARTED', // handshake done, nextValidId received
  'RECONCILED', // open orders, executions, completed orders and positions settled
  'CONNECTIVITY_LOST', // info 1100: TWS lost its link to IB
  'CONNECTIVITY_RESTORED', // info 1101 / 1102
  'SOCKET_CLOSED', // the TCP connection to TWS ended (or never came up)
  'HEARTBEAT_TIMEOUT', // no answer to the heartbeat (or the handshake) in time
  'PROTOCOL_FAULT', // malformed message, failed reconciliation: reset the session
  'RETRY', // the backoff timer fired
  'DISCONNECT', // the user asked to disconnect
] as const;
export type IbConnectionEvent = (typeof IB_CONNECTION_EVENTS)[number];

type Row = Partial<Record<IbConnectionEvent, IbConnectionState>>;

const sessionLost: Row = { SOCKET_CLOSED: 'backoff', HEARTBEAT_TIMEOUT: 'backoff', PROTOCOL_FAULT: 'backoff', DISCONNECT: 'disconnected' };

export const IB_CONNECTION_TABLE: Readonly<Record<IbConnectionState, Readonly<Row>>> = {
  disconnected: { CONNECT: 'connecting', DISCONNECT: 'disconnected' },
  connecting: { ...sessionLost, SESSION_STARTED: 'reconciling', CONNECT: 'connecting' },
  // Orders stay blocked until reconciliation has settled what happened while we were away.
  reconciling: { ...sessionLost, RECONCILED: 'connected', CONNECTIVITY_LOST: 'degraded', CONNECTIVITY_RESTORED: 'reconciling', CONNECT: 'connecting' },
  connected: { ...sessionLost, CONNECTIVITY_LOST: 'degraded', CONNECTIVITY_RESTORED: 'reconciling', CONNECT: 'connecting' },
  degraded: { ...sessionLost, CONNECTIVITY_LOST: 'degraded', CONNECTIVITY_RESTORED: 'reconciling', CONNECT: 'connecting' },
  backoff: { RETRY: 'connecting', CONNECT: 'connecting', DISCONNECT: 'disconnected', SOCKET_CLOSED: 'backoff' },
};

export interface InvalidConnectionTransition {
  readonly code: 'INVALID_CONNECTION_TRANSITION';
  readonly from: IbConnectionState;
  readonly event: IbConnectionEvent;
}

export function connectionTransition(from: IbConnectionState, event: IbConnectionEvent): Result<IbConnectionState, InvalidConnectionTransition> {
  const to = IB_CONNECTION_TABLE[from][event];
  return to === undefined ? err({ code: 'INVALID_CONNECTION_TRANSITION', from, event }) : ok(to);
}

/** States in which a TWS session (socket + API) exists. */
export const SESSION_STATES: ReadonlySet<IbConnectionState> = new Set(['reconciling', 'connected', 'degraded']);
