// Shared zod building blocks: every number from outside must be finite.
import { z } from 'zod';

/** z.number() already refuses NaN; this also refuses ±Infinity. */
export const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const positiveInt = (max = Number.MAX_SAFE_INTEGER) => z.number().int().min(1).max(max);

export const empty = z.object({}).strict();

/** The instants any stored or requested market time may take: 1900-01-01 to 2200-01-01 UTC, in epoch ms. */
export const EPOCH_MS_RANGE = { min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) } as const;

/** An instant in epoch milliseconds within EPOCH_MS_RANGE (±1e308 is a number, not a time). */
export const epochMs = () =>
  finite().refine((t) => t >= EPOCH_MS_RANGE.min && t <= EPOCH_MS_RANGE.max, {
    message: `must be epoch milliseconds between ${EPOCH_MS_RANGE.min} (1900-01-01) and ${EPOCH_MS_RANGE.max} (2200-01-01)`,
  });
