// No request can throw out of the headless server: malformed Host headers, request-targets and upgrades of every
// kind get an HTTP answer (400 at worst) on a raw socket, and the server keeps serving afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { MessageBus } from '../../../src/main/bus/messageBus';
import type { Dispatch } from '../../../src/main/api/dispatcher';
import { exchangeLaunchToken, httpRequest, openSocket } from './headlessClient';

const TOKEN = 'malformed-token-0123456789';
const UPGRADE = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

/** Writes raw bytes and returns the status code of the first response line ('' when the server just closed). */
function raw(port: number, text: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? ''));
    socket.write(text);
    socket.end();
  });
}

describe('malformed requests to the headless server', () => {
  let server: HeadlessServer;
  let dir: string;
  let session: string;
  const logged: string[] = [];
  const dispatch: Dispatch = async () => ({ ok: true, value: 'pong' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-malformed-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: join(dir, 'renderer'), dispatch, bus: new MessageBus(), onLog: (_l, m) => logged.push(m) });
    session = (await exchangeLaunchToken(server.port, TOKEN)).session!;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ours = () => `127.0.0.1:${server.port}`;
  const auth = () => `Sec-WebSocket-Protocol: nautilus.v1, nautilus.session.${session}\r\n`;

  const cases: Array<[string, () => string, string]> = [
    ['Host: [', () => 'GET / HTTP/1.1\r\nHost: [\r\n\r\n', '400'],
    ['Host: a b', () => 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', '400'],
    ['an empty Host', () => 'GET / HTTP/1.1\r\nHost: \r\n\r\n', '400'],
    ['no Host', () => 'GET / HTTP/1.1\r\n\r\n', '400'],
    ['two Host headers, the first valid', () => `GET / HTTP/1.1\r\nHost: ${ours()}\r\nHost: evil.example\r\n\r\n`, '400'],
    ['GET http://[/api', () => `GET http://[/api HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '400'],
    ['an absolute-form target naming another host', () => `GET http://evil.example/ HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '400'],
    ['a network-path target', () => `GET //evil.example/x HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '400'],
    ['an asterisk target', () => `OPTIONS * HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '400'],
    ['a CONNECT', () => `CONNECT ${ours()} HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '400'],
    ['broken percent-encoding', () => `GET /%E0%A4%A HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '404'],
    ['garbage bytes', () => '\x00\x01\x02 \xff\r\n\r\n', '400'],
    ['a request line with spaces in the target', () => `GET /a b c HTTP/1.1\r\nHost: ${ours()}\r\n\r\n`, '400'],
    ['a 20 kB header', () => `GET / HTTP/1.1\r\nHost: ${ours()}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, '400'],
    ['an upgrade with Host: [', () => `GET /api HTTP/1.1\r\nHost: [\r\n${UPGRADE}${auth()}\r\n`, '400'],
    ['an upgrade with Host: a b', () => `GET /api HTTP/1.1\r\nHost: a b\r\n${UPGRADE}${auth()}\r\n`, '400'],
    ['an upgrade with two Host headers', () => `GET /api HTTP/1.1\r\nHost: ${ours()}\r\nHost: ${ours()}\r\n${UPGRADE}${auth()}\r\n`, '400'],
    ['an upgrade to http://[/api', () => `GET http://[/api HTTP/1.1\r\nHost: ${ours()}\r\n${UPGRADE}${auth()}\r\n`, '400'],
    ['an upgrade with a malformed key', () => `GET /api HTTP/1.1\r\nHost: ${ours()}\r\n${UPGRADE.replace('dGhlIHNhbXBsZSBub25jZQ==', '!!')}${auth()}\r\n`, '400'],
    ['an upgrade with an unknown version', () => `GET /api HTTP/1.1\r\nHost: ${ours()}\r\n${UPGRADE.replace('Version: 13', 'Version: 99')}${auth()}\r\n`, '400'],
    ['an upgrade with a malformed subprotocol list', () => `GET /api HTTP/1.1\r\nHost: ${ours()}\r\n${UPGRADE}Sec-WebSocket-Protocol: nautilus.v1,, nautilus.session.${session}, \r\n\r\n`, '400'],
    ['an upgrade without a credential', () => `GET /api HTTP/1.1\r\nHost: ${ours()}\r\n${UPGRADE}\r\n`, '401'],
    ['an upgrade to another path', () => `GET /other HTTP/1.1\r\nHost: ${ours()}\r\n${UPGRADE}${auth()}\r\n`, '404'],
    ['an upgrade with an Origin of another port', () => `GET /api HTTP/1.1\r\nHost: ${ours()}\r\nOrigin: http://127.0.0.1:1\r\n${UPGRADE}${auth()}\r\n`, '403'],
  ];

  it.each(cases)('answers %s with an HTTP status and keeps serving', async (_name, text, status) => {
    expect(await raw(server.port, text())).toBe(status);
    expect((await httpRequest(server.port, '/')).status).toBe(200);
  });

  it('still opens a socket and answers a call after all of them', async () => {
    await Promise.all(cases.map(([, text]) => raw(server.port, text())));
    const { ws } = await openSocket(`ws://${ours()}/api`, { session });
    const reply = new Promise<string>((resolve) => ws!.once('message', (data) => resolve(String(data))));
    ws!.send(JSON.stringify({ kind: 'call', id: 1, method: 'system.ping', input: {} }));
    expect(JSON.parse(await reply)).toEqual({ kind: 'result', id: 1, ok: true, value: 'pong' });
    ws!.close();
  });
});
