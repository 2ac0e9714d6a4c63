// The research queue's two stores for tests, both real servers: Redis (tests/support/redisServer.ts; BullMQ also needs
// its `ioredis` driver) and PostgreSQL (tests/support/postgresServer.ts).
import { createRequire } from 'node:module';
import { POSTGRES_SKIP_REASON, PostgresServer, postgresBinDir } from '../../support/postgresServer';
import { redisUnavailable, startRedisServer } from '../../support/redisServer';

export type StoreKind = 'redis' | 'postgres';

export interface RunningStore {
  readonly url: string;
  stop(): Promise<void>;
}

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
  if (!postgresBinDir()) return POSTGRES_SKIP_REASON;
  return moduleMissing('pg') ? 'the `pg` npm package is not installed' : undefined;
}

/** A throwaway PostgreSQL with room for BullMQ's connections from the API and two workers. */
async function startPostgres(): Promise<RunningStore> {
  const server = await PostgresServer.start({ maxConnections: 200 });
  return { url: server.url(), stop: () => server.destroy() };
}

export async function startQueueStore(kind: StoreKind): Promise<RunningStore> {
  if (kind === 'postgres') return startPostgres();
  const redis = await startRedisServer();
  return { url: redis.url, stop: () => redis.stop() };
}
