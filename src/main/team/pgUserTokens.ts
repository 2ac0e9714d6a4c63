// The team server's users in PostgreSQL (table team_user_tokens, migration 6), shared by the primary and every
// replica, so one token works on all of them and one revocation reaches all of them. A server confirms the tokens
// its clients hold with one small query every REFRESH_MS; each API call reads that answer from memory, and trusts it
// for at most STALE_AFTER_MS: a token revoked anywhere is refused on every server within that bound, and when the
// database cannot confirm, team users are refused (fail closed) rather than trusted on an old answer.
import pg from 'pg';
import { err, ok, type Result } from '../../core/model/result';
import type { Role } from '../../shared/contracts/roles';
import { applyPgMigrations } from '../sync/pgMigrations';
import { infoOf, mintToken, TokenVerifier, type StoredToken } from './tokenFormat';
import type { Principal, TokenError, TokenInfo, TokenStanding, UserStoreHealth, UserTokenStore, VerifyRefusal } from './userTokenStore';

/** How often a server asks the database whether its clients' tokens still stand. */
export const REFRESH_MS = 250;
/** The longest a server trusts a confirmation: the bound on a revocation reaching every server (documented). */
export const STALE_AFTER_MS = 1_000;

interface TokenRow {
  id: string;
  user_name: string;
  role: string;
  salt: Buffer;
  hash: Buffer;
  created_at: string;
  revoked_at: string | null;
}

const storedOf = (row: TokenRow): StoredToken => ({
  id: row.id,
  user: row.user_name,
  role: row.role as Role,
  createdAt: Number(row.created_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  salt: row.salt,
  hash: row.hash,
});

/** The URL with its password masked: it names the store in logs, /health and errors. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable PostgreSQL URL)';
  }
}

/** What this server last learned of a token it verified: revoked is final; active holds until it is too old. */
type Confirmation = { readonly state: 'revoked' } | { readonly state: 'active'; readonly at: number };

export interface PgUserTokensOptions {
  /** Confirm the verified tokens every REFRESH_MS (a server); the CLI only creates, lists and revokes. */
  readonly watch?: boolean;
  /** Wall-clock time for created/revoked stamps. */
  readonly now?: () => number;
  /** A monotonic clock for the age of a confirmation. */
  readonly clock?: () => number;
}

export class PgUserTokens implements UserTokenStore {
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly verifier: TokenVerifier;
  private readonly now: () => number;
  private readonly clock: () => number;
  private readonly confirmed = new Map<string, Confirmation>();
  private migrated: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<void> | undefined;
  private closed = false;
  /** Why the last attempt to reach the database failed, or null after one succeeded. */
  private lastError: string | null = null;
  private reached = false;

  constructor(url: string, options: PgUserTokensOptions = {}) {
    this.location = redactedUrl(url);
    this.now = options.now ?? Date.now;
    this.clock = options.clock ?? (() => performance.now());
    this.pool = new pg.Pool({
      connectionString: url,
      max: 3,
      // A login waits at most this long on a database that does not answer, then is refused.
      connectionTimeoutMillis: 2_000,
      query_timeout: 2_000,
      idleTimeoutMillis: 10_000,
      application_name: 'nautilus-users',
    });
    // A server that goes away errors idle and busy connections alike; the query that used one reports it.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.verifier = new TokenVerifier({
      find: (id) => this.find(id),
      stillActive: async (id) => (await this.find(id))?.revokedAt === null,
      unavailable: (error) => this.unreachable(error),
    });
    if (options.watch) this.schedule(0);
  }

  async create(user: string, role: string): Promise<Result<{ token: string; info: TokenInfo }, TokenError>> {
    const minted = mintToken(user, role, this.now());
    if (!minted.ok) return minted;
    const t = minted.value.stored;
    await this.query('INSERT INTO team_user_tokens (id, user_name, role, salt, hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [t.id, t.user, t.role, t.salt, t.hash, t.createdAt]);
    return ok({ token: minted.value.token, info: infoOf(t) });
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.query('SELECT * FROM team_user_tokens ORDER BY created_at, id');
    return rows.map((row) => infoOf(storedOf(row)));
  }

  /** One statement, so two servers revoking at once cannot both succeed. */
  async revoke(id: string): Promise<Result<TokenInfo, TokenError>> {
    const [row] = await this.query('UPDATE team_user_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING *', [this.now(), id]);
    if (row) return ok(infoOf(storedOf(row)));
    const existing = await this.find(id);
    if (!existing) return err({ code: 'UNKNOWN_TOKEN', id });
    return err({ code: 'ALREADY_REVOKED', id, revokedAt: existing.revokedAt ?? 0 });
  }

  verify(token: string | undefined): Promise<Result<Principal, VerifyRefusal>> {
    return this.verifier.verify(token);
  }

  standing(tokenId: string): TokenStanding {
    const known = this.confirmed.get(tokenId);
    if (known === undefined || known.state === 'revoked') return { state: 'revoked' };
    const age = this.clock() - known.at;
    if (age <= STALE_AFTER_MS) return { state: 'active' };
    return { state: 'unconfirmed', reason: `the user store (PostgreSQL) has not confirmed this token for ${Math.round(age)} ms: ${this.lastError ?? 'no answer yet'}` };
  }

  health(): UserStoreHealth {
    if (this.lastError === null && this.reached) return { up: true };
    return { up: false, reason: `user store ${this.location} unreachable (${this.lastError ?? 'not reached yet'}): team users cannot log in and their calls are refused` };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.refreshing;
    await this.pool.end();
  }

  private unreachable(error: unknown): string {
    return `the user store (PostgreSQL at ${this.location}) cannot be reached: ${(error as Error)?.message ?? String(error)}`;
  }

  /** Every statement goes through here: the schema first (once it is in place), and reachability for /health. */
  private async query(text: string, values: unknown[] = []): Promise<TokenRow[]> {
    try {
      this.migrated ??= this.migrate();
      await this.migrated;
      const result = await this.pool.query<TokenRow>(text, values);
      this.lastError = null;
      this.reached = true;
      return result.rows;
    } catch (error) {
      this.lastError = (error as Error)?.message ?? String(error);
      throw error;
    }
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect().catch((error: unknown) => {
      this.migrated = undefined; // tried again by the next statement
      throw error;
    });
    try {
      await applyPgMigrations(client);
      client.release();
    } catch (error) {
      client.release(error as Error);
      this.migrated = undefined;
      throw error;
    }
  }

  /** Reads one token, and records what it says as a confirmation as of when the question was asked. */
  private async find(id: string): Promise<StoredToken | undefined> {
    const asked = this.clock();
    const [row] = await this.query('SELECT * FROM team_user_tokens WHERE id = $1', [id]);
    if (!row) return undefined; // an unknown id is remembered nowhere: guessing ids cannot grow this process
    const stored = storedOf(row);
    this.confirm(id, asked, stored.revokedAt === null);
    return stored;
  }

  private confirm(id: string, asked: number, active: boolean): void {
    const known = this.confirmed.get(id);
    if (!active) this.confirmed.set(id, { state: 'revoked' });
    else if (known === undefined || (known.state === 'active' && known.at < asked)) this.confirmed.set(id, { state: 'active', at: asked });
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.refreshing = this.refresh()
        .catch(() => undefined) // recorded in lastError; the confirmations age and calls are refused
        .finally(() => {
          this.refreshing = undefined;
          this.schedule(REFRESH_MS);
        });
    }, delayMs);
    this.timer.unref?.();
  }

  /** One query for every token this server still trusts: a row gone or revoked is revoked here. */
  private async refresh(): Promise<void> {
    const ids = [...this.confirmed].filter(([, c]) => c.state === 'active').map(([id]) => id);
    const asked = this.clock();
    const rows = await this.query('SELECT id, revoked_at FROM team_user_tokens WHERE id = ANY($1::text[])', [ids]);
    const standing = new Map(rows.map((r) => [r.id, r.revoked_at === null]));
    for (const id of ids) this.confirm(id, asked, standing.get(id) === true);
  }
}
