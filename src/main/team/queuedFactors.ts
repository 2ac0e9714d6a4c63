// A universe factor run sent to the research queue instead of the local factors engines: the panel is built here
// once, the factors cut into jobs that each carry it (see factorJob), progress per factor as jobs finish on any
// worker, each answer checked against its job before it counts; the first failed or invalid job ends the run (and
// removes the jobs still queued), as does cancelling. Reports and storage stay the workstation's (factorService).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Panel } from '../../core/factors';
import { err, ok, type Result } from '../../core/model/result';
import type { AnalyzedFactor } from '../../engines/factors/factorsEngine';
import type { FactorRunError } from '../research/factorReport';
import { analyzeFactors, evaluateFactors, preparePanel, type FactorAnalyzer, type FactorControl, type FactorDeps, type FactorEvaluator, type NamedExpression } from '../research/factorService';
import { analysisProblems, chunkFactors, factorJobId, factorJobResultSchema, factorValuesResultSchema, queuedPanel, valuesProblems, type FactorJobPayload, type FactorValues } from './factorJob';
import { invalidAnswer, readJobAnswer } from './jobAnswer';
import { readJobsOnQueue, type JobOutcome } from './queueBatch';
import { queueNotConfigured, type QueueConnection } from './researchQueue';

type Answer<T> = { ok: true; factors: T[] } | { ok: false; factor: string; error: { code: string; message: string } };

/** A job's outcome read with `schema` and checked by `problems`, or why it is refused (a factor's own error carries its expression). */
function readOutcome<T>(id: string, job: FactorJobPayload, outcome: JobOutcome, schema: z.ZodType<Answer<T>>, problems: (factors: T[]) => string[]): Result<T[], FactorRunError> {
  const invalid = (message: string) => invalidAnswer(id, message);
  const read = readJobAnswer(id, outcome, schema);
  if (!read.ok) return read;
  const answer = read.value;
  if (!answer.ok) {
    const { factor, error } = answer;
    const expression = job.factors.find((f) => f.name === factor)?.expression;
    if (expression === undefined) return invalid(`an error for '${factor}', which the job did not hold`);
    return err({ ...error, factor, expression } as FactorRunError);
  }
  const found = problems(answer.factors);
  return found.length > 0 ? invalid(found.join('; ')) : ok(answer.factors);
}

/** An analysis job's outcome as the analyses of its factors, or why it is refused. */
export function readFactorOutcome(id: string, job: FactorJobPayload, outcome: JobOutcome): Result<AnalyzedFactor[], FactorRunError> {
  const task = job.task;
  if (task.kind !== 'analyze') throw new Error(`job ${id} is a ${task.kind} job, not an analysis`);
  return readOutcome(id, job, outcome, factorJobResultSchema as z.ZodType<Answer<AnalyzedFactor>>, (factors) => analysisProblems(job, task, job.panel.times.length, job.panel.symbols.length, factors));
}

/** A compute job's outcome as its factors' values, or why it is refused. */
export function readValuesOutcome(id: string, job: FactorJobPayload, outcome: JobOutcome): Result<FactorValues[], FactorRunError> {
  return readOutcome(id, job, outcome, factorValuesResultSchema, (factors) => valuesProblems(job, job.panel.times.length, job.panel.symbols.length, factors));
}

/** The factors over `panel` as jobs for `task`, each answer read by `read`; the factors' results in request order. */
async function runOnQueue<T extends { name: string }>(
  connection: QueueConnection,
  panel: Panel,
  factors: readonly NamedExpression[],
  task: FactorJobPayload['task'],
  read: (id: string, job: FactorJobPayload, outcome: JobOutcome) => Result<T[], FactorRunError>,
  control: FactorControl,
): Promise<Result<T[], FactorRunError>> {
  const carried = queuedPanel(panel);
  if (!carried.ok) return carried;
  const runId = randomUUID();
  const jobs = chunkFactors(factors).map((chunk, index) => {
    const payload: FactorJobPayload = { kind: 'factors', runId, index, factors: chunk.map((f) => ({ name: f.name, expression: f.expression })), task, panel: carried.value };
    return { id: factorJobId(runId, index), name: 'factors', payload };
  });
  const results: T[][] = new Array(jobs.length);
  let done = 0;
  const end = await readJobsOnQueue(
    connection,
    jobs,
    (index, outcome) => read(jobs[index]!.id, jobs[index]!.payload, outcome),
    (index, answer) => {
      results[index] = answer;
      for (const f of answer) control.onProgress?.(++done, factors.length, f.name);
    },
    control.signal,
  );
  if (!end.ok) return end;
  if (end.value !== 'done') return err({ code: 'CANCELLED', message: 'the run was cancelled' });
  return ok(results.flat());
}

/** Analyses on the queue `connection`, for runFactorAnalysis in place of the local engines. */
export function queuedAnalyzer(connection: QueueConnection): FactorAnalyzer {
  return async (deps, request, factors, options, withValues, control) => {
    const panel = await preparePanel(deps, request, factors);
    if (!panel.ok) return panel;
    const task = { kind: 'analyze' as const, options: { ...options, horizons: [...options.horizons] }, returnValues: withValues };
    const analyzed = await runOnQueue(connection, panel.value, factors, task, readFactorOutcome, control);
    return analyzed.ok ? ok({ panel: panel.value, analyzed: analyzed.value }) : analyzed;
  };
}

/** Factor values on the queue `connection`, for computeFactors in place of the local engines. */
export function queuedEvaluator(connection: QueueConnection): FactorEvaluator {
  return (_deps, panel, factors, control) => runOnQueue(connection, panel, factors, { kind: 'compute' }, readValuesOutcome, control);
}

/** Where a request's factors are analysed: the local engines, or the queue when asked for and configured. */
export function analyzerFor(deps: Pick<FactorDeps, 'researchQueue'>, on: 'local' | 'queue' | undefined): Result<FactorAnalyzer, FactorRunError> {
  if (on !== 'queue') return ok(analyzeFactors);
  return deps.researchQueue ? ok(queuedAnalyzer(deps.researchQueue)) : err(queueNotConfigured());
}

/** Where a compute request's factors are evaluated: the local engines, or the queue when asked for and configured. */
export function evaluatorFor(deps: Pick<FactorDeps, 'researchQueue'>, on: 'local' | 'queue' | undefined): Result<FactorEvaluator, FactorRunError> {
  if (on !== 'queue') return ok(evaluateFactors);
  return deps.researchQueue ? ok(queuedEvaluator(deps.researchQueue)) : err(queueNotConfigured());
}
