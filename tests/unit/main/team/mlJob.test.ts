// Model training cut into queue jobs: each fold and the final fit run through the worker's own path (job encoded,
// decoded, checked and fitted by the real ML engine object, its answer encoded and read back) assemble into exactly
// the local training and artifact, for every model kind; a training above the stated size is refused; a malformed
// job is refused by the worker naming the bad field; a worker's answer is accepted only when it answers its job.
import { describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { assembleWalkForward, trainWalkForward, type FoldFit, type TabularParams, type TrainingSet } from '../../../../src/core/ml';
import type { FittedTabular } from '../../../../src/core/ml/tabularModel';
import { DEFAULT_PARAMS } from '../../../../src/core/ml/tabularParams';
import { SeededRandom } from '../../../../src/core/model/clock';
import { createMlEngine } from '../../../../src/engines/ml/mlEngine';
import { serializeArtifact, toJsonFitted } from '../../../../src/main/research/mlModelStore';
import { decodeJob, encodeJob } from '../../../../src/main/team/jobCodec';
import { mlJobSchema, readMlOutcome, type MlJob } from '../../../../src/main/team/mlJob';
import { runMlJob, type MlEngineUse } from '../../../../src/main/team/mlJobRunner';
import { trainingJobs } from '../../../../src/main/team/queuedTraining';

const DAY = 86_400_000;
const TRAINING = '00000000-0000-4000-8000-000000000007';

function panel(dates: number, symbols: number, seed: number): TrainingSet {
  const random = new SeededRandom(seed);
  const p = 3;
  const n = dates * symbols;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = random.normal();
    y[i] = 0.8 * x[i * p]! - 0.5 * x[i * p + 1]! + 0.5 * random.normal();
    time[i] = Math.floor(i / symbols) * DAY;
  }
  return { design: { x, rows: n, features: p }, y, time };
}

const set = panel(60, 8, 3);
const directions: TrainingSet = { ...set, y: set.y.map((v) => (v > 0 ? 1 : 0)) };
const specOf = (model: TabularParams, task: 'regression' | 'classification') => ({ model, task, mode: 'expanding' as const, trainDates: 25, testDates: 10, embargoDates: 3, importanceRepeats: 3, seed: 4 });

const engine = createMlEngine(1);
/** The worker's engine call, in this thread (the same engine object a worker thread serves). */
const use: MlEngineUse = (fn) => fn(engine as never);
/** A job as a worker reads it from the store: encoded, decoded. */
const stored = (payload: MlJob): unknown => decodeJob(encodeJob(payload));
const completed = (value: unknown) => ({ kind: 'completed' as const, value: encodeJob(value) });

function jobsOf(s: TrainingSet, spec: ReturnType<typeof specOf>) {
  const planned = trainingJobs(s, spec, TRAINING);
  if (!planned.ok) throw new Error(planned.error.message);
  return planned.value;
}

describe('model-training jobs', () => {
  const kinds: Array<[TabularParams, 'regression' | 'classification']> = [
    [DEFAULT_PARAMS.ridge, 'regression'],
    [DEFAULT_PARAMS.logistic, 'classification'],
    [{ ...DEFAULT_PARAMS.tree, minSamplesLeaf: 5 }, 'regression'],
    [{ ...DEFAULT_PARAMS.forest, trees: 6, minSamplesLeaf: 5 }, 'classification'],
    [{ ...DEFAULT_PARAMS.gbt, rounds: 8 }, 'regression'],
  ];
  for (const [model, task] of kinds) {
    it(`${model.kind}: folds and final fit run as jobs, answered in reverse order, assemble into the local training and artifact`, async () => {
      const s = task === 'classification' ? directions : set;
      const spec = specOf(model, task);
      const local = trainWalkForward(s, spec);
      if (!local.ok) throw new Error(local.error.message);
      const { folds, jobs } = jobsOf(s, spec);
      expect(jobs.map((j) => j.id)).toEqual([...folds.map((f) => `${TRAINING}.k${f.index}`), `${TRAINING}.final`]);
      const fits: FoldFit[] = new Array(folds.length);
      let fitted: FittedTabular | undefined;
      // Answers come back in any order: the report is assembled in fold order.
      for (const job of [...jobs].reverse()) {
        const answer = readMlOutcome(job.id, job.payload, { kind: 'completed', value: await runMlJob(job.id, stored(job.payload), use) });
        if (!answer.ok) throw new Error(answer.error.message);
        if (answer.value.kind === 'final') fitted = answer.value.model;
        else fits[job.payload.part.kind === 'fold' ? job.payload.part.index : -1] = answer.value.fit;
      }
      const queued = assembleWalkForward(s, spec, folds, fits, fitted!);
      expect(queued).toEqual(local.value);
      const artifact = (m: FittedTabular) => serializeArtifact({ format: 'nautilus-tabular-1', target: 'return', horizon: 5, features: ['a', 'b', 'c'], params: model, fitted: m });
      expect(artifact(queued.model)).toBe(artifact(local.value.model));
    });
  }

  it('refuses a training set above the size a queued job carries, before anything is cut into jobs', () => {
    const spec = specOf(DEFAULT_PARAMS.ridge, 'regression');
    const bytes = set.design.x.byteLength + set.y.byteLength;
    expect(trainingJobs(set, spec, TRAINING, bytes).ok).toBe(true);
    const refused = trainingJobs(set, spec, TRAINING, bytes - 1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TRAINING_TOO_LARGE_FOR_QUEUE', bytes, limit: bytes - 1 } });
    expect(!refused.ok && refused.error.message).toContain('480 rows × 3 features');
  });

  it('refuses a malformed job on the worker, naming the field', async () => {
    const { jobs } = jobsOf(set, specOf(DEFAULT_PARAMS.ridge, 'regression'));
    const fold = jobs[0]!.payload;
    if (fold.part.kind !== 'fold') throw new Error('the first job is a fold');
    const cases: [string, unknown, string][] = [
      ['rows and features disagree', { ...fold, part: { ...fold.part, test: { x: fold.part.test.x.subarray(1), y: fold.part.test.y } } }, 'part.test.x: has'],
      ['an unknown model parameter', { ...fold, spec: { ...fold.spec, model: { kind: 'ridge', alpha: 1, depth: 3 } } }, 'spec.model.depth'],
      ['a missing model parameter', { ...fold, spec: { ...fold.spec, model: { kind: 'gbt', rounds: 5 } } }, 'gbt needs'],
      ['a non-finite parameter', { ...fold, spec: { ...fold.spec, model: { kind: 'ridge', alpha: NaN } } }, 'spec.model.alpha'],
      ['an extra field', { ...fold, note: 1 }, 'note'],
      ['a training id that is not a UUID', { ...fold, trainingId: 'x' }, 'trainingId'],
    ];
    for (const [what, job, message] of cases) {
      expect(mlJobSchema.safeParse(decodeJob(encodeJob(job))).success, what).toBe(false);
      const run = runMlJob('j', decodeJob(encodeJob(job)), use);
      await expect(run, what).rejects.toBeInstanceOf(UnrecoverableError);
      await expect(runMlJob('j', decodeJob(encodeJob(job)), use), what).rejects.toThrow(message);
    }
  });

  it("accepts only an answer that answers its job, naming the job and what is wrong; passes a fit's own error on", async () => {
    const spec = specOf({ ...DEFAULT_PARAMS.tree, minSamplesLeaf: 5 }, 'regression');
    const { jobs } = jobsOf(set, spec);
    const first = jobs[0]!;
    const last = jobs[jobs.length - 2]!;
    const final = jobs[jobs.length - 1]!;
    const answer = async (job: (typeof jobs)[number]) => decodeJob(await runMlJob(job.id, stored(job.payload), use)) as Record<string, unknown> & { predicted: Float64Array; importance?: { mean: Float64Array; sd: Float64Array } };
    const good = await answer(first);
    const goodLast = await answer(last);
    const goodFinal = (await answer(final)) as unknown as { fitted: { tree: { left: number[] } } };
    expect(readMlOutcome(first.id, first.payload, completed(good)).ok).toBe(true);
    expect(readMlOutcome(last.id, last.payload, completed(goodLast)).ok).toBe(true);
    expect(readMlOutcome(final.id, final.payload, completed(goodFinal)).ok).toBe(true);
    const looping = structuredClone(goodFinal);
    looping.fitted.tree.left[0] = 0;
    const nan = Float64Array.from(good.predicted);
    nan[3] = NaN;
    const cases: [string, (typeof jobs)[number], unknown, string][] = [
      ['another fold', first, { ...good, index: 1 }, 'index: 1 answers for fold 0'],
      ['a prediction short', first, { ...good, predicted: good.predicted.subarray(1) }, `predicted: ${good.predicted.length - 1} predictions for ${good.predicted.length} test rows`],
      ['a prediction that is not finite', first, { ...good, predicted: nan }, 'predicted.3: NaN'],
      ['importance not asked for', first, { ...good, importance: goodLast.importance }, 'importance: was not asked for'],
      ["the last fold's importance missing", last, { ...goodLast, importance: undefined }, 'importance: missing'],
      ['importance for too few features', last, { ...goodLast, importance: { mean: new Float64Array(2), sd: new Float64Array(2) } }, 'not one mean and sd per feature'],
      ['predictions that are numbers, not a Float64Array', first, { ...good, predicted: Array.from(good.predicted) }, 'predicted'],
      ['a fold answer to the final job', final, good, 'a fold answer to a final job'],
      ['a model answer to a fold job', first, goodFinal, 'a final answer to a fold job'],
      ['a looping tree', final, looping, 'fitted: the model does not fit its feature list'],
      ['a model of another kind', final, { ok: true, kind: 'final', fitted: toJsonFitted({ kind: 'linear', link: 'identity', intercept: 0, coefficients: new Float64Array(3) }) }, 'a linear:identity model for a tree spec'],
      ['an extra field', first, { ...good, note: 1 }, 'note'],
    ];
    for (const [what, job, value, message] of cases) {
      const read = readMlOutcome(job.id, job.payload, completed(value));
      expect(read, what).toMatchObject({ ok: false, error: { code: 'JOB_RESULT_INVALID', job: job.id } });
      expect(!read.ok && read.error.message, what).toContain(`job ${job.id}: `);
      expect(!read.ok && read.error.message, what).toContain(message);
    }
    expect(readMlOutcome(first.id, first.payload, { kind: 'completed', value: '{"ok":tru' })).toMatchObject({ ok: false, error: { code: 'JOB_RESULT_INVALID' } });
    expect(readMlOutcome(first.id, first.payload, { kind: 'failed', reason: 'worker lost' })).toMatchObject({ ok: false, error: { code: 'JOB_FAILED', job: first.id, message: `job ${first.id} failed: worker lost` } });
    // A fold the model cannot fit answers its error, and the training ends with it as the local one would.
    const fitError = { ok: false, error: { code: 'NOT_CONVERGED', iterations: 0, fold: 0, message: 'fold 1: prediction 0 is NaN' } };
    expect(readMlOutcome(first.id, first.payload, completed(fitError))).toEqual({ ok: false, error: fitError.error });
  });
});
