// The browser-served workstation: static renderer + the API over one WebSocket, behind the access token,
// a Host check (DNS rebinding) and an Origin check (cross-site sockets).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/contracts/wire';
import { createApiSession } from '../api/apiSession';
import type { Dispatch } from '../api/dispatcher';
import type { MessageBus } from '../bus/messageBus';
import { presentedToken, tokenCookie, tokensEqual } from './accessToken';
import { loadStaticFile } from './staticFiles';

export const API_PATH = '/api';
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Above this many queued bytes a socket is "not ready" and market data conflates for it. */
const BACKPRESSURE_BYTES = 1024 * 1024;
/** Market data to a browser: at most ~30 updates a second per subscription. */
const MARKET_INTERVAL_MS = 33;

export interface HeadlessServerOptions {
  host: string;
  port: number;
  token: string;
  rendererDir: string;
  dispatch: Dispatch;
  bus: MessageBus;
  onLog?: (level: 'info' | 'warn', message: string) => void;
}

export interface HeadlessServer {
  readonly port: number;
  readonly url: string;
  /** The URL to open: carries the token once. */
  readonly launchUrl: string;
  close(): Promise<void>;
}

const contentSecurityPolicy = (port: number) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const log = options.onLog ?? (() => undefined);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${options.host}:${port}`]);
  const hostAllowed = (request: IncomingMessage) => allowedHosts().has(request.headers.host ?? '');

  const server: Server = createServer((request, response) => {
    void handleHttp(request, response).catch((error: Error) => {
      log('warn', `http ${request.url}: ${error.message}`);
      if (!response.headersSent) response.writeHead(500).end('internal error');
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request)) return void response.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const { token, fromQuery } = presentedToken(request, url);
    if (!tokensEqual(token, options.token)) {
      response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end('401: open the URL that `nautilus serve` printed; it carries the access token.\n');
    }
    if (fromQuery) {
      // Trade the token in the URL for a cookie, and take it out of the address bar and history.
      url.searchParams.delete('token');
      response.writeHead(302, { 'Set-Cookie': tokenCookie(options.token), Location: url.pathname + url.search });
      return void response.end();
    }
    const file = await loadStaticFile(options.rendererDir, url.pathname);
    if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
    log('warn', `websocket refused (${status}): ${reason}`);
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'invalid'}`);
    if (url.pathname !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(request)) return refuseUpgrade(socket, 403, 'Forbidden host');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return refuseUpgrade(socket, 403, 'Forbidden origin');
    }
    if (!tokensEqual(presentedToken(request, url).token, options.token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    // Everything sent within one turn goes out as one frame (an array when there are several).
    let outbox: ServerMessage[] = [];
    const flush = () => {
      const batch = outbox;
      outbox = [];
      if (ws.readyState !== ws.OPEN || batch.length === 0) return;
      ws.send(JSON.stringify(batch.length === 1 ? batch[0] : batch));
    };
    const session = createApiSession({
      dispatch: options.dispatch,
      bus: options.bus,
      send: (message: ServerMessage) => {
        if (outbox.push(message) === 1) queueMicrotask(flush);
      },
      ready: () => ws.bufferedAmount < BACKPRESSURE_BYTES,
      marketIntervalMs: MARKET_INTERVAL_MS,
      onBadMessage: (reason) => log('warn', `bad message from the browser: ${reason}`),
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return log('warn', 'binary websocket frame ignored');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch (error) {
        return log('warn', `websocket frame is not JSON: ${(error as Error).message}`);
      }
      session.receive(parsed);
    });
    ws.on('close', () => session.close());
    ws.on('error', (error) => log('warn', `websocket: ${error.message}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${displayHost}:${port}/`;

  return {
    port,
    url,
    launchUrl: `${url}?token=${options.token}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
