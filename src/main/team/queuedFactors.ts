// A universe factor analysis sent to the research queue instead of the local factors engines: the panel is built here
// once, the factors cut into jobs that each carry it (see factorJob), progress per factor as jobs finish on any
// worker, each result checked against its job before it counts; the first failed or invalid job ends the run (and
// removes the jobs still queued), as does cancelling. Report and storage stay the workstation's (runFactorAnalysis).
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../core/model/result';
import type { AnalyzedFactor } from '../../engines/factors/factorsEngine';
import type { FactorRunError } from '../research/factorReport';
import { analyzeFactors, preparePanel, type FactorAnalyzer, type FactorDeps } from '../research/factorService';
import { chunkFactors, factorJobId, factorJobResultSchema, queuedPanel, resultProblems, type FactorJobPayload } from './factorJob';
import { decodeJob } from './jobCodec';
import { runJobsOnQueue, type JobOutcome } from './queueBatch';
import type { QueueConnection } from './researchQueue';

/** A job's outcome as the analyses of its factors, or why it is refused. */
export function readFactorOutcome(id: string, job: FactorJobPayload, outcome: JobOutcome): Result<AnalyzedFactor[], FactorRunError> {
  if (outcome.kind === 'failed') return err({ code: 'JOB_FAILED', message: `job ${id} failed: ${outcome.reason}`, job: id });
  const invalid = (message: string) => err({ code: 'JOB_RESULT_INVALID' as const, message: `job ${id}: ${message}`, job: id });
  let decoded: unknown;
  try {
    decoded = decodeJob(outcome.value);
  } catch (error) {
    return invalid((error as Error).message);
  }
  const parsed = factorJobResultSchema.safeParse(decoded);
  if (!parsed.success) return invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'result'}: ${i.message}`).join('; '));
  if (!parsed.data.ok) {
    const { factor, error } = parsed.data;
    const expression = job.factors.find((f) => f.name === factor)?.expression;
    if (expression === undefined) return invalid(`an error for '${factor}', which the job did not hold`);
    return err({ ...error, factor, expression } as FactorRunError);
  }
  const problems = resultProblems(job, job.panel.times.length, job.panel.symbols.length, parsed.data.factors);
  return problems.length > 0 ? invalid(problems.join('; ')) : ok(parsed.data.factors);
}

/** Analyses on the queue `connection`, for runFactorAnalysis in place of the local engines. */
export function queuedAnalyzer(connection: QueueConnection): FactorAnalyzer {
  return async (deps, request, factors, options, withValues, control) => {
    const panel = await preparePanel(deps, request, factors);
    if (!panel.ok) return panel;
    const carried = queuedPanel(panel.value);
    if (!carried.ok) return carried;
    const runId = randomUUID();
    const jobs = chunkFactors(factors).map((chunk, index) => {
      const payload: FactorJobPayload = { kind: 'factors', runId, index, factors: chunk.map((f) => ({ name: f.name, expression: f.expression })), options: { ...options, horizons: [...options.horizons] }, returnValues: withValues, panel: carried.value };
      return { id: factorJobId(runId, index), name: 'factors', payload };
    });
    const analyzed: AnalyzedFactor[][] = new Array(jobs.length);
    let failure: FactorRunError | undefined;
    let done = 0;
    const end = await runJobsOnQueue(
      connection,
      jobs,
      async (index, outcome) => {
        const read = readFactorOutcome(jobs[index]!.id, jobs[index]!.payload, outcome);
        if (!read.ok) {
          failure = read.error;
          return 'stop';
        }
        analyzed[index] = read.value;
        for (const f of read.value) control.onProgress?.(++done, factors.length, f.name);
        return 'continue';
      },
      control.signal,
    );
    if (failure) return err(failure);
    if (end !== 'done') return err({ code: 'CANCELLED', message: 'the run was cancelled' });
    return ok({ panel: panel.value, analyzed: analyzed.flat() });
  };
}

/** Where a request's factors are analysed: the local engines, or the queue when asked for and configured. */
export function analyzerFor(deps: Pick<FactorDeps, 'researchQueue'>, on: 'local' | 'queue' | undefined): Result<FactorAnalyzer, FactorRunError> {
  if (on !== 'queue') return ok(analyzeFactors);
  if (!deps.researchQueue) return err({ code: 'RESEARCH_QUEUE_NOT_CONFIGURED', message: 'no research queue is configured (nautilus serve --redis URL, or --redis URL on the command line; NAUTILUS_REDIS_URL by default)' });
  return ok(queuedAnalyzer(deps.researchQueue));
}
