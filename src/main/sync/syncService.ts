// The workstation's sync: reads its settings and secret, runs the worker, and answers sync.* (status, configure,
// firm positions, publishing team limits). Without settings the workstation runs alone and the outbox waits.
import { err, ok, type Result } from '../../core/model/result';
import { validateLimits, type InvalidLimit, type RiskLimit } from '../../core/trading/risk/limits';
import type { FirmPosition, SyncError, SyncStatus } from '../../shared/contracts/sync';
import { Outbox } from '../storage/outbox/outbox';
import type { SqliteDatabase } from '../storage/sqlite/database';
import type { SystemLog } from '../systemLog';
import type { TradingService } from '../trading/tradingService';
import { publishTeamLimits, readFirmPositions } from './sharedRecord';
import type { SyncSecretSource } from './syncSecret';
import { defaultWorkstationName, loadSyncSettings, saveSyncSettings, splitConnectionString, workstationId } from './syncSettings';
import { SyncWorker, type SyncWorkerOptions } from './syncWorker';
import { teamLimitsApplier } from './teamLimits';
import { lastTeamStrategyVersion, publishTeamStrategy, sha256, teamStrategyApplier } from './teamStrategies';
import { loadStrategy, type StrategyDirs, type StrategyError } from '../strategies/strategyLoader';
import { readFileSync } from 'node:fs';

export interface SyncServiceOptions {
  readonly db: SqliteDatabase;
  /** Where the team's published strategies are installed, and where a published one is read from. */
  readonly strategyDirs: StrategyDirs;
  readonly trading: TradingService;
  readonly log: SystemLog;
  readonly secret: SyncSecretSource;
  readonly now?: () => number;
  /** Worker tuning (tests, the benchmark). */
  readonly worker?: Pick<SyncWorkerOptions, 'batchSize' | 'intervalMs' | 'maxBackoffMs' | 'pullIntervalMs'>;
}

const unreachable = (error: unknown): SyncError => ({ code: 'SYNC_UNREACHABLE', message: (error as Error)?.message ?? String(error) });

export class SyncService {
  private worker: SyncWorker | undefined;
  readonly workstationId: string;

  constructor(private readonly options: SyncServiceOptions) {
    this.workstationId = workstationId(options.db);
  }

  /** Starts the worker when settings exist. */
  async start(): Promise<void> {
    const { db, trading, log } = this.options;
    let settings: ReturnType<typeof loadSyncSettings>;
    let password: string | undefined;
    try {
      settings = loadSyncSettings(db);
      password = settings ? await this.options.secret.get() : undefined;
    } catch (error) {
      // The workstation stays fully useful alone: a broken sync setting is reported, never fatal.
      log.error('sync', `sync not started: ${(error as Error).message}`);
      return;
    }
    if (!settings) return;
    this.worker = new SyncWorker({
      db,
      url: settings.url,
      password,
      identity: { id: this.workstationId, name: settings.workstationName },
      ...(this.options.now ? { now: this.options.now } : {}),
      ...this.options.worker,
      appliedTeamVersion: () => trading.limits.appliedTeamVersion(),
      onTeamLimits: teamLimitsApplier(trading, log),
      ...(this.options.strategyDirs.team ? { appliedStrategyVersion: () => lastTeamStrategyVersion(db), onTeamStrategy: teamStrategyApplier(db, this.options.strategyDirs.team, this.options.now ?? Date.now) } : {}),
      log: (level, message) => log.write(level, 'sync', message),
    });
    this.worker.start();
    log.info('sync', `syncing to ${settings.url} as ${settings.workstationName} (${this.workstationId})`);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.stop();
  }

  /** Pushes everything pending now (tests, shutdown); throws when the database cannot be reached. */
  async drain(): Promise<void> {
    await this.worker?.drain();
  }

  status(): SyncStatus {
    if (this.worker) return this.worker.status();
    const backlog = new Outbox(this.options.db).backlog();
    return {
      state: 'off',
      workstationId: this.workstationId,
      workstationName: null,
      target: null,
      pending: backlog.pending,
      lagMs: 0,
      lastPushAt: null,
      pushed: 0,
      lastError: null,
      teamLimitsVersion: this.options.trading.limits.appliedTeamVersion(),
    };
  }

  /** Stores the settings (the password as a secret) and restarts the worker; `disable` stops syncing. */
  async configure(input: { url: string; workstationName?: string | undefined } | { disable: true }): Promise<Result<SyncStatus, SyncError>> {
    await this.stop();
    if ('disable' in input) {
      saveSyncSettings(this.options.db, undefined);
      await this.options.secret.set(undefined);
      this.options.log.info('sync', 'sync to the shared record turned off; the outbox keeps what is not pushed');
      return ok(this.status());
    }
    const split = splitConnectionString(input.url);
    if (!split.ok) return split;
    const previous = loadSyncSettings(this.options.db);
    // The secret first: a password that cannot be kept leaves the settings as they were.
    if (split.value.password !== undefined) await this.options.secret.set(split.value.password);
    saveSyncSettings(this.options.db, { url: split.value.url, workstationName: input.workstationName ?? previous?.workstationName ?? defaultWorkstationName() });
    await this.start();
    return ok(this.status());
  }

  async firmPositions(): Promise<Result<FirmPosition[], SyncError>> {
    if (!this.worker) return err({ code: 'SYNC_NOT_CONFIGURED' });
    try {
      return ok(await readFirmPositions(this.worker.pool, this.workstationId));
    } catch (error) {
      return err(unreachable(error));
    }
  }

  async publishLimits(limits: readonly RiskLimit[], by: string): Promise<Result<{ version: number }, SyncError | InvalidLimit>> {
    if (!this.worker) return err({ code: 'SYNC_NOT_CONFIGURED' });
    const valid = validateLimits(limits);
    if (!valid.ok) return valid;
    try {
      return ok({ version: await publishTeamLimits(this.worker.pool, valid.value, by) });
    } catch (error) {
      return err(unreachable(error));
    }
  }

  /** Publishes one of this workstation's strategies (it must load) for the team; each workstation installs it at its next pull. */
  async publishStrategy(name: string, by: string): Promise<Result<{ version: number; contentHash: string }, SyncError | StrategyError>> {
    if (!this.worker) return err({ code: 'SYNC_NOT_CONFIGURED' });
    const loaded = await loadStrategy(name, this.options.strategyDirs);
    if (!loaded.ok) return loaded;
    const source = readFileSync(loaded.value.file, 'utf8');
    try {
      return ok({ version: await publishTeamStrategy(this.worker.pool, name, source, by), contentHash: sha256(source) });
    } catch (error) {
      return err(unreachable(error));
    }
  }
}
