// The audit trail across the API: journal records as plain entries, filtered and paged newest first.
import { z } from 'zod';
import { AUDIT_KINDS, type AuditEntry } from '../../core/trading/auditTrail';
import { clientOrderIdSchema } from './trading';
import { symbolSchema } from './market';

export const AUDIT_MAX_LIMIT = 1_000;
export const AUDIT_DEFAULT_LIMIT = 200;
/** Epoch ms up to the year 2100: a time outside is a mistake, not a range. */
const MAX_TIME = 4_102_444_800_000;
const epochMs = () => z.number().int().min(0).max(MAX_TIME);

export const auditQueryInput = z
  .object({
    symbol: symbolSchema.optional(),
    clientOrderId: clientOrderIdSchema.optional(),
    kinds: z.array(z.enum(AUDIT_KINDS)).max(AUDIT_KINDS.length).optional(),
    from: epochMs().optional(),
    to: epochMs().optional(),
    /** Case-insensitive search in id, symbol, side, kind, status and reason. */
    text: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(AUDIT_MAX_LIMIT).optional(),
    /** Paging: entries older than this journal sequence number (the previous page's nextBeforeSeq). */
    beforeSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export interface AuditPage {
  /** Newest first. */
  readonly entries: AuditEntry[];
  /** Pass as beforeSeq for the next (older) page; null when the journal has nothing older to look at. */
  readonly nextBeforeSeq: number | null;
}

export const auditContract = {
  /** The order audit trail from the journal: every submit, ack, modify, cancel, reject (with reason) and fill, with original times. */
  'journal.events': { input: auditQueryInput, output: z.custom<AuditPage>() },
} as const;
