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

/**
 * The process id of the Redis answering on `port` (INFO server's process_id), or undefined while none answers. Checked
 * against the child's pid: between freePort() and the child's bind, another test's Redis may take the same port, and a
 * PONG from it would hand this test someone else's server (and its workers).
 */
function serverPid(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const pid = /process_id:(\d+)/.exec(reply);
      if (pid) {
        socket.end();
        resolve(Number(pid[1]));
      } else if (reply.startsWith('-')) {
        socket.end();
        resolve(undefined);
      }
    });
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => resolve(undefined));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** `port`: the one a stopped server had, to restart Redis where its clients reconnect (default: a free one). */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const unavailable = redisUnavailable();
  if (unavailable) throw new Error(unavailable);
  // A free port can be taken by another test's server before ours binds it: then ours exits, and a new port is tried.
  for (let attempt = 0; ; attempt++) {
    const started = await startOn(options.port ?? (await freePort()));
    if (started.ok || options.port !== undefined || attempt === 4) {
      if (started.ok) return started.server;
      throw new Error(started.error);
    }
  }
}

async function startOn(port: number): Promise<{ ok: true; server: RedisServer } | { ok: false; error: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-redis-'));
  const child = spawn(REDIS_SERVER_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    const pid = await serverPid(port);
    if (pid !== undefined && pid !== child.pid) break;
    if (pid === child.pid) {
      return {
        ok: true,
        server: {
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
        },
      };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  await exited(child);
  cleanup();
  return { ok: false, error: `redis-server did not start on port ${port}: ${output.slice(-2000)}` };
}
