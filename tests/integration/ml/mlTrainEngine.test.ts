// ml.train fits its folds in the ML engine (a real worker thread): the report, the registered model and its artifact
// are the very bytes of the same run fitted in this thread; the backend answers another call while a long training
// runs, and ml.cancel reaches the engine and stops it (between folds, or inside one between a forest's trees).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabularParams } from '../../../src/core/ml/tabularParams';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { factorPanelRows } from '../../../src/main/research/mlFactorDataset';
import { fitInThisThread, trainAndRegister } from '../../../src/main/research/mlTraining';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import { MlModelRegistry } from '../../../src/main/storage/sqlite/mlModelRegistry';
import { Workstation } from '../../../src/main/workstation';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { TrainingReport } from '../../../src/shared/contracts/mlTraining';
import { waitFor } from '../../support/waitFor';

type TrainReply = { ok: true; value: { ok: true; value: TrainingReport } | { ok: false; error: { code: string; message: string } } } | { ok: false; error: { code: string; message: string } };

describe('ml.train in the ML engine', () => {
  let ws: Workstation;
  let dataDir: string;
  let localDir: string;
  const factors = ['ROC5', 'MA20', 'STD20'];
  const train = async (input: unknown) => (await ws.dispatch('ml.train', input)) as TrainReply;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-engine-'));
    localDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-local-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['factors', 'ml'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
  }, 60_000);
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(localDir, { recursive: true, force: true });
  });

  it.each([
    ['forest', { trees: 20, maxDepth: 5, minSamplesLeaf: 10 }],
    ['gbt', { rounds: 15, maxDepth: 3, maxBin: 32 }],
  ] as const)('a %s fitted in the engine is bit for bit the one fitted in this thread: report, data hash, artifact bytes', async (kind, overrides) => {
    const request = { name: `same-${kind}`, kind, params: overrides, factors, horizon: 5, trainDates: 100, testDates: 40, seed: 3 };
    const reply = await train(request);
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    const remote = reply.value.value;

    const rows = await factorPanelRows({ store: ws.market, supervisor: ws.supervisor, now: Date.now, sharedMemory: true }, { factors, timeframe: '1D' });
    if (!rows.ok) throw new Error(rows.error.message);
    const params = tabularParams(kind, overrides);
    if (!params.ok) throw new Error(params.error.message);
    const db = openSqlite(join(localDir, 'record.sqlite'), RECORD_MIGRATIONS);
    try {
      const spec = { model: params.value, task: 'regression' as const, mode: 'expanding' as const, trainDates: 100, testDates: 40, embargoDates: 5, importanceRepeats: 5, seed: 3 };
      const local = await trainAndRegister({ registry: new MlModelRegistry(db, () => remote.model.createdAt), dataDir: localDir, fit: fitInThisThread }, rows.value, { name: request.name, features: factors, missing: 'skip', target: 'return', horizon: 5, spec });
      if (!local.ok) throw new Error(JSON.stringify(local.error));
      expect(remote.folds.length).toBeGreaterThanOrEqual(2);
      expect(remote).toEqual({ ...local.value, model: remote.model });
      expect(remote.model).toEqual({ ...local.value.model, id: remote.model.id });
      expect(remote.importance.ROC5!.impurity).toBeGreaterThan(0);
      expect(readFileSync(join(dataDir, remote.model.artifactPath), 'utf8')).toBe(readFileSync(join(localDir, local.value.model.artifactPath), 'utf8'));
    } finally {
      db.close();
    }
  }, 180_000);

  it('answers other calls (the registry, a volatility batch over the ML pool) while a long training runs in the engine, and a cancel stops it in the engine', async () => {
    const events: string[] = [];
    let folds = 0;
    let steps = 0;
    let other: Promise<unknown> | undefined;
    ws.bus.subscribe('research.progress', (p) => {
      const progress = p as ResearchProgress;
      if (progress.job !== 'ml:long' || !progress.detail.startsWith('fold ')) return;
      folds++;
      steps = progress.total;
      // Scheduled for the next turn of the event loop: it can only run, let alone answer, if the fit is elsewhere.
      other ??= new Promise((resolve) => setImmediate(resolve))
        .then(() => ws.dispatch('ml.models', {}))
        .then(async (reply) => {
          events.push(`models answered ok=${(reply as { ok: boolean }).ok}`);
          // The risk engine's GARCH input: a batch over the ML pool goes around the instance the training holds
          // (with both instances in the batch, the held one's share waited for the whole training).
          const symbols = (await ws.market.listSymbols('1D')).slice(0, 6);
          const volatility = (await ws.dispatch('ml.volatility', { symbols })) as { ok: boolean; value: { forecasts: unknown[] } };
          events.push(`volatility answered ${volatility.ok ? volatility.value.forecasts.length : 'not ok'}`);
          expect(await ws.dispatch('ml.cancel', { job: 'long' })).toEqual({ ok: true, value: { cancelled: true } });
        });
    });
    // Some forty folds of a 100-tree forest on a growing window: a minute or so in one thread, the first fold a small part.
    const pending = train({ name: 'long', kind: 'forest', params: { trees: 100, maxDepth: 4, minSamplesLeaf: 5 }, factors, horizon: 5, trainDates: 30, testDates: 5, job: 'long' }).then((reply) => {
      events.push('train answered');
      return reply;
    });
    const reply = await pending;
    await other;
    expect(events).toEqual(['models answered ok=true', 'volatility answered 6', 'train answered']);
    // The engine itself stops (the backend does not race the cancel): inside a fold, or before the next one starts
    // when the engine's thread was descheduled between the two (both seen on a loaded machine).
    expect(reply.ok && !reply.value.ok && reply.value.error.code).toBe('CANCELLED');
    expect(reply.ok && !reply.value.ok && reply.value.error.message).toMatch(/^(fold \d+ \(training dates \d+…\d+\): cancelled after \d+ of 100 trees|cancelled after fold \d+ of \d+)$/);
    expect(steps).toBeGreaterThan(30);
    expect(folds).toBeLessThan(steps - 1);
    expect((await ws.dispatch('ml.models', {})) as { ok: boolean; value: Array<{ name: string }> }).toMatchObject({ ok: true, value: expect.not.arrayContaining([expect.objectContaining({ name: 'long' })]) });
  }, 300_000);
});
