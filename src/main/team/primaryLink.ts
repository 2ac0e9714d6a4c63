// One replica client's connection to the team's primary: opened with that client's own credential on its first
// forwarded call, closed with the client's socket, so the primary authorizes every call itself (roles, revocation).
// Every answer is checked as a wire response before it is relayed; a call whose answer is lost is never sent again.
import WebSocket from 'ws';
import { err, ok, type Result } from '../../core/model/result';
import { apiError, type ApiError } from '../../shared/contracts/errors';
import { roleNeededFor } from '../../shared/contracts/roles';
import { API_SUBPROTOCOL, resultMessageSchema, SESSION_SUBPROTOCOL_PREFIX, type CallReply } from '../../shared/contracts/wire';
import type { PrimaryAddress } from './primaryAddress';

/** How long opening the primary's socket may take before the call fails as PRIMARY_UNAVAILABLE. */
export const PRIMARY_CONNECT_TIMEOUT_MS = 5_000;
/**
 * How often an open link pings the primary; a link with no pong (nor any frame) for one whole interval is dropped,
 * failing its calls in flight. Calls themselves have no deadline: a backtest on the primary may run for minutes.
 */
export const PRIMARY_HEARTBEAT_MS = 10_000;
/** The primary's answers may be large (a fills list): bounded all the same. */
const MAX_PRIMARY_FRAME_BYTES = 256 * 1024 * 1024;

export interface PrimaryLinkOptions {
  readonly primary: PrimaryAddress;
  /** What the client presented at its upgrade (a team user's token or a session credential), sent on as is. */
  readonly credential: string;
  readonly connectTimeoutMs?: number;
  readonly heartbeatMs?: number;
  /** Each attempt to reach the primary: whether it answered (a refused credential is an answer). */
  onReachability?(up: boolean, reason?: string): void;
  /** The primary closed the link for a policy reason (1008: the user's token revoked): close the client's socket alike. */
  onPolicyClose?(code: number, reason: string): void;
  log(level: 'info' | 'warn', message: string): void;
}

export type PrimaryLinkState = 'idle' | 'connecting' | 'open' | 'closed';

export interface PrimaryLink {
  /** Sends one call (its input already checked here) and relays the primary's answer, or says why there is none. */
  call(method: string, input: unknown): Promise<CallReply>;
  state(): PrimaryLinkState;
  /** The client's socket closed: so does the link; calls after this are refused. */
  close(): void;
}

/**
 * Policy violation (RFC 6455 §7.4.1): how the primary closes a socket whose token it revoked (or that stopped reading
 * its answers; either way the client's socket goes with the link).
 */
const CLOSE_POLICY = 1008;

/** Whether a method can change something: only the viewer's methods are reads (roles.ts holds that decision). */
export const changesState = (method: string): boolean => roleNeededFor(method) !== 'viewer';

interface PendingCall {
  readonly method: string;
  settle(reply: CallReply): void;
}

export function createPrimaryLink(options: PrimaryLinkOptions): PrimaryLink {
  const url = options.primary.url;
  const heartbeatMs = options.heartbeatMs ?? PRIMARY_HEARTBEAT_MS;
  const pending = new Map<number, PendingCall>();
  let socket: WebSocket | null = null;
  let opening: Promise<Result<WebSocket, (method: string) => ApiError>> | null = null;
  let closed = false;
  let nextId = 1;

  const notSent = (reason: string) => (method: string) =>
    apiError('PRIMARY_UNAVAILABLE', `the primary ${url} cannot be reached (${reason}): ${method} was not sent`, { method, primary: url, sent: false });
  const answerLost = (method: string, reason: string): ApiError =>
    changesState(method)
      ? apiError(
          'PRIMARY_OUTCOME_UNKNOWN',
          `${method} was sent to the primary ${url} but its answer was lost (${reason}): it may or may not have been carried out, and it is not sent again; look at the desk (orders.list for an order) before repeating it`,
          { method, primary: url, sent: true },
        )
      : apiError('PRIMARY_UNAVAILABLE', `${method} was sent to the primary ${url} but its answer was lost (${reason}); it changes nothing, so it may be asked again`, { method, primary: url, sent: true });

  const settle = (id: number, reply: CallReply) => {
    const call = pending.get(id);
    pending.delete(id);
    call?.settle(reply);
  };

  const onMessage = (message: unknown) => {
    const parsed = resultMessageSchema.safeParse(message);
    if (parsed.success) {
      const { id } = parsed.data;
      if (!pending.has(id)) return options.log('warn', `the primary ${url} answered call ${id}, which this link did not make (or already had its answer)`);
      return settle(id, parsed.data.ok ? { ok: true, value: parsed.data.value } : { ok: false, error: parsed.data.error });
    }
    const id = (message as { id?: unknown } | null)?.id;
    const issue = parsed.error.issues[0];
    const what = `${issue?.path.join('.') || '(message)'}: ${issue?.message ?? 'invalid'}`;
    options.log('warn', `the primary ${url} sent a message that is not a call's answer (${what})`);
    if (typeof id !== 'number' || !pending.has(id)) return;
    const method = pending.get(id)!.method;
    const outcome = changesState(method) ? 'it may or may not have been carried out, and it is not sent again' : 'it changes nothing, so it may be asked again';
    settle(id, { ok: false, error: apiError('PRIMARY_BAD_REPLY', `the primary ${url} answered ${method} with something that is not a wire response (${what}): ${outcome}`, { method, primary: url }) });
  };

  const attach = (ws: WebSocket) => {
    socket = ws;
    let heard = true;
    const heartbeat = setInterval(() => {
      if (!heard) {
        options.log('warn', `the primary ${url} did not answer a ping within ${heartbeatMs} ms: link dropped`);
        ws.terminate();
        return;
      }
      heard = false;
      ws.ping();
    }, heartbeatMs);
    heartbeat.unref();
    ws.on('pong', () => (heard = true));
    ws.on('message', (data, isBinary) => {
      heard = true;
      let frame: unknown;
      try {
        frame = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        frame = undefined;
      }
      // Answers cannot be matched to calls in a frame that is not JSON: the link is no longer trusted.
      if (frame === undefined) {
        options.log('warn', `the primary ${url} sent a frame that is not JSON text: link dropped`);
        return void ws.terminate();
      }
      for (const message of Array.isArray(frame) ? frame : [frame]) onMessage(message);
    });
    ws.removeAllListeners('error');
    ws.on('error', (error) => options.log('warn', `link to the primary ${url}: ${error.message}`));
    ws.once('close', (code, reasonBuffer) => {
      clearInterval(heartbeat);
      if (socket === ws) socket = null;
      const reason = reasonBuffer.toString() || `closed with ${code}`;
      const lost = [...pending.entries()];
      pending.clear();
      for (const [, call] of lost) call.settle({ ok: false, error: answerLost(call.method, closed ? 'the client left' : `the primary closed the link: ${reason}`) });
      if (!closed && code === CLOSE_POLICY) options.onPolicyClose?.(code, reason);
    });
  };

  const open = (): Promise<Result<WebSocket, (method: string) => ApiError>> =>
    new Promise((resolve) => {
      const ws = new WebSocket(options.primary.api, [API_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${options.credential}`], {
        handshakeTimeout: options.connectTimeoutMs ?? PRIMARY_CONNECT_TIMEOUT_MS,
        maxPayload: MAX_PRIMARY_FRAME_BYTES,
      });
      let settled = false;
      const done = (up: boolean, result: Result<WebSocket, (method: string) => ApiError>, reason?: string) => {
        if (settled) return;
        settled = true;
        options.onReachability?.(up, reason);
        resolve(result);
      };
      ws.once('open', () => done(true, ok(ws)));
      ws.once('unexpected-response', (request, response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        request.destroy();
        // A refusal is an answer: the primary is up.
        if (status === 401) {
          return done(true, err((method) => apiError('UNAUTHORIZED', `the primary ${url} refused this user's credential (HTTP 401): ${method} was not sent`, { method, primary: url })));
        }
        // 403 is its Host or Origin check: --primary must be an address the primary accepts (its --public-host).
        done(true, err(notSent(`it refused the connection with HTTP ${status}${status === 403 ? ': is --primary an address it accepts?' : ''}`)));
      });
      // Until it opens; attach() listens for errors after that.
      ws.on('error', (error) => done(false, err(notSent(error.message)), error.message));
    });

  const connection = (): Promise<Result<WebSocket, (method: string) => ApiError>> => {
    if (socket !== null && socket.readyState === WebSocket.OPEN) return Promise.resolve(ok(socket));
    opening ??= open().then((result) => {
      opening = null;
      if (!result.ok) return result;
      if (closed) {
        result.value.terminate();
        return err(notSent('the client left'));
      }
      if (result.value.readyState !== WebSocket.OPEN) return err(notSent('the link closed as it opened'));
      attach(result.value);
      return result;
    });
    return opening;
  };

  return {
    async call(method, input) {
      if (closed) return { ok: false, error: apiError('DISCONNECTED', `the client left: ${method} was not sent to the primary ${url}`, { method }) };
      const linked = await connection();
      if (!linked.ok) return { ok: false, error: linked.error(method) };
      const ws = linked.value;
      if (ws.readyState !== WebSocket.OPEN) return { ok: false, error: notSent('the link closed')(method) };
      const id = nextId++;
      return new Promise<CallReply>((resolve) => {
        pending.set(id, { method, settle: resolve });
        // A failed send closes the socket, and its close settles the call: its outcome is then unknown.
        ws.send(JSON.stringify({ kind: 'call', id, method, input }));
      });
    },
    state: () => (closed ? 'closed' : socket !== null ? 'open' : opening !== null ? 'connecting' : 'idle'),
    close() {
      if (closed) return;
      closed = true;
      socket?.close(1000, 'client left');
    },
  };
}
