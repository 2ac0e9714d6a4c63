// SMART orders, execution algorithms and TCA across the API (issue 18). Refusals (no venue, bad window, risk) come
// back as Result values naming the field; only malformed input fails the call itself.
import { z } from 'zod';
import type { ExecutionError } from '../../core/execution/executionErrors';
import type { ParentDetail } from '../../core/execution/executionDesk';
import type { ExecutionParent } from '../../core/execution/parentOrder';
import type { TcaGroup, TcaReport } from '../../core/execution/tca';
import type { VenueSummary } from '../../core/execution/venueStats';
import type { Result } from '../../core/model/result';
import { epochMs, finite } from './schemas';
import { symbolSchema } from './market';
import { clientOrderIdSchema } from './trading';

const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });
const MAX_WINDOW_MS = 7 * 86_400_000;
const durationMs = () => positive().refine((v) => v <= MAX_WINDOW_MS, { message: 'must be at most 7 days' });

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
    symbol: symbolSchema,
    side: z.enum(['BUY', 'SELL']),
    quantity: positive().refine((v) => v <= 1e9, { message: 'must be at most 1e9' }),
    limitPrice: positive().nullable(),
    urgency: z.enum(['LOW', 'MEDIUM', 'HIGH']).optional(),
    style: styleSchema,
  })
  .strict();

const parentIdInput = z.object({ parentId: clientOrderIdSchema }).strict();

export type ParentResult = Result<ExecutionParent, ExecutionError>;

export const executionContract = {
  'execution.submit': { input: executionRequestSchema, output: z.custom<ParentResult>() },
  'execution.cancel': { input: parentIdInput, output: z.custom<ParentResult>() },
  'execution.pause': { input: parentIdInput, output: z.custom<ParentResult>() },
  'execution.resume': { input: parentIdInput, output: z.custom<ParentResult>() },
  'execution.modify': {
    input: z.object({ parentId: clientOrderIdSchema, quantity: positive().optional(), limitPrice: positive().optional() }).strict(),
    output: z.custom<ParentResult>(),
  },
  'execution.parents': { input: z.object({}).strict(), output: z.custom<ExecutionParent[]>() },
  /** A parent with its children and every routing decision, with the inputs it was made from. */
  'execution.detail': { input: parentIdInput, output: z.custom<ParentDetail | null>() },
  'execution.venueStats': { input: z.object({}).strict(), output: z.custom<VenueSummary[]>() },
  'tca.report': { input: parentIdInput, output: z.custom<TcaReport | null>() },
  'tca.rollup': { input: z.object({ by: z.enum(['venue', 'algo']), from: epochMs(), to: epochMs() }).strict(), output: z.custom<TcaGroup[]>() },
} as const;
