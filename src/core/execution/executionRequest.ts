// The one schema an execution request is checked by, wherever it comes from (the API's execution.submit, a
// strategy's ctx.execute): malformed input is refused naming the field, before the desk sees it.
import { z } from 'zod';
import { err, ok, type Result } from '../model/result';
import type { ExecutionError } from './executionErrors';
import type { ExecutionRequest } from './executionDesk';

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });
const MAX_WINDOW_MS = 7 * 86_400_000;
const durationMs = () => positive().refine((v) => v <= MAX_WINDOW_MS, { message: 'must be at most 7 days' });
const SYMBOL = /^[A-Z0-9][A-Z0-9._\-/]{0,23}$/;

const styleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('SMART'), ioc: z.boolean() }).strict(),
  z.object({ kind: z.literal('TWAP'), durationMs: durationMs(), intervalMs: positive().optional() }).strict(),
  z.object({ kind: z.literal('VWAP'), durationMs: durationMs(), intervalMs: positive().optional(), volumeProfile: z.array(finite()).max(10_000).optional() }).strict(),
  // The range (0, 50%] is checked by the desk, which names the field in its refusal.
  z.object({ kind: z.literal('POV'), durationMs: durationMs(), participation: finite(), intervalMs: positive().optional() }).strict(),
  z.object({ kind: z.literal('ICEBERG'), durationMs: durationMs(), displayQuantity: finite(), intervalMs: positive().optional() }).strict(),
]);

export const executionRequestSchema = z
  .object({
    symbol: z.string().regex(SYMBOL, 'must be an upper-case symbol of at most 24 characters'),
    side: z.enum(['BUY', 'SELL']),
    quantity: positive().refine((v) => v <= 1e9, { message: 'must be at most 1e9' }),
    limitPrice: positive().nullable(),
    urgency: z.enum(['LOW', 'MEDIUM', 'HIGH']).optional(),
    style: styleSchema,
  })
  .strict();

/** The request as the schema reads it, or VALIDATION_FAILED naming the first field at fault (as the API's answer does). */
export function parseExecutionRequest(input: unknown): Result<ExecutionRequest, ExecutionError> {
  const parsed = executionRequestSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
  return err({ code: 'VALIDATION_FAILED', field, message: issue?.message ?? 'invalid request' });
}
