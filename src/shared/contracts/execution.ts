// SMART orders, execution algorithms and TCA across the API (issue 18). Refusals (no venue, bad window, risk) come
// back as Result values naming the field; only malformed input fails the call itself.
import { z } from 'zod';
import type { ExecutionError } from '../../core/execution/executionErrors';
import type { ParentDetail } from '../../core/execution/executionDesk';
import type { ExecutionParent } from '../../core/execution/parentOrder';
import type { TcaGroup, TcaReport } from '../../core/execution/tca';
import type { VenueSummary } from '../../core/execution/venueStats';
import type { Result } from '../../core/model/result';
import { executionRequestSchema } from '../../core/execution/executionRequest';
import type { VenueView } from '../../core/execution/venueView';
import { epochMs, finite } from './schemas';
import { clientOrderIdSchema } from './trading';
import { symbolSchema } from './market';

const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });

const parentIdInput = z.object({ parentId: clientOrderIdSchema }).strict();

export type ParentResult = Result<ExecutionParent, ExecutionError>;

export const executionContract = {
  /** Checked by the one schema core keeps: a strategy's ctx.execute is checked by it too. */
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
  /** Every venue SMART can route to, for one symbol: its state, costs, and displayed book (quotes and depth). */
  'execution.venues': { input: z.object({ symbol: symbolSchema }).strict(), output: z.custom<VenueView[]>() },
  'tca.report': { input: parentIdInput, output: z.custom<TcaReport | null>() },
  'tca.rollup': { input: z.object({ by: z.enum(['venue', 'algo']), from: epochMs(), to: epochMs() }).strict(), output: z.custom<TcaGroup[]>() },
} as const;
