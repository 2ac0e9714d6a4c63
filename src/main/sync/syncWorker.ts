// The sync worker: pushes the SQLite outbox to PostgreSQL in order and idempotently, resumes after any interruption,
// pulls the team's published limits, and reports lag and the last error. Runs in the backend beside the single writer.
import pg from 'pg';
import type { SyncStatus } from '../../shared/contracts/sync';
import { Outbox } from '../storage/outbox/outbox';
import type { SqliteDatabase } from '../storage/sqlite/database';
import { requeueLostTail } from './lostTail';
import { readTeamStrategies, type PublishedStrategy } from './teamStrategies';
import { applyPgMigrations } from './pgMigrations';
import { pushBatch, type WorkstationIdentity } from './pushBatch';
import { buildSyncBatch } from './syncBatch';

/** A team limit set as published: checked and applied by the workstation (with its audit entry). */
export interface PublishedLimits {
  readonly version: number;
  readonly limits: unknown;
  readonly by: string;
}

export interface SyncWorkerOptions {
  readonly db: SqliteDatabase;
  /** postgres://user@host/db (no password). */
  readonly url: string;
  readonly password?: string | undefined;
  readonly identity: WorkstationIdentity;
  readonly now?: () => number;
  /** Outbox entries per PostgreSQL transaction. */
  readonly batchSize?: number;
  /** Pause between pushes when idle (ms). */
  readonly intervalMs?: number;
  /** The longest pause between attempts while the database is down (ms). */
  readonly maxBackoffMs?: number;
  /** How often the team's limits are looked for (ms). */
  readonly pullIntervalMs?: number;
  /** The team version already applied here. */
  readonly appliedTeamVersion?: () => number;
  /** Applies a newer team limit set; returns a reason when it refuses it (the version is then not asked for again). */
  readonly onTeamLimits?: (published: PublishedLimits) => string | undefined;
  /** The newest team strategy version applied or refused here. */
  readonly appliedStrategyVersion?: () => number;
  /** Checks and installs a published strategy version (with its audit entry); a reason when refused. */
  readonly onTeamStrategy?: (published: PublishedStrategy) => Promise<string | undefined>;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
}

/** pg lets the connection string's fields override separate options, so the secret goes into the string itself. */
function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const withSecret = new URL(url);
  withSecret.password = encodeURIComponent(password);
  return withSecret.toString();
}

export class SyncWorker {
  readonly pool: pg.Pool;
  private readonly outbox: Outbox;
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private migrated = false;
  /** Whether the shared record must be checked for what it lost (at start, and after any failure: it may have been restored). */
  private tailCheckDue = true;
  private failures = 0;
  private lastPullAt = -Infinity;
  private refusedTeamVersion = 0;
  private pushed = 0;
  private lastPushAt: number | null = null;
  private lastError: { message: string; at: number } | null = null;

  constructor(private readonly options: SyncWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.outbox = new Outbox(options.db, this.now);
    this.pool = new pg.Pool({
      connectionString: withPassword(options.url, options.password),
      max: 2,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
      application_name: `nautilus-sync ${options.identity.name}`.slice(0, 63),
    });
    // A server that goes away errors idle and busy connections alike; the attempt that used one reports it.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops after the attempt in flight; what is still in the outbox is pushed after the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.pool.end();
  }

  /** Pushes until the outbox is empty, then pulls; throws what stopped it. */
  async drain(): Promise<void> {
    await this.migrate();
    while ((await this.pushOnce()) > 0);
    await this.pull();
  }

  status(): SyncStatus {
    const backlog = this.outbox.backlog();
    const lagMs = backlog.oldestAt === null ? 0 : Math.max(0, this.now() - backlog.oldestAt);
    return {
      state: this.lastError ? 'error' : backlog.pending > 0 ? 'syncing' : 'idle',
      workstationId: this.options.identity.id,
      workstationName: this.options.identity.name,
      target: this.options.url,
      pending: backlog.pending,
      lagMs,
      lastPushAt: this.lastPushAt,
      pushed: this.pushed,
      lastError: this.lastError,
      teamLimitsVersion: this.options.appliedTeamVersion?.() ?? 0,
    };
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.cycle().finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const interval = this.options.intervalMs ?? 1_000;
        const backoff = Math.min(this.options.maxBackoffMs ?? 30_000, interval * 2 ** Math.min(this.failures, 10));
        this.schedule(this.failures > 0 ? backoff : interval);
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async cycle(): Promise<void> {
    try {
      await this.migrate();
      if (this.tailCheckDue) await this.checkLostTail();
      const batchSize = this.options.batchSize ?? 1_000;
      while (!this.stopped && (await this.pushOnce()) === batchSize);
      if (!this.stopped && this.now() - this.lastPullAt >= (this.options.pullIntervalMs ?? 5_000)) await this.pull();
      if (this.lastError) this.options.log?.('info', `sync to ${this.options.url} resumed`);
      this.lastError = null;
      this.failures = 0;
    } catch (error) {
      const message = this.redact((error as Error)?.message ?? String(error));
      if (this.lastError?.message !== message) this.options.log?.('warn', `sync to ${this.options.url} failed, retrying: ${message}`);
      this.lastError = { message, at: this.now() };
      this.failures += 1;
      this.tailCheckDue = true;
    }
  }

  private async migrate(): Promise<void> {
    if (this.migrated) return;
    const client = await this.pool.connect();
    try {
      await applyPgMigrations(client);
      this.migrated = true;
      client.release();
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  /**
   * A shared record that holds less of this workstation than was acknowledged here was restored to an earlier point,
   * or replaced: what it lost is queued again from the local record (the journal, the limit audit, the breaches).
   */
  private async checkLostTail(): Promise<void> {
    const client = await this.pool.connect();
    try {
      const lost = await requeueLostTail(client, this.options.db, this.options.identity.id);
      client.release();
      this.tailCheckDue = false;
      if (lost) {
        this.options.log?.(
          'warn',
          `the shared record holds this workstation's outbox up to ${lost.recordHolds}, but ${lost.acknowledged} was acknowledged: it was restored to an earlier point or replaced; sending again ${lost.journalEntries} journal groups, ${lost.limitChanges} limit changes, ${lost.breaches} breaches and ${lost.models} models`,
        );
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  /** One outbox batch in one PostgreSQL transaction; the entries are forgotten locally only after it committed. */
  private async pushOnce(): Promise<number> {
    const rows = this.outbox.next(this.options.batchSize ?? 1_000);
    if (rows.length === 0) return 0;
    const batch = buildSyncBatch(this.options.db, rows);
    const client = await this.pool.connect();
    try {
      await pushBatch(client, this.options.identity, batch);
      client.release();
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    // A crash between the commit above and this line pushes the batch again: the upserts make that harmless.
    this.outbox.acknowledge(batch.lastOutboxId);
    this.pushed += rows.length;
    this.lastPushAt = this.now();
    return rows.length;
  }

  private async pull(): Promise<void> {
    this.lastPullAt = this.now();
    await this.pullStrategies();
    const apply = this.options.onTeamLimits;
    if (!apply) return;
    const since = Math.max(this.options.appliedTeamVersion?.() ?? 0, this.refusedTeamVersion);
    const result = await this.pool.query<{ version: string; limits: unknown; published_by: string }>(
      'SELECT version, limits, published_by FROM shared_limits WHERE version > $1 ORDER BY version DESC LIMIT 1',
      [since],
    );
    const row = result.rows[0];
    if (!row) return;
    const version = Number(row.version);
    const refused = apply({ version, limits: row.limits, by: row.published_by });
    if (refused !== undefined) {
      this.refusedTeamVersion = version;
      this.options.log?.('warn', `team limits version ${version} refused: ${refused}`);
    }
  }

  /** Strategy versions the team published since the last one seen here, oldest first, each applied or refused. */
  private async pullStrategies(): Promise<void> {
    const apply = this.options.onTeamStrategy;
    if (!apply) return;
    for (const published of await readTeamStrategies(this.pool, this.options.appliedStrategyVersion?.() ?? 0)) {
      const refused = await apply(published);
      const what = `team strategy ${published.name} version ${published.version} published by ${published.by}`;
      this.options.log?.(refused ? 'warn' : 'info', refused ? `${what} refused: ${refused}` : `${what} installed`);
    }
  }

  private redact(message: string): string {
    const secret = this.options.password;
    return secret ? message.split(secret).join('***') : message;
  }
}
