// The team server's users in its own SQLite file (one server alone: the CLI writes it beside a running server; WAL lets
// both in). Each token is stored only as a salted scrypt hash (tokenFormat.ts), revocable at once.
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/model/result';
import type { Role } from '../../shared/contracts/roles';
import { openSqlite, type SqliteDatabase, type SqliteMigration } from '../storage/sqlite/database';
import { infoOf, mintToken, TokenVerifier, type StoredToken } from './tokenFormat';
import type { Principal, TokenError, TokenInfo, TokenStanding, UserTokenStore, VerifyRefusal } from './userTokenStore';

export const USER_TOKENS_FILE = 'team-tokens.sqlite';

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

interface TokenRow {
  id: string;
  user: string;
  role: string;
  salt: Buffer;
  hash: Buffer;
  created_at: number;
  revoked_at: number | null;
}

const storedOf = (row: TokenRow): StoredToken => ({ id: row.id, user: row.user, role: row.role as Role, createdAt: row.created_at, revokedAt: row.revoked_at, salt: row.salt, hash: row.hash });

export class SqliteUserTokens implements UserTokenStore {
  readonly location: string;
  private readonly verifier: TokenVerifier;
  /** Prepared once: it runs on every API call of every team user. */
  private readonly selectOne: ReturnType<SqliteDatabase['prepare']>;

  private constructor(
    private readonly db: SqliteDatabase,
    file: string,
    private readonly now: () => number,
  ) {
    this.location = file;
    this.selectOne = db.prepare('SELECT * FROM user_tokens WHERE id = ?');
    this.verifier = new TokenVerifier({
      find: async (id) => this.stored(id),
      stillActive: async (id) => this.isActive(id),
      // A local file that cannot be read is a bug or a broken disk, reported as such rather than as a wrong token.
      unavailable: (error) => `the token file ${file} cannot be read: ${(error as Error).message}`,
    });
  }

  static open(dataDir: string, now: () => number = Date.now): SqliteUserTokens {
    const file = join(dataDir, USER_TOKENS_FILE);
    return new SqliteUserTokens(openSqlite(file, MIGRATIONS), file, now);
  }

  async create(user: string, role: string): Promise<Result<{ token: string; info: TokenInfo }, TokenError>> {
    const minted = mintToken(user, role, this.now());
    if (!minted.ok) return minted;
    const t = minted.value.stored;
    this.db.prepare('INSERT INTO user_tokens (id, user, role, salt, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(t.id, t.user, t.role, t.salt, t.hash, t.createdAt);
    return ok({ token: minted.value.token, info: infoOf(t) });
  }

  async list(): Promise<TokenInfo[]> {
    return (this.db.prepare('SELECT * FROM user_tokens ORDER BY created_at, id').all() as TokenRow[]).map((row) => infoOf(storedOf(row)));
  }

  async revoke(id: string): Promise<Result<TokenInfo, TokenError>> {
    const row = this.stored(id);
    if (!row) return err({ code: 'UNKNOWN_TOKEN', id });
    if (row.revokedAt !== null) return err({ code: 'ALREADY_REVOKED', id, revokedAt: row.revokedAt });
    const revokedAt = this.now();
    this.db.prepare('UPDATE user_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(revokedAt, id);
    return ok({ ...infoOf(row), revokedAt });
  }

  verify(token: string | undefined): Promise<Result<Principal, VerifyRefusal>> {
    return this.verifier.verify(token);
  }

  /** Read from the file on every call (a local read, microseconds), so a revocation stops open sockets at once. */
  standing(tokenId: string): TokenStanding {
    return this.isActive(tokenId) ? { state: 'active' } : { state: 'revoked' };
  }

  health(): null {
    return null;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private isActive(id: string): boolean {
    const row = this.stored(id);
    return row !== undefined && row.revokedAt === null;
  }

  private stored(id: string): StoredToken | undefined {
    const row = this.selectOne.get(id) as TokenRow | undefined;
    return row && storedOf(row);
  }
}
