// The composition root: one backend, built the same way by the Electron main process and the headless host.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkstationApi } from '../shared/contracts/api';
import type { SystemInfo } from '../shared/contracts/system';
import { ENGINE_NAMES } from '../engines/registry';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { engineHandlers } from './api/engineHandlers';
import { systemHandlers } from './api/systemHandlers';
import { MessageBus } from './bus/messageBus';
import type { EngineLauncher } from './engine-host/launcher';
import { EngineSupervisor } from './engine-host/supervisor';
import { openDuckDb, type DuckDbStore } from './storage/duckdb/database';
import { DUCKDB_MIGRATIONS } from './storage/duckdb/migrations';
import { openSqlite, type SqliteDatabase } from './storage/sqlite/database';
import { SQLITE_MIGRATIONS } from './storage/sqlite/migrations';
import { SystemLog } from './systemLog';
import { APP_VERSION } from './version';

export interface WorkstationOptions {
  dataDir: string;
  host: SystemInfo['host'];
  engineLauncher: EngineLauncher;
  engines?: readonly string[];
  now?: () => number;
  /** Supervisor tuning, for tests. */
  restartBackoffMs?: number;
  /** Mirrors log entries elsewhere (the headless host prints them). */
  echoLog?: (line: string) => void;
}

export const SQLITE_FILE = 'workstation.sqlite';
export const DUCKDB_FILE = 'market.duckdb';

export class Workstation {
  readonly bus: MessageBus;
  readonly log: SystemLog;
  readonly supervisor: EngineSupervisor;
  readonly api: WorkstationApi;
  readonly dispatch: Dispatch;
  private readonly startedAt: number;

  private constructor(
    private readonly options: WorkstationOptions,
    readonly sqlite: SqliteDatabase,
    readonly duckdb: DuckDbStore,
  ) {
    const now = options.now ?? Date.now;
    this.startedAt = now();
    this.bus = new MessageBus({ onHandlerError: (error, topic) => this.log.error('bus', `handler for ${topic} failed: ${String(error)}`) });
    const echo = options.echoLog;
    this.log = new SystemLog(this.bus, now, echo ? (e) => echo(`${e.level} ${e.source}: ${e.message}`) : undefined);
    const engines = options.engines ?? ENGINE_NAMES;
    this.supervisor = new EngineSupervisor({
      launcher: options.engineLauncher,
      engines,
      now,
      ...(options.restartBackoffMs ? { baseBackoffMs: options.restartBackoffMs } : {}),
      onHealth: (health) => {
        this.bus.publish('engine.health', health);
        const detail = health.reason ? ` (${health.reason})` : '';
        const level = health.state === 'up' || health.state === 'starting' || health.state === 'stopped' ? 'info' : 'warn';
        this.log.write(level, `engine:${health.name}`, `${health.state}${detail}`);
      },
    });
    this.api = {
      ...systemHandlers(() => this.info(), this.log, now),
      ...engineHandlers(this.supervisor),
    };
    this.dispatch = createDispatcher(this.api, (method, error) =>
      this.log.error('api', `${method} failed: ${(error as Error)?.stack ?? String(error)}`),
    );
  }

  /** Opens (or creates) both stores in the data directory and starts the engines. */
  static async start(options: WorkstationOptions): Promise<Workstation> {
    mkdirSync(options.dataDir, { recursive: true });
    const sqlite = openSqlite(join(options.dataDir, SQLITE_FILE), SQLITE_MIGRATIONS);
    let duckdb: DuckDbStore;
    try {
      duckdb = await openDuckDb(join(options.dataDir, DUCKDB_FILE), DUCKDB_MIGRATIONS);
    } catch (error) {
      sqlite.close();
      throw error;
    }
    const workstation = new Workstation(options, sqlite, duckdb);
    workstation.supervisor.start();
    workstation.log.info('workstation', `started (${options.host}) with data in ${options.dataDir}`);
    return workstation;
  }

  info(): SystemInfo {
    return {
      name: 'Nautilus Workstation',
      version: APP_VERSION,
      host: this.options.host,
      dataDir: this.options.dataDir,
      startedAt: this.startedAt,
      engines: this.supervisor.health().map((h) => h.name),
    };
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.duckdb.close();
    this.sqlite.close();
  }
}
