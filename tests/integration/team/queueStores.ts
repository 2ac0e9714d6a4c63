// The research queue's two stores for tests, both real servers: Redis (tests/support/redisServer.ts; BullMQ also needs
// its `ioredis` driver) and PostgreSQL (a throwaway cluster: initdb in a temp dir, postgres on a free loopback port, run
// as the `postgres` user when the tests run as root, since PostgreSQL refuses root).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { redisUnavailable, startRedisServer } from '../../support/redisServer';

export type StoreKind = 'redis' | 'postgres';

export interface RunningStore {
  readonly url: string;
  stop(): Promise<void>;
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function moduleMissing(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return false;
  } catch {
    return true;
  }
}

/** Why a store's tests cannot run on this machine, or undefined when they can. */
export function storeUnavailable(kind: StoreKind): string | undefined {
  if (kind === 'redis') {
    return redisUnavailable() ?? (moduleMissing('ioredis') ? 'BullMQ on Redis needs the `ioredis` npm package, which is not installed' : undefined);
  }
  if (!existsSync(join(PG_BIN, 'initdb'))) return `PostgreSQL binaries not found in ${PG_BIN} (apt-get install postgresql)`;
  return moduleMissing('pg') ? 'the `pg` npm package is not installed' : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startPostgres(): Promise<RunningStore> {
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-pg-'));
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  execFileSync(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { stdio: 'pipe', ...(owner ?? {}) });
  const port = await freePort();
  const child: ChildProcess = spawn(join(PG_BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner ?? {}),
  });
  let output = '';
  child.stderr?.on('data', (c) => (output += c));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    try {
      execFileSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        async stop() {
          if (child.exitCode === null) {
            child.kill('SIGINT'); // fast shutdown
            await new Promise((r) => child.once('exit', r));
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`postgres did not start: ${output.slice(-2000)}`);
}

export async function startQueueStore(kind: StoreKind): Promise<RunningStore> {
  if (kind === 'postgres') return startPostgres();
  const redis = await startRedisServer();
  return { url: redis.url, stop: () => redis.stop() };
}
