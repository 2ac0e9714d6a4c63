// The walk-forward fit in a real ML engine worker, below the API: the same folds and model as in this thread; with a
// shared cancel flag a cancel stops the engine part-way, without one (Electron's ports) the fit runs to its end and
// is discarded as CANCELLED; a malformed job is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingSet, WalkForwardSpec } from '../../../src/core/ml/walkForwardTraining';
import { SeededRandom } from '../../../src/core/model/clock';
import type { MlEngine } from '../../../src/engines/ml/mlEngine';
import { EngineSupervisor } from '../../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { fitInMlEngine } from '../../../src/main/research/mlEngineTraining';
import { fitInThisThread } from '../../../src/main/research/mlTraining';
import { waitFor } from '../../support/waitFor';

const DAY = 86_400_000;

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

const spec: WalkForwardSpec = { model: { kind: 'forest', trees: 30, maxDepth: 4, minSamplesLeaf: 5, maxFeatures: 'sqrt', seed: 2 }, task: 'regression', mode: 'expanding', trainDates: 40, testDates: 10, embargoDates: 5, importanceRepeats: 3, seed: 1 };

describe('walk-forward fits in the ML engine', () => {
  let supervisor: EngineSupervisor;
  const set = panel(120, 10, 4);

  beforeAll(async () => {
    supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: [{ name: 'ml', entry: 'ml' }], onHealth: () => undefined });
    supervisor.start();
    await waitFor(() => supervisor.health().every((h) => h.state === 'up'), 'the ml engine up');
  }, 60_000);
  afterAll(async () => supervisor?.stop());

  it('gives the folds, importance and model of the fit in this thread, with every fold reported before it answers', async () => {
    const steps: number[] = [];
    const remote = await fitInMlEngine({ supervisor, sharedMemory: true })(set, spec, { onProgress: (done) => steps.push(done) });
    const local = await fitInThisThread(set, spec, { onProgress: () => undefined });
    expect(remote).toEqual(local);
    if (!remote.ok) throw new Error(remote.error.message);
    expect(steps).toEqual(Array.from({ length: remote.value.folds.length + 1 }, (_, i) => i + 1));
    expect(set.design.x.length).toBe(set.y.length * 3); // the caller's set was copied, not moved
  }, 60_000);

  it('a cancel through the shared flag stops the engine part-way', async () => {
    const abort = new AbortController();
    const steps: number[] = [];
    const out = await fitInMlEngine({ supervisor, sharedMemory: true })(set, spec, { signal: abort.signal, onProgress: (done) => (steps.push(done), abort.abort()) });
    expect(out).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(out.ok || out.error.message).not.toBe('cancelled: the fit had finished in the engine and is discarded');
    expect(steps.length).toBeLessThan(8);
  }, 60_000);

  it('without a shared flag the fit runs to its end in the engine and is discarded as CANCELLED', async () => {
    const abort = new AbortController();
    const steps: number[] = [];
    const out = await fitInMlEngine({ supervisor, sharedMemory: false })(set, spec, { signal: abort.signal, onProgress: (done) => (steps.push(done), abort.abort()) });
    expect(out).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled: the fit had finished in the engine and is discarded' } });
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]); // seven folds and the final fit
  }, 60_000);

  it('refuses a job whose feature matrix does not match its rows', async () => {
    const out = await supervisor.call<MlEngine, Awaited<ReturnType<MlEngine['trainWalkForward']>>>('ml', (engine) =>
      engine.trainWalkForward({ x: new Float64Array(10), features: 3, y: new Float64Array(4), time: new Float64Array(4), spec }),
    );
    expect(out).toEqual({ ok: false, error: { code: 'SHAPE_MISMATCH', message: '10 feature values for 4 rows of 3 features' } });
  }, 60_000);
});
