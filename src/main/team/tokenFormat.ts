// The one home of the team users' token format (`nat_<id>_<secret>`), its salted scrypt hash and the steps of a
// verification, shared by both user stores.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { err, ok, type Result } from '../../core/model/result';
import { isRole } from '../../shared/contracts/roles';
import type { Principal, TokenError, TokenInfo, VerifyRefusal } from './userTokenStore';

/** A token as stored: never the secret, only its salted hash. */
export interface StoredToken extends TokenInfo {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** `nat_<id>_<secret>`: the id finds the row without trying every hash; the secret is 256 random bits. */
const TOKEN_PATTERN = /^nat_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const USER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** scrypt's interactive-login cost (N=2^14, r=8, p=1): ~50 ms per check, 16 MiB. */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

/** scrypt off the event loop (libuv's pool): checking a connecting user's token must not stall the order path. */
const scryptAsync = (secret: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new token's secret (returned once) and the row to store for it; the caller supplies the time. */
export function mintToken(user: string, role: string, createdAt: number): Result<{ token: string; stored: StoredToken }, TokenError> {
  if (!USER_PATTERN.test(user)) return err({ code: 'INVALID_USER', user });
  if (!isRole(role)) return err({ code: 'INVALID_ROLE', role });
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, KEY_BYTES, SCRYPT);
  return ok({ token: `nat_${id}_${secret}`, stored: { id, user, role, createdAt, revokedAt: null, salt, hash } });
}

export const infoOf = (t: TokenInfo): TokenInfo => ({ id: t.id, user: t.user, role: t.role, createdAt: t.createdAt, revokedAt: t.revokedAt });

/** How a store reads one token (throws when it cannot be reached: the verifier turns that into a refusal). */
export interface TokenLookup {
  find(id: string): Promise<StoredToken | undefined>;
  /** Called once the hash matched: the token was not revoked while it was being hashed. */
  stillActive(id: string): Promise<boolean>;
  /** Why a throw from find/stillActive means the store is unreachable (message for the client and the log). */
  unavailable(error: unknown): string;
}

/** The steps of a verification both stores share, and the tokens already hashed once in this process. */
export class TokenVerifier {
  /** Tokens already checked with scrypt (by SHA-256): reconnects skip the slow hash, never the revocation check. */
  private readonly verified = new Map<string, string>();

  constructor(private readonly lookup: TokenLookup) {}

  async verify(token: string | undefined): Promise<Result<Principal, VerifyRefusal>> {
    const match = token ? TOKEN_PATTERN.exec(token) : null;
    if (!token || !match) return err({ code: 'UNAUTHORIZED' });
    const [, id, secret] = match as unknown as [string, string, string];
    try {
      const row = await this.lookup.find(id);
      if (!row || row.revokedAt !== null) return err({ code: 'UNAUTHORIZED' });
      if (this.verified.get(fingerprint(token)) !== id) {
        const hash = await scryptAsync(secret, row.salt, SCRYPT);
        if (!(await this.lookup.stillActive(id))) return err({ code: 'UNAUTHORIZED' }); // revoked while hashing
        if (hash.length !== row.hash.length || !timingSafeEqual(hash, row.hash)) return err({ code: 'UNAUTHORIZED' });
        this.verified.set(fingerprint(token), id);
      }
      return ok({ user: row.user, role: row.role, tokenId: id });
    } catch (error) {
      return err({ code: 'USER_STORE_UNAVAILABLE', reason: this.lookup.unavailable(error) });
    }
  }
}
