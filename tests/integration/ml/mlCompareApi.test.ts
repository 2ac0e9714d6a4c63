// ml.compare / ml.predict / ml.shadow on a running backend with real factor workers, DuckDB and SQLite: two ridge
// models trained on the first part of the stored history (different feature sets) are scored on the same later rows
// (counted independently here), by ids or by name (production against the latest candidate, then against the
// shadow); predictions equal intercept + coefficients · the factor values of the date; refusals carry their codes
// and change nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { factorPanelRows } from '../../../src/main/research/mlFactorDataset';
import { Workstation } from '../../../src/main/workstation';
import type { PanelRow } from '../../../src/core/ml/trainingSet';
import type { ComparisonReport, ModelPredictions } from '../../../src/shared/contracts/mlCompare';
import type { RegisteredModel } from '../../../src/shared/contracts/mlRegistry';
import type { TrainingReport } from '../../../src/shared/contracts/mlTraining';
import { waitFor } from '../../support/waitFor';

type Inner<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; [k: string]: unknown } };
type Reply<T> = { ok: true; value: Inner<T> } | { ok: false; error: { code: string; message: string } };
const H = 5;

describe('ml.compare / ml.predict / ml.shadow on a running backend', () => {
  let ws: Workstation;
  let dataDir: string;
  let rows: PanelRow[];
  let dates: number[];
  let cut: number;
  const call = async <T>(method: string, input: unknown) => (await ws.dispatch(method, input)) as Reply<T>;
  const value = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await call<T>(method, input);
    if (!r.ok || !r.value.ok) throw new Error(`${method}: ${JSON.stringify(r)}`);
    return r.value.value;
  };
  const refusal = async (method: string, input: unknown) => {
    const r = await call(method, input);
    if (!r.ok || r.value.ok) throw new Error(`${method} was not refused: ${JSON.stringify(r)}`);
    return r.value.error;
  };
  const models = async () => {
    const reply = await ws.dispatch('ml.models', {});
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value as RegisteredModel[];
  };
  const train = async (factors: string[], alpha: number) =>
    (await value<TrainingReport>('ml.train', { name: 'cmp', kind: 'ridge', params: { alpha }, factors, horizon: H, trainDates: 60, testDates: 30, to: cut })).model;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-compare-api-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['factors', 'ml'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
    const panel = await factorPanelRows({ store: ws.market, supervisor: ws.supervisor, now: Date.now, sharedMemory: true }, { factors: ['ROC5', 'MA20'], timeframe: '1D' });
    if (!panel.ok) throw new Error(panel.error.message);
    rows = panel.value;
    dates = [...new Set(rows.map((r) => r.date))].sort((a, b) => a - b);
    cut = dates[Math.floor(dates.length * 0.6)]!;
  }, 60_000);
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('scores two versions with different features on the same rows after both training windows', async () => {
    const a = await train(['ROC5', 'MA20'], 0.5);
    const b = await train(['ROC5'], 2);
    expect([a.version, b.version, a.trainTo < cut, b.trainTo < cut]).toEqual([1, 2, true, true]);
    const c = await value<ComparisonReport>('ml.compare', { a: a.id, b: b.id });

    // Independently: the rows whose two factors are known and whose 5-bar forward return is, from the horizon-th
    // date after training on.
    const first = dates.filter((t) => t > Math.max(a.trainTo, b.trainTo))[H - 1]!;
    const bySymbol = new Map<string, PanelRow[]>();
    for (const r of rows.filter((x) => !Number.isNaN(x.close))) (bySymbol.get(r.symbol) ?? bySymbol.set(r.symbol, []).get(r.symbol)!).push(r);
    let expected = 0;
    for (const list of bySymbol.values()) {
      list.sort((x, y) => x.date - y.date);
      list.forEach((r, t) => (expected += Number(r.date >= first && t + H < list.length && Number.isFinite(r.features.ROC5) && Number.isFinite(r.features.MA20) && list[t + H]!.close > 0)));
    }
    expect(c.from).toBe(first);
    expect(c.rows).toBe(expected);
    expect(c.dates).toBeGreaterThanOrEqual(60);
    expect(c.a).toMatchObject({ id: a.id, version: 1, status: 'candidate', shadow: false, overlapsTraining: false, rows: expected });
    expect(c.b).toMatchObject({ id: b.id, version: 2, overlapsTraining: false, rows: expected });
    expect(c.difference).toMatchObject({ test: 'diebold-mariano', lags: H - 1, observations: c.dates });
    expect(Number.isFinite(c.difference.statistic) && c.difference.pValue > 0 && c.difference.pValue <= 1).toBe(true);
    expect(c.a.mse).not.toBe(c.b.mse);

    // A window given explicitly, including training dates, is flagged as such.
    const inSample = await value<ComparisonReport>('ml.compare', { a: a.id, b: b.id, from: dates[40]! });
    expect([inSample.a.overlapsTraining, inSample.b.overlapsTraining, inSample.rows > c.rows]).toEqual([true, true, true]);
  }, 180_000);

  it('by name: production against the latest candidate, then against the shadow', async () => {
    expect(await refusal('ml.compare', { name: 'cmp' })).toMatchObject({ code: 'NO_PRODUCTION', name: 'cmp' });
    await value('ml.promote', { name: 'cmp', version: 1 });
    const latest = await value<ComparisonReport>('ml.compare', { name: 'cmp' });
    expect([latest.a.version, latest.a.status, latest.b.version]).toEqual([1, 'production', 2]);
    const v3 = await train(['MA20'], 1);
    expect((await value<ComparisonReport>('ml.compare', { name: 'cmp' })).b.version).toBe(3);
    expect(await value<RegisteredModel>('ml.shadow', { name: 'cmp', version: 2, shadow: true })).toMatchObject({ version: 2, shadow: true });
    const shadowed = await value<ComparisonReport>('ml.compare', { name: 'cmp' });
    expect([shadowed.a.version, shadowed.b.version, shadowed.b.shadow]).toEqual([1, 2, true]);
    expect(v3.version).toBe(3);
  }, 180_000);

  it('predicts from the factor values of the date, production by name or a version by id', async () => {
    const [v1] = await models();
    const artifact = JSON.parse(readFileSync(join(dataDir, v1!.artifactPath), 'utf8')) as { fitted: { intercept: number; coefficients: number[] } };
    const last = dates.at(-1)!;
    const p = await value<ModelPredictions>('ml.predict', { name: 'cmp' });
    expect(p).toMatchObject({ model: { id: v1!.id, version: 1, status: 'production' }, target: 'return', horizon: H, date: last, missing: [] });
    const today = rows.filter((r) => r.date === last).sort((x, y) => (x.symbol < y.symbol ? -1 : 1));
    expect(p.predictions.map((x) => x.symbol)).toEqual(today.map((r) => r.symbol));
    today.forEach((r, i) => expect(p.predictions[i]!.prediction).toBeCloseTo(artifact.fitted.intercept + artifact.fitted.coefficients[0]! * r.features.ROC5! + artifact.fitted.coefficients[1]! * r.features.MA20!, 12));
    const asOf = await value<ModelPredictions>('ml.predict', { id: v1!.id, asOf: cut + 3_600_000 });
    expect(asOf.date).toBe(cut);
    // Too little history before asOf for the model's factors: refused by the factor, not predicted from a NaN.
    expect(await refusal('ml.predict', { id: v1!.id, asOf: dates[10]! })).toMatchObject({ code: 'WINDOW_TOO_LARGE', factor: 'MA20' });
  }, 180_000);

  it('refuses an unknown id, a short window and malformed requests with their codes, changing nothing', async () => {
    const before = await models();
    const [v1, v2] = before;
    expect(await refusal('ml.compare', { a: v1!.id, b: 999 })).toMatchObject({ code: 'UNKNOWN_MODEL', id: 999 });
    expect(await refusal('ml.compare', { name: 'nope' })).toMatchObject({ code: 'UNKNOWN_MODEL', name: 'nope' });
    expect(await refusal('ml.compare', { a: v1!.id, b: v2!.id, from: dates.at(-12)! })).toMatchObject({ code: 'TOO_FEW_ROWS', minimumDates: 10 });
    expect(await refusal('ml.predict', { id: 999 })).toMatchObject({ code: 'UNKNOWN_MODEL' });
    expect(await refusal('ml.predict', { id: v1!.id, asOf: dates[0]! - 86_400_000 })).toMatchObject({ code: 'EMPTY_RANGE' });
    expect(await refusal('ml.shadow', { name: 'cmp', version: v1!.version, shadow: true })).toMatchObject({ code: 'NOT_A_CANDIDATE', status: 'production' });
    for (const bad of [{ a: v1!.id }, { a: v1!.id, b: v1!.id }, { a: v1!.id, b: v2!.id, name: 'cmp' }, { name: 'cmp', from: dates[50]!, to: dates[40]! }, { name: 'cmp', from: Number.NaN }, { name: 'cmp', extra: 1 }]) {
      expect((await ws.dispatch('ml.compare', bad)).ok, JSON.stringify(bad)).toBe(false);
    }
    expect((await ws.dispatch('ml.predict', { id: v1!.id, name: 'cmp' })).ok).toBe(false);
    expect(await models()).toEqual(before);
  }, 180_000);
});
