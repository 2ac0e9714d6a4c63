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
import { MarketStore } from './storage/market/marketStore';
import { seedSyntheticHistory } from './storage/market/seedSyntheticHistory';
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
  /** History the synthetic market is seeded with on first start; false for none (tests). */
  syntheticHistory?: { seed: number; years: number; minuteDays: number } | false;
}

/** Ten years of daily bars and thirty days of minute bars, as the simulated exchange's past. */
export const DEFAULT_SYNTHETIC_HISTORY = { seed: 20_260_101, years: 10, minuteDays: 30 } as const;

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
    readonly market: MarketStore,
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
    let market: MarketStore;
    try {
      market = await MarketStore.open(join(options.dataDir, DUCKDB_FILE));
    } catch (error) {
      sqlite.close();
      throw error;
    }
    const workstation = new Workstation(options, sqlite, market);
    workstation.supervisor.start();
    try {
      await workstation.seedHistoryIfEmpty(options.syntheticHistory ?? DEFAULT_SYNTHETIC_HISTORY);
    } catch (error) {
      await workstation.stop();
      throw error;
    }
    workstation.log.info('workstation', `started (${options.host}) with data in ${options.dataDir}`);
    return workstation;
  }

  /** A fresh data directory gets the synthetic market's history, so charts and research work with no account. */
  private async seedHistoryIfEmpty(history: WorkstationOptions['syntheticHistory']): Promise<void> {
    if (!history || (await this.market.countBars()) > 0) return;
    this.log.info('store', `seeding ${history.years} years of synthetic daily bars and ${history.minuteDays} days of minute bars…`);
    let lastPhase = '';
    const seeded = await seedSyntheticHistory(this.market, {
      ...history,
      progress: (p) => {
        if (p.phase !== lastPhase) this.log.info('store', `seeding: ${p.phase}`);
        lastPhase = p.phase;
      },
    });
    if (!seeded.ok) return; // another writer filled it meanwhile: nothing to do
    const r = seeded.value;
    this.log.info('store', `seeded ${r.symbols} symbols: ${r.dailyBars} daily, ${r.minuteBars} minute, ${r.resampledBars} resampled bars in ${Math.round(r.durationMs)} ms`);
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
    this.market.close();
    this.sqlite.close();
  }
}
