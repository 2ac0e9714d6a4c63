// Shared zod building blocks: every number from outside must be finite.
import { z } from 'zod';

/** z.number() already refuses NaN; this also refuses ±Infinity. */
export const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const positiveInt = (max = Number.MAX_SAFE_INTEGER) => z.number().int().min(1).max(max);

export const empty = z.object({}).strict();

/** Epoch ms from 1970 up to the year 2100: a time outside is a mistake, not a range. */
export const MAX_EPOCH_MS = 4_102_444_800_000;
export const epochMs = () => z.number().int().min(0).max(MAX_EPOCH_MS);
