// The CLI as a client of a running workstation (`nautilus serve`): the same wire protocol and typed client the
// browser uses, over one WebSocket that presents a session credential (or trades a launch token for one first).
import { request } from 'node:http';
import WebSocket from 'ws';
import { createWorkstationClient, type WorkstationClient } from '../shared/contracts/client';
import { createMessageTransport } from '../shared/contracts/messageTransport';
import { API_SUBPROTOCOL, SESSION_SUBPROTOCOL_PREFIX, type ServerMessage } from '../shared/contracts/wire';

export interface WorkstationConnection {
  readonly client: WorkstationClient;
  close(): void;
}

/** POST /session with the launch token (once): the session credential a socket presents. */
function tradeLaunchToken(base: URL, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path: '/session', method: 'POST', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`the workstation at ${base.origin} refused the launch token (HTTP ${res.statusCode}); use the token of its latest start, or --session`));
        resolve((JSON.parse(body) as { session: string }).session);
      });
    });
    req.on('error', (error) => reject(new Error(`no workstation at ${base.origin}: ${error.message}`)));
    req.end();
  });
}

/** `url`: http://127.0.0.1:PORT as `nautilus serve` printed it; `credential`: a session, or a launch token to trade once. */
export async function connectWorkstation(url: string, credential: { session?: string; token?: string }): Promise<WorkstationConnection> {
  const base = new URL(url);
  if (base.protocol !== 'http:') throw new Error(`--url must be http://host:port as nautilus serve prints it, got ${url}`);
  const session = credential.session ?? (credential.token ? await tradeLaunchToken(base, credential.token) : undefined);
  if (!session) throw new Error('give --session (a session credential) or --token (the launch token nautilus serve printed)');
  const ws = new WebSocket(`ws://${base.host}/api`, [API_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${session}`]);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`the workstation at ${base.origin} refused the connection (HTTP ${res.statusCode})`)));
    ws.once('error', (error) => reject(new Error(`no workstation at ${base.origin}: ${error.message}`)));
  });
  let handler: (message: ServerMessage | readonly ServerMessage[]) => void = () => undefined;
  ws.on('message', (data) => handler(JSON.parse(String(data)) as ServerMessage | ServerMessage[]));
  const transport = createMessageTransport({
    send: (message) => void ws.send(JSON.stringify(message)),
    onMessage: (h) => {
      handler = h;
    },
  });
  ws.on('close', () => transport.failPending('the workstation closed the connection'));
  return { client: createWorkstationClient(transport), close: () => ws.close() };
}
