// Backtests through the workstation's API on real worker threads and a real DuckDB store: a sample strategy runs,
// is stored with its parameters and content hash, a sweep spreads over both workers, bad input changes nothing.
import { strategyVersionId } from '../../../src/main/strategies/strategyVersionId';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import { backtestRunDetailSchema, type BacktestRunDetail, type BacktestRunSummary, type BacktestSweepSummary } from '../../../src/shared/contracts/backtest';
import { waitFor } from '../../support/waitFor';

type Reply<T> = { ok: true; value: { ok: true; value: T } | { ok: false; error: { code: string; message: string } } } | { ok: false; error: unknown };

describe('backtests through the API', () => {
  let ws: Workstation;
  let dataDir: string;
  let symbols: string[];
  const call = async <T>(method: string, input: unknown) => (await ws.dispatch(method as never, input as never)) as unknown as Reply<T>;
  const runs = async () => ((await ws.dispatch('backtest.runs', {})) as { ok: true; value: BacktestRunSummary[] }).value;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-backtest-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['backtest'], syntheticHistory: { seed: 9, years: 2, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
    symbols = (await ws.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s)).slice(0, 4);
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the four samples with their parameters', async () => {
    const reply = (await ws.dispatch('backtest.strategies', {})) as { ok: true; value: { name: string; params: Record<string, unknown>; error: string | null }[] };
    expect(reply.value.map((s) => s.name)).toEqual(expect.arrayContaining(['sma-cross', 'rsi-reversion', 'bollinger-breakout', 'momentum-rotation']));
    expect(reply.value.find((s) => s.name === 'sma-cross')).toMatchObject({ error: null, params: { fast: { default: 10 }, slow: { default: 50 } } });
  });

  it('runs sma-cross, reports progress, stores the run with its parameters and content hash', async () => {
    const progress: ResearchProgress[] = [];
    ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
    const reply = await call<BacktestRunSummary>('backtest.run', { strategy: 'sma-cross', symbols, params: { fast: 5, slow: 20 }, job: 'one', benchmark: symbols[0] });
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    const s = reply.value.value;
    expect(s.fillCount).toBeGreaterThan(0);
    expect(s.params).toEqual({ fast: 5, slow: 20 });
    expect(s.strategyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.strategyVersion).toBe(strategyVersionId(s.strategyHash, s.params));
    expect(Object.keys(s.metrics)).toEqual(expect.arrayContaining(['totalReturn', 'cagr', 'volatility', 'sharpe', 'sortino', 'calmar', 'maxDrawdown']));
    // Final equity is reported in cents; the total return comes from the unrounded equity.
    expect(s.finalEquity).toBe(Math.round(s.initialCash * (1 + (s.metrics.totalReturn as number)) * 100) / 100);
    expect(s.benchmark).not.toBeNull();
    expect(progress.some((p) => p.job === 'backtest:one')).toBe(true);
    const stored = (await runs()).find((r) => r.runId === s.runId);
    expect(stored).toEqual(s);
    const series = (await ws.dispatch('backtest.equity', { runId: s.runId })) as { ok: true; value: { equity: { equity: number[] }; fills: unknown[] } };
    expect(series.value.fills).toHaveLength(s.fillCount);
    expect(Math.round((series.value.equity.equity.at(-1) as number) * 100) / 100).toBe(s.finalEquity);
  });

  it('sweeps a grid across both workers, ranked by Sharpe, every run stored under the sweep', async () => {
    const reply = await call<BacktestSweepSummary>('backtest.sweep', { strategy: 'sma-cross', symbols, grid: { fast: [3, 5, 8], slow: [20, 30] } });
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    const sweep = reply.value.value;
    expect(sweep.runs).toHaveLength(6);
    expect(sweep.failed).toEqual([]);
    const sharpe = sweep.runs.map((r) => r.metrics.sharpe ?? -Infinity);
    expect([...sharpe].sort((a, b) => b - a)).toEqual(sharpe);
    expect(new Set(sweep.runs.map((r) => `${r.params.fast}/${r.params.slow}`)).size).toBe(6);
  });

  it('refuses bad input by name and stores nothing', async () => {
    const before = (await runs()).length;
    const cases: [unknown, string][] = [
      [{ strategy: 'no-such', symbols }, 'UNKNOWN_STRATEGY'],
      [{ strategy: 'sma-cross', symbols: ['ZZZZ'] }, 'UNKNOWN_SYMBOL'],
      [{ strategy: 'sma-cross', symbols, params: { fats: 3 } }, 'UNKNOWN_PARAMETER'],
      [{ strategy: 'sma-cross', symbols, params: { fast: 2.5 } }, 'PARAMETER_NOT_INTEGER'],
      [{ strategy: 'sma-cross', symbols, from: Date.UTC(1990, 0, 1), to: Date.UTC(1991, 0, 1) }, 'EMPTY_RANGE'],
    ];
    for (const [input, code] of cases) {
      const reply = await call('backtest.run', input);
      expect(reply.ok && !reply.value.ok && reply.value.error.code, JSON.stringify(input)).toBe(code);
    }
    const malformed = await ws.dispatch('backtest.run', { strategy: 'sma-cross', symbols, cash: -5 } as never);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await runs()).length).toBe(before);
  });

  it("stores twap-entry's executions with the run: backtest.equity returns its parents, TCA and children, as the schema says", async () => {
    const reply = await call<BacktestRunSummary>('backtest.run', { strategy: 'twap-entry', symbols, timeframe: '1m', params: { fast: 5, slow: 20 }, cash: 1_000_000, commission: 'sim' });
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    const runId = reply.value.value.runId;
    const detail = (await ws.dispatch('backtest.equity', { runId })) as { ok: true; value: BacktestRunDetail };
    const { executions, fills } = backtestRunDetailSchema.parse(detail.value);
    expect(executions.length).toBeGreaterThan(0);
    expect(executions.every((e) => e.parent.algo === 'TWAP' && e.parent.side === 'BUY')).toBe(true);
    expect(executions.some((e) => e.parent.status === 'FILLED' && e.children.length > 1)).toBe(true);
    for (const e of executions) {
      expect(e.children.reduce((s, c) => s + c.filled, 0)).toBe(e.parent.filled);
      if (e.parent.filled > 0) expect(e.tca).toMatchObject({ parentId: e.parent.parentId, filledQuantity: e.parent.filled, arrivalPrice: e.parent.arrivalMid, currency: 'USD' });
      else expect(e.tca).toBeNull();
    }
    // Every child's fills are among the run's stored fills.
    const childFilled = executions.flatMap((e) => e.children).reduce((s, c) => s + c.filled, 0);
    expect(fills.filter((f) => f.side === 'BUY').reduce((s, f) => s + f.quantity, 0)).toBeGreaterThanOrEqual(childFilled);
    const bad = await ws.dispatch('backtest.equity', { runId: 'run-1' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('runId') } });
  });

  it('a user strategy that throws stops its own run with its stack; the engines keep serving', async () => {
    mkdirSync(join(dataDir, 'strategies'), { recursive: true });
    writeFileSync(join(dataDir, 'strategies', 'thrower.ts'), `export default { name: 'thrower', params: {}, create() { return { onBar() { throw new Error('bad idea'); } }; } };\n`);
    const reply = await call('backtest.run', { strategy: 'thrower', symbols });
    expect(reply.ok && !reply.value.ok && reply.value.error).toMatchObject({ code: 'STRATEGY_THREW', callback: 'onBar', message: expect.stringContaining('bad idea') });
    expect(JSON.stringify(reply)).toContain('thrower.ts');
    const again = await call<BacktestRunSummary>('backtest.run', { strategy: 'rsi-reversion', symbols });
    expect(again.ok && again.value.ok).toBe(true);
  });
});
