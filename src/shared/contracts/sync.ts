// The sync to the shared PostgreSQL record across the API: its status, its settings, firm-wide positions, team limits.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import type { InvalidLimit } from '../../core/trading/risk/limits';
import { riskLimitSchema } from './risk';
import { empty } from './schemas';

/** off: not configured; syncing: pushing a backlog; idle: nothing pending; error: the last attempt failed (retrying). */
export type SyncState = 'off' | 'syncing' | 'idle' | 'error';

export interface SyncStatus {
  readonly state: SyncState;
  readonly workstationId: string;
  readonly workstationName: string | null;
  /** The database, without its password. */
  readonly target: string | null;
  /** Outbox entries not yet in the shared record. */
  readonly pending: number;
  /** Age of the oldest pending entry (ms); 0 when nothing is pending. */
  readonly lagMs: number;
  readonly lastPushAt: number | null;
  /** Outbox entries pushed since start. */
  readonly pushed: number;
  readonly lastError: { readonly message: string; readonly at: number } | null;
  /** The team limit version applied here (0: none). */
  readonly teamLimitsVersion: number;
}

/** One workstation's net position in one symbol, from the shared record's fills. */
export interface FirmPosition {
  readonly workstationId: string;
  readonly workstation: string;
  readonly self: boolean;
  readonly account: string;
  readonly symbol: string;
  readonly quantity: number;
  /** Cash paid (negative) or received (positive) for the fills, before commission. */
  readonly netCash: number;
  readonly fills: number;
  readonly lastFillAt: number;
}

export type SyncError =
  | { readonly code: 'SYNC_NOT_CONFIGURED' }
  | { readonly code: 'INVALID_SYNC_URL'; readonly reason: string }
  | { readonly code: 'SYNC_UNREACHABLE'; readonly message: string };

export const syncConfigureInput = z.union([
  z
    .object({
      /** postgres://user:password@host:5432/database; the password is kept apart, as a secret. */
      url: z.string().min(1).max(2_000),
      workstationName: z.string().min(1).max(100).optional(),
    })
    .strict(),
  z.object({ disable: z.literal(true) }).strict(),
]);

export const syncContract = {
  'sync.status': { input: empty, output: z.custom<SyncStatus>() },
  'sync.configure': { input: syncConfigureInput, output: z.custom<Result<SyncStatus, SyncError>>() },
  /** Every workstation's positions in the shared record (read-only). */
  'sync.firmPositions': { input: empty, output: z.custom<Result<FirmPosition[], SyncError>>() },
  /** Publishes a limit set for the whole team; each workstation applies it, with an audit entry, at its next pull. */
  'sync.publishLimits': {
    input: z.object({ limits: z.array(riskLimitSchema).max(500) }).strict(),
    output: z.custom<Result<{ version: number }, SyncError | InvalidLimit>>(),
  },
  /** Publishes one of this workstation's strategies (it must load) for the team; each workstation installs it, with an audit entry, at its next pull. */
  'sync.publishStrategy': {
    input: z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a strategy name (lower-case letters, digits and -)') }).strict(),
    output: z.custom<Result<{ version: number; contentHash: string }, SyncError | { readonly code: string; readonly [key: string]: unknown }>>(),
  },
} as const;

