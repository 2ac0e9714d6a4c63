// Test helpers that speak to the headless server as a browser or a script would: HTTP requests, the session
// exchange, and sockets that present a session credential.
import { request } from 'node:http';
import WebSocket from 'ws';
import { API_SUBPROTOCOL, SESSION_SUBPROTOCOL_PREFIX } from '../../../src/shared/contracts/wire';

export interface HttpReply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

export function httpRequest(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** POST /session with the launch token: the session credential, or the refusal's status. */
export async function exchangeLaunchToken(port: number, token: string): Promise<{ status: number; session?: string }> {
  const reply = await httpRequest(port, '/session', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  return reply.status === 200 ? { status: 200, session: (JSON.parse(reply.body) as { session: string }).session } : { status: reply.status };
}

export const sessionProtocols = (session: string) => [API_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${session}`];

/** Opens a socket and reports how the server answered the upgrade. */
export function openSocket(url: string, options: { session?: string; headers?: Record<string, string> } = {}): Promise<{ ws?: WebSocket; status?: number; closed?: boolean }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options.session ? sessionProtocols(options.session) : [], { headers: options.headers ?? {} });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      res.socket.once('close', () => resolve({ status: res.statusCode, closed: true }));
      res.resume();
    });
    ws.once('error', () => undefined);
  });
}

/** Collects every server message of a socket (frames may carry arrays of messages). */
export function collect(ws: WebSocket): Array<Record<string, unknown>> {
  const messages: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => messages.push(...[JSON.parse(String(data))].flat()));
  return messages;
}
