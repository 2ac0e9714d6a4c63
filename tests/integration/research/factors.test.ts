// Factor research through the API with real worker threads and a real DuckDB store: a run equals the analysis
// computed in process, values and composites are stored, bad input is refused with its position and stores
// nothing, and a run can be cancelled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFactor, evaluateOnPanel, forwardReturns, resolveFactor, toDateMajor, type Panel } from '../../../src/core/factors';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { loadFactorPanel } from '../../../src/main/research/factorPanel';
import { listFactorRuns, readFactorValues } from '../../../src/main/storage/market/factorStore';
import { Workstation } from '../../../src/main/workstation';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { FactorCatalog, FactorReport } from '../../../src/shared/contracts/factors';
import { waitFor } from '../../support/waitFor';

type Reply<T> = { ok: true; value: { ok: true; value: T } | { ok: false; error: { code: string; message: string; position?: number } } } | { ok: false; error: { code: string; message: string } };

describe('factor research through the API', () => {
  let ws: Workstation;
  let dataDir: string;
  let panel: Panel;
  const call = async <T>(method: string, input: unknown) => (await ws.dispatch(method, input)) as Reply<T>;
  const value = async <T>(method: string, input: unknown): Promise<T> => {
    const reply = await call<T>(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    if (!reply.value.ok) throw new Error(`${method}: ${reply.value.error.code} ${reply.value.error.message}`);
    return reply.value.value;
  };
  const refusal = async (method: string, input: unknown) => {
    const reply = await call<unknown>(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    if (reply.value.ok) throw new Error(`${method} was accepted`);
    return reply.value.error;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-factors-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['factors'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
    const loaded = await loadFactorPanel(ws.market, { timeframe: '1D' }, [], undefined, false);
    if (!loaded.ok) throw new Error(loaded.error.message);
    panel = loaded.value;
  }, 60_000);
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('analyses library factors and expressions across both workers, equal to the analysis in process', async () => {
    const progress: ResearchProgress[] = [];
    ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
    const factors = [{ name: 'MA10' }, { name: 'RSV20' }, { expression: 'rank(ts_mean(volume, 5)) - rank(delta(close, 5))', name: 'custom' }, { name: 'KMID' }];
    const report = await value<FactorReport>('factors.analyze', { factors, horizon: 5, method: 'spearman', quantiles: 3, minSymbols: 5, correlation: true, job: 'it' });
    expect(report.symbols).toBe(panel.symbols.length);
    expect(report.factors.map((f) => f.name).sort()).toEqual(['KMID', 'MA10', 'RSV20', 'custom']);
    expect(progress.filter((p) => p.job === 'factors:it').at(-1)).toMatchObject({ done: 4, total: 4 });
    const T = panel.times.length;
    const forward = (h: number) => toDateMajor(forwardReturns(panel.columns.get('close')!, T, h), T);
    for (const summary of report.factors) {
      const spec = summary.name === 'custom' ? { kind: 'expression' as const, expression: summary.expression } : { kind: 'library' as const, name: summary.name };
      const factor = resolveFactor(spec, { dates: T, groups: [...panel.groups.keys()] });
      if (!factor.ok) throw new Error(factor.error.message);
      const direct = analyzeFactor(evaluateOnPanel(factor.value, panel), forward, T, { horizon: 5, horizons: [1, 5, 20], method: 'spearman', quantiles: 3, minSymbols: 5 });
      expect(summary.meanIC).toBe(direct.meanIC);
      expect(summary.icir).toBe(direct.icir);
      expect(summary.dates).toBe(direct.dates);
      expect(summary.skippedDates).toBe(direct.skippedDates);
      expect(summary.quantiles).toEqual(direct.quantileAnalysis.quantiles);
      expect(summary.decay.map((d) => d.horizon)).toEqual([1, 5, 20]);
    }
    // Ranked by |ICIR|; the correlation matrix is symmetric with a unit diagonal.
    const icirs = report.factors.map((f) => Math.abs(f.icir ?? 0));
    expect(icirs).toEqual([...icirs].sort((a, b) => b - a));
    const m = report.correlation!.matrix;
    expect(m.map((row, i) => row[i])).toEqual([1, 1, 1, 1]);
    expect(m[0]![2]).toBe(m[2]![0]);
    expect((await listFactorRuns(ws.market)).map((r) => r.runId)).toContain(report.runId);
  }, 120_000);

  it('refuses a bad expression with its position, before reading data, and stores nothing', async () => {
    const runs = (await listFactorRuns(ws.market)).length;
    const error = await refusal('factors.analyze', { factors: [{ name: 'MA10' }, { expression: 'ts_mean(close, 5) + clsoe' }] });
    expect(error).toMatchObject({ code: 'UNKNOWN_FIELD', position: 20 });
    const window = await refusal('factors.compute', { factors: [{ expression: 'ts_mean(close, 2000)' }] });
    expect(window).toMatchObject({ code: 'WINDOW_TOO_LARGE', position: 15 });
    expect(window.message).toContain('larger than the data');
    const feature = await refusal('factors.analyze', { factors: [{ expression: 'feature("nope") / close' }] });
    expect(feature).toMatchObject({ code: 'FIELD_UNAVAILABLE', position: 0 });
    expect(await refusal('factors.analyze', { factors: [{ name: 'NOPE5' }] })).toMatchObject({ code: 'UNKNOWN_FACTOR' });
    expect((await listFactorRuns(ws.market)).length).toBe(runs);
    const nothing = await readFactorValues(ws.market, 'ts_mean(close, 2000)', panel.symbols[0]!, '1D');
    expect(nothing.time).toEqual([]);
  }, 60_000);

  it('computes and stores factor values, equal to evaluating them in process', async () => {
    const result = await value<{ rows: number; factors: string[] }>('factors.compute', { factors: [{ name: 'ROC5' }], symbols: panel.symbols.slice(0, 4) });
    expect(result.factors).toEqual(['ROC5']);
    const factor = resolveFactor({ kind: 'library', name: 'ROC5' }, { dates: panel.times.length, groups: [] });
    if (!factor.ok) throw new Error('ROC5');
    const direct = evaluateOnPanel(factor.value, panel);
    const T = panel.times.length;
    const stored = await readFactorValues(ws.market, 'ROC5', panel.symbols[2]!, '1D');
    expect(stored.time).toEqual(Array.from(panel.times));
    expect(stored.value).toEqual(Array.from(direct.subarray(2 * T, 3 * T)));
    expect(result.rows).toBe(4 * T);
  }, 60_000);

  it('saves expressions and composites with versions; a saved composite is analysed by name', async () => {
    expect(await value('factors.save', { name: 'mom', expression: 'delta(close, 10) / close' })).toEqual({ name: 'mom', version: 1 });
    expect(await value('factors.save', { name: 'mom', expression: 'delta(close, 20) / close' })).toEqual({ name: 'mom', version: 2 });
    expect(await refusal('factors.save', { name: 'bad', expression: 'delta(close)' })).toMatchObject({ code: 'BAD_ARGUMENT', position: 0 });
    const composite = await value<{ name: string; version: number; weights: Record<string, number> }>('factors.saveComposite', { name: 'combo', factors: [{ name: 'mom' }, { name: 'MA10' }, { name: 'STD20' }], weighting: 'ic' });
    expect(composite.version).toBe(1);
    expect(Object.values(composite.weights).reduce((s, w) => s + Math.abs(w), 0)).toBeCloseTo(1, 12);
    const list = (await ws.dispatch('factors.list', {})) as { ok: true; value: FactorCatalog };
    expect(list.value.library.length).toBeGreaterThanOrEqual(150);
    expect(list.value.saved.map((s) => [s.name, s.version, s.kind])).toEqual([
      ['combo', 1, 'composite'],
      ['mom', 2, 'expression'],
    ]);
    const stored = await readFactorValues(ws.market, 'combo', panel.symbols[0]!, '1D');
    expect(stored.time.length).toBe(panel.times.length);
    const byName = await value<FactorReport>('factors.analyze', { factors: [{ name: 'combo' }] });
    expect(byName.factors[0]!.expression).toContain('zscore(');
  }, 120_000);

  it('cancels a run between factors', async () => {
    const all = (await ws.dispatch('factors.list', {})) as { ok: true; value: FactorCatalog };
    let started = false;
    ws.bus.subscribe('research.progress', (p) => (started ||= (p as ResearchProgress).job === 'factors:long'));
    const pending = call('factors.analyze', { factors: all.value.library.map((f) => ({ name: f.name })), job: 'long' });
    await waitFor(() => started, 'the first factor done', 60_000);
    expect(await ws.dispatch('factors.cancel', { job: 'long' })).toEqual({ ok: true, value: { cancelled: true } });
    const reply = await pending;
    expect(reply.ok && !reply.value.ok && reply.value.error.code).toBe('CANCELLED');
  }, 120_000);
});
