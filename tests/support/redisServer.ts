// A real redis-server for tests: on a free 127.0.0.1 port, in a temp dir, with no persistence (--save '' --appendonly
// no); stopped (SHUTDOWN NOSAVE through redis-cli's wire, or SIGTERM) or killed. CI installs Debian's `redis-server`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisUnavailable(): string | undefined {
  return existsSync(REDIS_SERVER_BIN) ? undefined : `redis-server not found at ${REDIS_SERVER_BIN} (apt-get install redis-server; CI installs it)`;
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly process: ChildProcess;
  /** Graceful stop; resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a lost machine would. */
  kill(): Promise<void>;
}

/** One RESP command over a plain socket: PING until the server answers PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** `port`: the one a stopped server had, to restart Redis where its clients reconnect (default: a free one). */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const unavailable = redisUnavailable();
  if (unavailable) throw new Error(unavailable);
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-redis-'));
  const port = options.port ?? (await freePort());
  const child = spawn(REDIS_SERVER_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    if (await ping(port)) {
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        process: child,
        async stop() {
          child.kill('SIGTERM');
          await exited(child);
          cleanup();
        },
        async kill() {
          child.kill('SIGKILL');
          await exited(child);
          cleanup();
        },
      };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  cleanup();
  throw new Error(`redis-server did not start on port ${port}: ${output.slice(-2000)}`);
}
