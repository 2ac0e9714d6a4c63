// ml.train / ml.cancel on a running backend with real factor workers and a real DuckDB and SQLite: a ridge model on
// library factors over the stored universe is trained walk-forward, its folds and importance equal the same run
// composed in process, it is registered as a candidate ml.models lists with the same metrics; progress arrives as
// ml:<job>; bad input is refused by name and registers nothing; a run is cancelled while its factors are computed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrainingSet } from '../../../src/core/ml/trainingSet';
import { trainWalkForward } from '../../../src/core/ml/walkForwardTraining';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { factorPanelRows } from '../../../src/main/research/mlFactorDataset';
import { Workstation } from '../../../src/main/workstation';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { FactorCatalog } from '../../../src/shared/contracts/factors';
import type { RegisteredModel } from '../../../src/shared/contracts/mlRegistry';
import type { TrainingReport } from '../../../src/shared/contracts/mlTraining';
import { waitFor } from '../../support/waitFor';

type Reply<T> = { ok: true; value: { ok: true; value: T } | { ok: false; error: { code: string; message: string } } } | { ok: false; error: { code: string; message: string } };

describe('ml.train / ml.cancel on a running backend', () => {
  let ws: Workstation;
  let dataDir: string;
  const call = async <T>(method: string, input: unknown) => (await ws.dispatch(method, input)) as Reply<T>;
  const models = async () => {
    const reply = await ws.dispatch('ml.models', {});
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value as RegisteredModel[];
  };
  const request = { name: 'mom-5d', kind: 'ridge', params: { alpha: 0.5 }, factors: ['ROC5', 'MA20'], horizon: 5, trainDates: 100, testDates: 40, job: 't1' };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-train-api-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['factors', 'ml'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
  }, 60_000);
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('trains a ridge model walk-forward, equal to the run in process, registered as a candidate with progress per fold', async () => {
    const progress: ResearchProgress[] = [];
    ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
    const reply = await call<TrainingReport>('ml.train', request);
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    const report = reply.value.value;
    expect(report.model).toMatchObject({ name: 'mom-5d', version: 1, kind: 'ridge', status: 'candidate', features: ['ROC5', 'MA20'] });
    expect(report.model.params).toMatchObject({ alpha: 0.5, horizon: 5, trainDates: 100, testDates: 40, embargoDates: 5 });

    const rows = await factorPanelRows({ store: ws.market, supervisor: ws.supervisor, now: Date.now, sharedMemory: true }, { factors: ['ROC5', 'MA20'], timeframe: '1D' });
    if (!rows.ok) throw new Error(rows.error.message);
    const set = buildTrainingSet(rows.value, ['ROC5', 'MA20'], 5, 'return', 'skip');
    if (!set.ok) throw new Error(set.error.message);
    const direct = trainWalkForward(set.value, { model: { kind: 'ridge', alpha: 0.5 }, task: 'regression', mode: 'expanding', trainDates: 100, testDates: 40, embargoDates: 5, importanceRepeats: 5, seed: 1 });
    if (!direct.ok) throw new Error(direct.error.message);
    expect(report.folds.length).toBeGreaterThanOrEqual(2);
    expect(report.folds).toEqual(direct.value.folds);
    expect(report.outOfSample).toEqual(direct.value.outOfSample);
    expect(report.importance).toEqual({ ROC5: { permutation: direct.value.importance.permutation[0] }, MA20: { permutation: direct.value.importance.permutation[1] } });
    expect(report.skippedRows).toBe(set.value.skipped);

    const listed = await models();
    expect(listed).toEqual([report.model]);
    expect(listed[0]!.metrics).toMatchObject({ mse: report.outOfSample.mse, r2: report.outOfSample.r2, folds: report.folds.length, rows: set.value.y.length });

    const mine = progress.filter((p) => p.job === 'ml:t1');
    const folds = mine.filter((p) => p.detail.startsWith('fold '));
    expect(folds.map((p) => p.done)).toEqual(report.folds.map((_, i) => i + 1));
    expect(mine.at(-1)).toEqual({ job: 'ml:t1', done: report.folds.length + 1, total: report.folds.length + 1, detail: 'final fit' });
    expect(mine.some((p) => p.detail === 'factor ROC5')).toBe(true);
  }, 120_000);

  it('refuses an unknown factor, a parameter the kind lacks and a malformed request, registering nothing', async () => {
    const before = await models();
    const unknown = await call('ml.train', { ...request, factors: ['ROC5', 'NOPE'] });
    expect(unknown.ok && !unknown.value.ok && unknown.value.error).toMatchObject({ code: 'UNKNOWN_FACTOR', name: 'NOPE' });
    const param = await call('ml.train', { ...request, params: { rounds: 10 } });
    expect(param.ok && !param.value.ok && param.value.error).toMatchObject({ code: 'BAD_OPTION', option: 'rounds' });
    const tooFew = await call('ml.train', { ...request, trainDates: 5_000 });
    expect(tooFew.ok && !tooFew.value.ok && tooFew.value.error.code).toBe('TOO_FEW_OBSERVATIONS');
    for (const bad of [{ ...request, extra: 1 }, { ...request, params: { alpha: Number.NaN } }, { ...request, name: 'Bad Name' }, { ...request, factors: [] }]) {
      expect((await ws.dispatch('ml.train', bad)).ok).toBe(false);
    }
    expect(await models()).toEqual(before);
  }, 120_000);

  it('cancels a run while its factors are computed', async () => {
    const before = await models();
    const all = (await ws.dispatch('factors.list', {})) as { ok: true; value: FactorCatalog };
    let started = false;
    ws.bus.subscribe('research.progress', (p) => (started ||= (p as ResearchProgress).job === 'ml:long'));
    const pending = call('ml.train', { ...request, factors: all.value.library.map((f) => f.name), job: 'long' });
    await waitFor(() => started, 'the first factor done', 60_000);
    expect(await ws.dispatch('ml.cancel', { job: 'long' })).toEqual({ ok: true, value: { cancelled: true } });
    const reply = await pending;
    expect(reply.ok && !reply.value.ok && reply.value.error.code).toBe('CANCELLED');
    expect(await ws.dispatch('ml.cancel', { job: 'long' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await models()).toEqual(before);
  }, 120_000);
});
