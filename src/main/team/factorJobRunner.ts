// A research worker's side of a factor job: the panel it carries loaded on one factors engine, each factor analysed
// (or evaluated) there exactly as the workstation's own run does (the same engine call), and the answer encoded.
import { UnrecoverableError } from 'bullmq';
import type * as Comlink from 'comlink';
import type { FactorSpec } from '../../core/factors';
import { assertNever } from '../../core/model/assert';
import type { FactorsEngine, PanelMessage } from '../../engines/factors/factorsEngine';
import { factorJobSchema, type FactorJobPayload, type FactorJobResult, type FactorValuesResult } from './factorJob';
import { encodeJob } from './jobCodec';

/** Runs `fn` on a factors engine no other job uses meanwhile. */
export type FactorsEngineUse = <R>(fn: (engine: Comlink.Remote<FactorsEngine>) => Promise<R>) => Promise<R>;

const specOf = (f: FactorJobPayload['factors'][number]): FactorSpec => ({ kind: 'expression', expression: f.expression, name: f.name });

/** Each factor of the job through `call`; the first error ends it. An engine that lost the panel (it restarted) throws, so the queue retries the job. */
async function eachFactor<V>(id: string, job: FactorJobPayload, call: (spec: FactorSpec) => Promise<{ ok: true; value: V } | { ok: false; error: { code: string; message: string } }>) {
  const out: V[] = [];
  for (const f of job.factors) {
    const result = await call(specOf(f));
    if (!result.ok && result.error.code === 'NO_PANEL') throw new Error(`job ${id}: ${result.error.message}`);
    if (!result.ok) return { ok: false as const, factor: f.name, error: { ...result.error } };
    out.push(result.value);
  }
  return { ok: true as const, factors: out };
}

/** The encoded answer to factor job `id` (decoded from the store, not yet trusted). */
export async function runFactorJob(id: string, decoded: unknown, use: FactorsEngineUse): Promise<string> {
  const parsed = factorJobSchema.safeParse(decoded);
  if (!parsed.success) throw new UnrecoverableError(`job ${id} is not a factor job: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'job'}: ${i.message}`).join('; ')}`);
  const job = parsed.data;
  const panel: PanelMessage = {
    symbols: job.panel.symbols,
    times: job.panel.times,
    columns: job.panel.columns,
    groups: Object.fromEntries(Object.entries(job.panel.groups).map(([name, ids]) => [name, Int32Array.from(ids)])),
  };
  const answer = await use(async (engine): Promise<FactorJobResult | FactorValuesResult> => {
    await engine.loadPanel(id, panel);
    try {
      const task = job.task;
      switch (task.kind) {
        case 'analyze':
          return await eachFactor(id, job, (spec) => engine.analyze(id, { spec, options: task.options, returnValues: task.returnValues }));
        case 'compute':
          return await eachFactor(id, job, (spec) => engine.compute(id, spec));
        default:
          return assertNever(task, 'factor job task');
      }
    } finally {
      await engine.dropPanel(id).catch(() => undefined);
    }
  });
  return encodeJob(answer);
}
