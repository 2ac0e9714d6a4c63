// What a team server asks of its user store, whichever holds the users: SQLite beside one server (userTokens.ts), or
// PostgreSQL shared by the primary and its replicas (pgUserTokens.ts). The token format and hashing: tokenFormat.ts.
import type { Result } from '../../core/model/result';
import type { Role } from '../../shared/contracts/roles';

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

/** Why a token was not accepted: it is not good, or the store that would say so cannot be reached (fail closed). */
export type VerifyRefusal = { readonly code: 'UNAUTHORIZED' } | { readonly code: 'USER_STORE_UNAVAILABLE'; readonly reason: string };

/** Where a verified token stands now: still good, revoked, or not confirmed recently enough to be trusted. */
export type TokenStanding = { readonly state: 'active' } | { readonly state: 'revoked' } | { readonly state: 'unconfirmed'; readonly reason: string };

/** Whether the store can be reached, for /health (SQLite's file is the record's neighbour: it has no component). */
export interface UserStoreHealth {
  readonly up: boolean;
  readonly reason?: string;
}

export interface UserTokenStore {
  /** Where the users live, for logs and the CLI (a PostgreSQL URL without its password). */
  readonly location: string;
  /** A new token for `user` with `role`: the secret is returned once and never stored. */
  create(user: string, role: string): Promise<Result<{ token: string; info: TokenInfo }, TokenError>>;
  list(): Promise<TokenInfo[]>;
  revoke(id: string): Promise<Result<TokenInfo, TokenError>>;
  /** Who holds `token`; refused when it is malformed, unknown, wrong or revoked, or when the store is unreachable. */
  verify(token: string | undefined): Promise<Result<Principal, VerifyRefusal>>;
  /** Called on every API call: answers at once, without a hash or (for PostgreSQL) a round trip. */
  standing(tokenId: string): TokenStanding;
  /** Null when the store is not a separate service. */
  health(): UserStoreHealth | null;
  close(): Promise<void>;
}

