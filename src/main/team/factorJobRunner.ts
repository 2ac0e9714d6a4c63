// A research worker's side of a factor job: the panel it carries loaded on one factors engine, each factor analysed
// there exactly as the workstation's own run does (the same engine call), and the answer encoded for the queue.
import { UnrecoverableError } from 'bullmq';
import type * as Comlink from 'comlink';
import type { FactorsEngine, PanelMessage } from '../../engines/factors/factorsEngine';
import { factorJobSchema, type FactorJobResult } from './factorJob';
import { encodeJob } from './jobCodec';

/** Runs `fn` on a factors engine no other job uses meanwhile. */
export type FactorsEngineUse = <R>(fn: (engine: Comlink.Remote<FactorsEngine>) => Promise<R>) => Promise<R>;

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
  const answer = await use(async (engine): Promise<FactorJobResult> => {
    await engine.loadPanel(id, panel);
    try {
      const factors = [];
      for (const f of job.factors) {
        const result = await engine.analyze(id, { spec: { kind: 'expression', expression: f.expression, name: f.name }, options: job.options, returnValues: job.returnValues });
        // The engine restarted and lost the panel: an error, so the queue retries the job.
        if (!result.ok && result.error.code === 'NO_PANEL') throw new Error(`job ${id}: ${result.error.message}`);
        if (!result.ok) return { ok: false, factor: f.name, error: { ...result.error } };
        factors.push(result.value);
      }
      return { ok: true, factors };
    } finally {
      await engine.dropPanel(id).catch(() => undefined);
    }
  });
  return encodeJob(answer);
}
