// A research worker's side of a model-training job: the fold (or final fit) it carries fitted on one ML engine, with
// the very functions the workstation's own training is made of (src/core/ml/walkForwardParts), and the answer encoded:
// a fold's test predictions, the final model as the artifact's JSON, or the fit's own error.
import { UnrecoverableError } from 'bullmq';
import type * as Comlink from 'comlink';
import type { Result } from '../../core/model/result';
import type { MlEngine } from '../../engines/ml/mlEngine';
import type { WalkForwardJobError } from '../../engines/ml/walkForwardJob';
import type { WalkForwardPartReply } from '../../engines/ml/walkForwardPartJob';
import { toJsonFitted } from '../research/mlModelStore';
import { encodeJob } from './jobCodec';
import { mlJobSchema, partOf, type MlJobResult } from './mlJob';

/** Runs `fn` on an ML engine no other job uses meanwhile. */
export type MlEngineUse = <R>(fn: (engine: Comlink.Remote<MlEngine>) => Promise<R>) => Promise<R>;

/** The encoded answer to model-training job `id` (decoded from the store, not yet trusted). */
export async function runMlJob(id: string, decoded: unknown, use: MlEngineUse): Promise<string> {
  const parsed = mlJobSchema.safeParse(decoded);
  if (!parsed.success) throw new UnrecoverableError(`job ${id} is not a model-training job: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'job'}: ${i.message}`).join('; ')}`);
  // Copied to the engine, not moved: a call retried after an engine crash still has the rows.
  const part = partOf(parsed.data);
  const reply = await use((engine): Promise<Result<WalkForwardPartReply, WalkForwardJobError>> => engine.fitWalkForwardPart(part));
  let answer: MlJobResult;
  if (!reply.ok) answer = { ok: false, error: { ...reply.error } };
  else if (reply.value.kind === 'final') answer = { ok: true, kind: 'final', fitted: toJsonFitted(reply.value.model) };
  else {
    const { index, predicted, importance } = reply.value;
    answer = { ok: true, kind: 'fold', index, predicted, ...(importance ? { importance: { mean: importance.mean, sd: importance.sd } } : {}) };
  }
  return encodeJob(answer);
}
