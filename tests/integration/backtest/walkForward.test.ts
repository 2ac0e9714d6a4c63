// Walk-forward through the API on real worker threads and a real DuckDB store: windows optimized in sample, the best
// parameters tested out of sample, every run stored under one id, the chained out-of-sample equity measured;
// progress, cancel and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { rankRuns } from '../../../src/main/research/backtestSweep';
import { walkForwardWindows } from '../../../src/main/research/walkForward';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { BacktestRunSummary, WalkForwardSummary } from '../../../src/shared/contracts/backtest';
import { waitFor } from '../../support/waitFor';

type Reply<T> = { ok: true; value: { ok: true; value: T } | { ok: false; error: { code: string; message: string } } } | { ok: false; error: { code: string } };

describe('walk-forward through the API', () => {
  let ws: Workstation;
  let dataDir: string;
  let symbols: string[];
  const call = async <T>(method: string, input: unknown) => (await ws.dispatch(method as never, input as never)) as unknown as Reply<T>;
  const runs = async () => ((await ws.dispatch('backtest.runs', { limit: 1_000 })) as { ok: true; value: BacktestRunSummary[] }).value;
  const GRID = { fast: [3, 5], slow: [20, 30] };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-walkforward-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['backtest'], syntheticHistory: { seed: 9, years: 2, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
    symbols = (await ws.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s)).slice(0, 4);
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('optimizes each in-sample window, tests the best out of sample, stores every run and chains the out-of-sample equity', async () => {
    const progress: ResearchProgress[] = [];
    ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
    const reply = await call<WalkForwardSummary>('backtest.walkForward', { strategy: 'sma-cross', symbols, grid: GRID, inSample: 120, outOfSample: 60, job: 'wf' });
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    const wf = reply.value.value;
    expect(wf.failed).toEqual([]);
    // Two years of daily bars (504 sessions): windows start 0, 60, … while 180 bars fit.
    expect(wf.windows).toHaveLength(walkForwardWindows(504, 120, 60).length);
    expect(wf.windows.length).toBe(6);
    const stored = (await runs()).filter((r) => wf.windows.some((w) => w.outOfSampleRun.runId === r.runId || w.inSampleRunIds.includes(r.runId)));
    expect(stored).toHaveLength(wf.windows.length * 5);
    for (const [k, w] of wf.windows.entries()) {
      const inSample = stored.filter((r) => w.inSampleRunIds.includes(r.runId));
      expect(inSample).toHaveLength(4);
      expect(inSample.every((r) => r.from === w.inSample.from && r.to === w.inSample.to)).toBe(true);
      // The best parameters are the top of the in-sample ranking.
      expect(w.bestParams).toEqual(rankRuns(inSample, 'sharpe')[0]?.params);
      expect(w.inSampleMetric).toBe(rankRuns(inSample, 'sharpe')[0]?.metrics.sharpe);
      expect(w.outOfSampleRun.params).toEqual(w.bestParams);
      expect([w.outOfSampleRun.from, w.outOfSampleRun.to]).toEqual([w.outOfSample.from, w.outOfSample.to]);
      expect(w.outOfSample.from).toBeGreaterThan(w.inSample.to);
      const next = wf.windows[k + 1];
      if (next) expect(next.outOfSample.from).toBeGreaterThan(w.outOfSample.to);
    }
    // Chained out of sample: the windows' returns compound.
    const compounded = wf.windows.reduce((g, w) => g * (1 + (w.outOfSampleRun.metrics.totalReturn as number)), 1) - 1;
    expect(wf.outOfSampleMetrics.totalReturn).toBeCloseTo(compounded, 9);
    expect(wf.outOfSampleEquity.time.length).toBe(wf.windows.length * 60);
    expect(Object.keys(wf.outOfSampleMetrics)).toEqual(expect.arrayContaining(['cagr', 'volatility', 'sharpe', 'sortino', 'maxDrawdown']));
    const mine = progress.filter((p) => p.job === 'backtest:wf');
    expect(mine.at(-1)).toMatchObject({ done: 30, total: 30 });
  });

  it('cancels by job name', async () => {
    let cancelled = false;
    const unsubscribe = ws.bus.subscribe('research.progress', (p) => {
      if ((p as ResearchProgress).job === 'backtest:wf-cancel' && !cancelled) {
        cancelled = true;
        void ws.dispatch('backtest.cancel', { job: 'wf-cancel' });
      }
    });
    const reply = await call<WalkForwardSummary>('backtest.walkForward', { strategy: 'sma-cross', symbols, grid: { fast: [3, 4, 5, 6], slow: [20, 25, 30] }, inSample: 120, outOfSample: 60, job: 'wf-cancel' });
    unsubscribe();
    expect(cancelled).toBe(true);
    expect(reply.ok && !reply.value.ok && reply.value.error.code).toBe('BACKTEST_CANCELLED');
  });

  it('refuses bad input by name and stores nothing', async () => {
    const before = (await runs()).length;
    const tooLong = await call('backtest.walkForward', { strategy: 'sma-cross', symbols, grid: GRID, inSample: 500, outOfSample: 60 });
    expect(tooLong.ok && !tooLong.value.ok && tooLong.value.error).toMatchObject({ code: 'EMPTY_RANGE', message: expect.stringContaining('504 bar times') });
    const badParam = await call('backtest.walkForward', { strategy: 'sma-cross', symbols, grid: { fats: [3] }, inSample: 120, outOfSample: 60 });
    expect(badParam.ok && !badParam.value.ok && badParam.value.error.code).toBe('UNKNOWN_PARAMETER');
    const overlapping = await ws.dispatch('backtest.walkForward', { strategy: 'sma-cross', symbols, grid: GRID, inSample: 120, outOfSample: 60, step: 30 } as never);
    expect(overlapping).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(overlapping)).toContain('step');
    expect((await runs()).length).toBe(before);
  });
});
