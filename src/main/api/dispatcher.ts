// The backend boundary: looks up a method, validates its untrusted input, runs it, and serializes any failure.
import { JournalFailedError } from '../../core/trading/commitGate';
import { randomBytes } from 'node:crypto';
import { isMethodName, workstationContract, type WorkstationApi } from '../../shared/contracts/api';
import { apiError, validationError } from '../../shared/contracts/errors';
import type { CallReply } from '../../shared/contracts/wire';
import { EngineUnavailableError } from '../engine-host/supervisor';

export type Dispatch = (method: unknown, input: unknown) => Promise<CallReply>;

/** The API one client connection calls, and what to release when it goes (a replica's link to the primary). */
export interface ClientDispatch {
  readonly dispatch: Dispatch;
  close(): void;
}

/** Who a connection is, for a host that opens each one's API itself: its credential, and how to close it. */
export interface ClientConnection {
  /** What it presented at its upgrade (a team user's token or a session credential). */
  readonly credential: string;
  /** Closes its socket (code, reason), e.g. when the primary closed its link because the user's token was revoked. */
  closeSocket(code: number, reason: string): void;
}

/** A short id that ties the client's "internal error" to the server log entry holding the details. */
export const newIncidentId = (): string => randomBytes(4).toString('hex');

/**
 * `onInternalError` receives the full error (stack, paths) for the server's log, under `incident`; the client only
 * ever sees `internal error (id <incident>)`: a stack trace or a file path tells an attacker more than a trader.
 */
export function createDispatcher(
  api: WorkstationApi,
  onInternalError: (method: string, error: unknown, incident: string) => void,
  incidentId: () => string = newIncidentId,
): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: apiError('UNKNOWN_METHOD', `no method named ${JSON.stringify(method)}`, { method: String(method) }) };
    }
    const parsed = workstationContract[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, 'input') };
    try {
      const handler = api[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof EngineUnavailableError) return { ok: false, error: error.detail };
      // The journal refused a write: trading has stopped, and the trader must be told so in words, not an incident id.
      if (error instanceof JournalFailedError) return { ok: false, error: apiError('JOURNAL_FAILED', error.message) };
      const incident = incidentId();
      onInternalError(method, error, incident);
      return { ok: false, error: apiError('INTERNAL', `internal error (id ${incident})`, { incident }) };
    }
  };
}
