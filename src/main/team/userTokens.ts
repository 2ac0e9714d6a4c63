// The team server's users: one bearer token each, with a role, stored only as a salted scrypt hash in its own SQLite
// file (the CLI writes it beside a running server; WAL lets both in), revocable at once.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/model/result';
import { isRole, type Role } from '../../shared/contracts/roles';
import { openSqlite, type SqliteDatabase, type SqliteMigration } from '../storage/sqlite/database';

export const USER_TOKENS_FILE = 'team-tokens.sqlite';

/** `nat_<id>_<secret>`: the id finds the row without trying every hash; the secret is 256 random bits. */
const TOKEN_PATTERN = /^nat_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const USER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** scrypt's interactive-login cost (N=2^14, r=8, p=1): ~50 ms per check, 16 MiB. */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'user tokens',
    up: `CREATE TABLE user_tokens (
      id TEXT PRIMARY KEY,
      user TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('viewer', 'trader', 'admin')),
      salt BLOB NOT NULL,
      hash BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    )`,
  },
];

export interface Principal {
  readonly user: string;
  readonly role: Role;
  /** The token's id (absent for the workstation's own browser session). */
  readonly tokenId?: string;
}

export interface TokenInfo {
  readonly id: string;
  readonly user: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export type TokenError =
  | { readonly code: 'INVALID_USER'; readonly user: string }
  | { readonly code: 'INVALID_ROLE'; readonly role: string }
  | { readonly code: 'UNKNOWN_TOKEN'; readonly id: string }
  | { readonly code: 'ALREADY_REVOKED'; readonly id: string; readonly revokedAt: number };

interface TokenRow {
  id: string;
  user: string;
  role: string;
  salt: Buffer;
  hash: Buffer;
  created_at: number;
  revoked_at: number | null;
}

const infoOf = (row: TokenRow): TokenInfo => ({ id: row.id, user: row.user, role: row.role as Role, createdAt: row.created_at, revokedAt: row.revoked_at });
/** scrypt off the event loop (libuv's pool): checking a connecting user's token must not stall the order path. */
const scryptAsync = (secret: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex');

export class UserTokens {
  /** Tokens already checked with scrypt in this process (by SHA-256): reconnects skip the slow hash, never the revocation check. */
  private readonly verified = new Map<string, string>();

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {}

  static open(dataDir: string, now: () => number = Date.now): UserTokens {
    return new UserTokens(openSqlite(join(dataDir, USER_TOKENS_FILE), MIGRATIONS), now);
  }

  /** A new token for `user` with `role`: the secret is returned once and never stored. */
  create(user: string, role: string): Result<{ token: string; info: TokenInfo }, TokenError> {
    if (!USER_PATTERN.test(user)) return err({ code: 'INVALID_USER', user });
    if (!isRole(role)) return err({ code: 'INVALID_ROLE', role });
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16);
    const hash = scryptSync(secret, salt, KEY_BYTES, SCRYPT);
    const createdAt = this.now();
    this.db.prepare('INSERT INTO user_tokens (id, user, role, salt, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, user, role, salt, hash, createdAt);
    return ok({ token: `nat_${id}_${secret}`, info: { id, user, role, createdAt, revokedAt: null } });
  }

  list(): TokenInfo[] {
    return (this.db.prepare('SELECT * FROM user_tokens ORDER BY created_at, id').all() as TokenRow[]).map(infoOf);
  }

  revoke(id: string): Result<TokenInfo, TokenError> {
    const row = this.row(id);
    if (!row) return err({ code: 'UNKNOWN_TOKEN', id });
    if (row.revoked_at !== null) return err({ code: 'ALREADY_REVOKED', id, revokedAt: row.revoked_at });
    const revokedAt = this.now();
    this.db.prepare('UPDATE user_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(revokedAt, id);
    return ok({ ...infoOf(row), revokedAt });
  }

  /** Who holds `token`, or undefined when it is malformed, unknown, wrong or revoked. */
  async verify(token: string | undefined): Promise<Principal | undefined> {
    const match = token ? TOKEN_PATTERN.exec(token) : null;
    if (!token || !match) return undefined;
    const [, id, secret] = match as unknown as [string, string, string];
    const row = this.row(id);
    if (!row || row.revoked_at !== null) return undefined;
    const known = this.verified.get(fingerprint(token));
    if (known !== id) {
      const hash = await scryptAsync(secret, row.salt, SCRYPT);
      if (!this.isActive(id)) return undefined; // revoked while hashing
      if (hash.length !== row.hash.length || !timingSafeEqual(hash, row.hash)) return undefined;
      this.verified.set(fingerprint(token), id);
    }
    return { user: row.user, role: row.role as Role, tokenId: id };
  }

  /** Whether token `id` still stands (checked on every call, so a revocation takes effect on open sockets too). */
  isActive(id: string): boolean {
    const row = this.row(id);
    return row !== undefined && row.revoked_at === null;
  }

  close(): void {
    this.db.close();
  }

  private row(id: string): TokenRow | undefined {
    return this.db.prepare('SELECT * FROM user_tokens WHERE id = ?').get(id) as TokenRow | undefined;
  }
}
