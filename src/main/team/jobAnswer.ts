// A research job's outcome read as its answer: a job that failed on every attempt, text that does not decode, or an
// answer its schema refuses each become the run's error, naming the job. The one reading that factor runs and
// trainings share before checking an answer against the job it answers.
import type { z } from 'zod';
import { err, ok, type Result } from '../../core/model/result';
import { decodeJob } from './jobCodec';
import type { JobOutcome } from './queueBatch';

export type JobAnswerError =
  /** A job failed on every attempt (its reason from the worker). */
  | { readonly code: 'JOB_FAILED'; readonly message: string; readonly job: string }
  /** A worker's answer that is not a valid result for its job: refused, nothing of the run is reported or stored. */
  | { readonly code: 'JOB_RESULT_INVALID'; readonly message: string; readonly job: string };

/** Job `job`'s answer refused, saying why. */
export const invalidAnswer = (job: string, message: string) => err({ code: 'JOB_RESULT_INVALID' as const, message: `job ${job}: ${message}`, job });

/** Job `id`'s outcome decoded and read with `schema`, or why it is refused. */
export function readJobAnswer<T>(id: string, outcome: JobOutcome, schema: z.ZodType<T>): Result<T, JobAnswerError> {
  if (outcome.kind === 'failed') return err({ code: 'JOB_FAILED', message: `job ${id} failed: ${outcome.reason}`, job: id });
  let decoded: unknown;
  try {
    decoded = decodeJob(outcome.value);
  } catch (error) {
    return invalidAnswer(id, (error as Error).message);
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) return invalidAnswer(id, parsed.error.issues.map((i) => `${i.path.join('.') || 'result'}: ${i.message}`).join('; '));
  return ok(parsed.data);
}
