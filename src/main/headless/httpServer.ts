// The browser-served workstation: the static renderer, the session exchange, and the API over one WebSocket behind
// a session credential, a Host check (DNS rebinding) and an Origin check (cross-site sockets). No request, however
// malformed, can throw out of a handler: each is answered (400 at worst) and the server keeps serving.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { assertNever } from '../../core/model/assert';
import { authorizedDispatch } from '../team/authorizedDispatch';
import type { Principal, UserTokenStore } from '../team/userTokenStore';
import { API_SUBPROTOCOL, MAX_CLIENT_FRAME_BYTES, SESSION_PATH, SESSION_SUBPROTOCOL_PREFIX } from '../../shared/contracts/wire';
import type { ClientConnection, ClientDispatch, Dispatch } from '../api/dispatcher';
import type { MessageBus } from '../bus/messageBus';
import { createRefusalLog, type RefusalKind } from './refusalLog';
import { parseRequestTarget } from './requestTarget';
import { SessionCredentials } from './sessionCredentials';
import { attachSocketChannel, type SocketChannel, type SocketChannelStats } from './socketChannel';
import { loadStaticFile } from './staticFiles';

export const API_PATH = '/api';
/** Market data to a browser: at most ~30 updates a second per subscription. */
const MARKET_INTERVAL_MS = 33;

export interface HeadlessServerOptions {
  host: string;
  port: number;
  /** The one-time launch token printed in the URL. */
  token: string;
  /** Where hashed session credentials persist (so pages survive a restart on the same data); memory only if absent. */
  sessionFile?: string;
  rendererDir: string;
  dispatch: Dispatch;
  /** Opens each socket's own API instead of sharing `dispatch` (a replica forwarding with each user's credential); closed with the socket. */
  openClient?: (client: ClientConnection) => ClientDispatch;
  bus: MessageBus;
  onLog?: (level: 'info' | 'warn', message: string) => void;
  /** The name clients reach the server by through a TLS proxy (an Ingress): its Host and https Origin are accepted. */
  publicHost?: string;
  /** The team server's users: a socket may present a user token instead of a browser session (absent: sessions only). */
  users?: ServerUsers;
  /** /health and /metrics for probes and Prometheus (absent: those paths are not served). */
  probes?: ServerProbes;
}

export type ServerUsers = Pick<UserTokenStore, 'verify' | 'standing'>;

/** The workstation's own browser session (the launch token's holder) is its owner. */
const OWNER: Principal = { user: 'owner', role: 'admin' };

/** Policy violation: the user's token was revoked while the socket was open. */
const CLOSE_REVOKED = 1008;

/** What the probe paths answer: the health report (503 when not ready) and the Prometheus exposition. */
export interface ServerProbes {
  health(): { readonly ready: boolean };
  metrics(): Promise<{ contentType: string; body: string }>;
}

/** Liveness (answers at all), readiness (everything up) and the full report; Prometheus scrapes /metrics. */
export const PROBE_PATHS = ['/health', '/health/live', '/health/ready', '/metrics'] as const;
type ProbePath = (typeof PROBE_PATHS)[number];
const probePathOf = (url: string | undefined): ProbePath | undefined => PROBE_PATHS.find((p) => p === url?.split('?')[0]);

export interface HeadlessServer {
  readonly port: number;
  readonly url: string;
  /** The URL to open: carries the one-time launch token in its fragment, which no request ever sends. */
  readonly launchUrl: string;
  /** Each open socket's outgoing buffer, for diagnostics and tests. */
  clientStats(): SocketChannelStats[];
  /** Open API sockets. */
  clientCount(): number;
  close(): Promise<void>;
}

const contentSecurityPolicy = (port: number, publicHost: string | undefined) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}${publicHost ? ` wss://${publicHost}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');

const bracketed = (host: string) => (host.includes(':') ? `[${host}]` : host);

function bearer(request: IncomingMessage): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The session credential a socket offers beside the API's subprotocol (browsers cannot set other headers). */
function offeredCredential(request: IncomingMessage): string | undefined {
  const offered = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(API_SUBPROTOCOL)) return undefined;
  return offered.find((p) => p.startsWith(SESSION_SUBPROTOCOL_PREFIX))?.slice(SESSION_SUBPROTOCOL_PREFIX.length);
}

const plain = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const log = options.onLog ?? (() => undefined);
  const refusals = createRefusalLog({ log: (message) => log('warn', message) });
  const credentials = new SessionCredentials({ launchToken: options.token, ...(options.sessionFile ? { file: options.sessionFile } : {}), onError: (m) => log('warn', m) });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, handleProtocols: (offered) => (offered.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : false) });
  const channels = new Set<SocketChannel>();
  let port = options.port;

  const publicHost = options.publicHost?.toLowerCase();
  const allowedHosts = () =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bracketed(options.host)}:${port}`.toLowerCase(), ...(publicHost ? [publicHost] : [])]);
  const remoteOf = (request: IncomingMessage) => request.socket.remoteAddress ?? 'unknown';
  const refuse = (kind: RefusalKind, request: IncomingMessage, status: number, reason: string) => refusals.refused(kind, remoteOf(request), `${status} ${reason}`);
  /** An Origin, when sent, must be this app's own (a page elsewhere cannot use the API or the exchange). */
  const originAllowed = (request: IncomingMessage) => {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (publicHost && origin.toLowerCase() === `https://${publicHost}`) return true;
    return /^http:\/\//i.test(origin) && allowedHosts().has(origin.replace(/^http:\/\//i, '').toLowerCase());
  };

  const server: Server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      log('warn', `http ${request.method} failed: ${(error as Error)?.message ?? String(error)}`);
      if (!response.headersSent) response.writeHead(500, plain).end('internal error\n');
      else response.destroy();
    });
  });
  // Requests Node itself cannot parse (bad request line, header overflow): answer 400 and close, never throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    refusals.refused('request', (socket as Duplex & { remoteAddress?: string }).remoteAddress ?? 'unknown', `400 ${error.code ?? error.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  // CONNECT (a proxy's method) is never ours: answer it rather than let Node drop the socket silently.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    refuse('request', request, 400, 'CONNECT');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Probes come from the cluster (kubelet, Prometheus) with the pod's address as Host, so these paths skip the Host
    // check; they carry no trading data and change nothing.
    const probePath = options.probes ? probePathOf(request.url) : undefined;
    if (probePath && options.probes) return handleProbe(options.probes, probePath, request, response);
    const target = parseRequestTarget(request, allowedHosts());
    if (!target.ok) {
      refuse('request', request, target.status, target.reason);
      return void response.writeHead(target.status, { ...plain, Connection: 'close' }).end(`${target.reason}\n`);
    }
    if (target.pathname === SESSION_PATH) return handleSession(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    // The app's files carry no data (they are the same for every install): served without a credential, since a
    // page cannot attach its sessionStorage to a navigation. Everything with data is behind the socket.
    const file = await loadStaticFile(options.rendererDir, target.pathname);
    if (!file) return void response.writeHead(404, plain).end('not found\n');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy(port, publicHost),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  async function handleProbe(probes: ServerProbes, path: ProbePath, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    const send = (status: number, contentType: string, body: string) =>
      void response.writeHead(status, { ...headers, 'Content-Type': contentType }).end(request.method === 'HEAD' ? undefined : body);
    switch (path) {
      case '/health/live':
        return send(200, 'application/json', '{"live":true}\n');
      case '/health':
      case '/health/ready': {
        const report = probes.health();
        return send(report.ready ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`);
      }
      case '/metrics': {
        const { contentType, body } = await probes.metrics();
        return send(200, contentType, body);
      }
      default:
        return assertNever(path, 'probe path');
    }
  }

  /** POST: the launch token (once) for a session credential. GET: is this session credential still good? */
  function handleSession(request: IncomingMessage, response: ServerResponse): void {
    if (!originAllowed(request)) {
      refuse('request', request, 403, 'forbidden origin');
      return void response.writeHead(403, plain).end('forbidden origin\n');
    }
    const presented = bearer(request);
    if (request.method === 'POST') {
      const session = presented ? credentials.exchange(presented) : undefined;
      if (!session) {
        refuse('request', request, 401, 'launch token missing, wrong or already used');
        return void response.writeHead(401, plain).end('401: the launch token is missing, wrong or already used\n');
      }
      log('info', `browser session opened from ${remoteOf(request)}`);
      return void response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ session }));
    }
    if (request.method === 'GET') {
      return void response.writeHead(credentials.verify(presented) ? 204 : 401, plain).end();
    }
    response.writeHead(405, { Allow: 'GET, POST' }).end();
  }

  /** `detail`, when given, is the body: why, in words (the reason phrase stays the status's own). */
  function refuseUpgrade(request: IncomingMessage, socket: Duplex, status: 400 | 401 | 403 | 404 | 503, reason: string, detail?: string): void {
    refuse('upgrade', request, status, detail ?? reason);
    const body = detail === undefined ? '' : `${detail}\n`;
    const type = detail === undefined ? '' : 'Content-Type: text/plain; charset=utf-8\r\n';
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    socket.destroy();
  }

  /** Who offers `credential`: the owner's browser session, a team user's token, nobody, or unknown (store down). */
  async function principalOf(credential: string | undefined): Promise<Principal | { unavailable: string } | undefined> {
    if (credentials.verify(credential)) return OWNER;
    if (!options.users) return undefined;
    const verified = await options.users.verify(credential);
    if (verified.ok) return verified.value;
    return verified.error.code === 'USER_STORE_UNAVAILABLE' ? { unavailable: verified.error.reason } : undefined;
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined); // a peer that resets mid-handshake is not an error of ours
    upgrade(request, socket, head).catch((error: unknown) => {
      log('warn', `websocket upgrade failed: ${(error as Error)?.message ?? String(error)}`);
      socket.destroy();
    });
  });

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const target = parseRequestTarget(request, allowedHosts());
    if (!target.ok) return refuseUpgrade(request, socket, target.status, target.reason);
    if (target.pathname !== API_PATH) return refuseUpgrade(request, socket, 404, 'Not Found');
    if (!originAllowed(request)) return refuseUpgrade(request, socket, 403, 'Forbidden origin');
    const credential = offeredCredential(request);
    const principal = await principalOf(credential);
    if (!principal || credential === undefined) return refuseUpgrade(request, socket, 401, 'Unauthorized');
    // Fail closed: a token that cannot be checked is refused, saying why (a client may retry; it is not a wrong token).
    if ('unavailable' in principal) return refuseUpgrade(request, socket, 503, 'Service Unavailable', `login refused: ${principal.unavailable}`);
    if (socket.destroyed) return;
    // ws answers 400 itself to a malformed handshake (key, version, subprotocol list).
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const tokenId = principal.tokenId;
      const own = options.openClient?.({ credential, closeSocket: (code, reason) => setImmediate(() => ws.close(code, reason)) });
      if (own) ws.once('close', () => own.close());
      // This server's own role and revocation check stays in front: its refusals cost no round trip to a primary.
      const dispatch = authorizedDispatch(own?.dispatch ?? options.dispatch, principal, {
        standing: () => (tokenId === undefined ? { state: 'active' } : (options.users?.standing(tokenId) ?? { state: 'revoked' })),
        onRevoked: () => {
          log('warn', `${principal.user}'s token was revoked: socket closed`);
          setImmediate(() => ws.close(CLOSE_REVOKED, 'token revoked'));
        },
      });
      if (tokenId !== undefined) log('info', `${principal.user} (${principal.role}) connected from ${remoteOf(request)}`);
      const channel = attachSocketChannel(ws, { dispatch, bus: options.bus, marketIntervalMs: MARKET_INTERVAL_MS, log });
      channels.add(channel);
      ws.once('close', () => channels.delete(channel));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;
  const url = `http://${bracketed(options.host)}:${port}/`;

  return {
    port,
    url,
    launchUrl: `${url}#token=${options.token}`,
    clientStats: () => [...channels].map((c) => c.stats()),
    clientCount: () => channels.size,
    async close() {
      refusals.close();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
