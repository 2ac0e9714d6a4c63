// Which user store a server or the token CLI opens: the team's PostgreSQL when given one (shared by every server),
// else the token file in the data directory (one server alone).
import { PgUserTokens } from './pgUserTokens';
import { SqliteUserTokens } from './userTokens';
import type { UserTokenStore } from './userTokenStore';

export interface UserStoreChoice {
  readonly dataDir: string;
  /** postgres://… (with its password); absent: the SQLite token file. */
  readonly postgresUrl?: string;
  /** A server confirms its clients' tokens continuously; the CLI does not. */
  readonly watch?: boolean;
}

export function openUserTokenStore(choice: UserStoreChoice): UserTokenStore {
  if (choice.postgresUrl !== undefined) return new PgUserTokens(choice.postgresUrl, { watch: choice.watch ?? false });
  return SqliteUserTokens.open(choice.dataDir);
}

/** A PostgreSQL URL's problem in words, or undefined when it is one (checked before anything is opened). */
export function postgresUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL (expected postgres://user:password@host:5432/database)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return `must start with postgres:// or postgresql://, not ${parsed.protocol}//`;
  if (!parsed.hostname) return 'names no host';
  return undefined;
}
