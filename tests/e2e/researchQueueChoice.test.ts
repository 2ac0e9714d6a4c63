/// <reference lib="dom" />
// "Run on: research queue" in real Chromium, against a workstation started with a real Redis queue and one real
// `nautilus worker` process: a Backtests sweep and a Factors run sent to the queue from the panels, their progress
// shown as jobs finish, the worker's own log naming every job it ran, and the results on screen the same as the
// same request run on this machine's engines; a model trained from Research → Models the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { formatNumber } from '../../src/core/report/html';
import type { BacktestSweepSummary } from '../../src/shared/contracts/backtest';
import { queueStoreOf } from '../../src/main/team/researchQueue';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';
import { startRedisServer, type RedisServer } from '../support/redisServer';
import { waitFor } from '../support/waitFor';
import { storeUnavailable } from '../integration/team/queueStores';

const POLL = { timeout: 45_000 };
type WorkerEvent = { kind: string; jobId?: string };

const unavailable = storeUnavailable('redis');
if (unavailable) console.warn(`research queue in the panels skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('Run on the research queue, from the panels in Chromium', () => {
  let redis: RedisServer;
  let session: BrowserSession;
  let page: Page;
  let worker: ChildProcess;
  const events: WorkerEvent[] = [];
  const completed = (prefix: RegExp) => events.filter((e) => e.kind === 'completed' && prefix.test(e.jobId ?? '')).length;

  beforeAll(async () => {
    redis = await startRedisServer();
    const store = queueStoreOf(redis.url);
    if (!store.ok) throw new Error(store.error);
    worker = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/integration/team/workerProcess.ts'), '--redis', redis.url, '--json', '--concurrency', '2'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    worker.stderr!.on('data', (c) => (stderr += c));
    createInterface({ input: worker.stdout! }).on('line', (line) => events.push(JSON.parse(line) as WorkerEvent));
    await waitFor(() => events.some((e) => e.kind === 'ready') || worker.exitCode !== null, 'worker ready', 120_000);
    if (worker.exitCode !== null) throw new Error(`the worker exited: ${stderr}`);
    session = await openBrowserSession({ name: 'queue-choice', host: { syntheticHistory: { seed: 2, years: 2, minuteDays: 1 }, researchQueue: store.value }, viewport: { width: 1600, height: 1000 } });
    page = session.page;
  }, 180_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await session?.close();
    await redis?.stop();
  });

  it('sweeps a grid on the queue from the Backtests panel: every combination a worker job, ranked as a local sweep ranks them', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    await page.keyboard.press('Alt+7');
    await page.getByTestId('backtest-strategy').selectOption('sma-cross');
    const symbols = (await session.host.workstation.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s)).slice(0, 2);
    const input = page.getByTestId('backtest-symbol-input');
    for (const s of symbols) {
      await input.fill(s);
      await input.press('Enter');
    }
    await expect.poll(() => page.locator('[data-testid="backtest-symbols"] [data-symbol]').count(), POLL).toBe(2);
    await page.getByTestId('backtest-rank-by').selectOption('totalReturn');
    await page.getByTestId('backtest-sweep-on').selectOption('queue');
    const grid = page.getByTestId('backtest-grid');
    await grid.fill('fast=3,5; slow=20,30');
    await grid.press('Enter');
    await expect.poll(() => page.locator('[data-testid="backtest-sweep-runs"] [data-testid="backtest-run-row"]').count(), POLL).toBe(4);
    // The worker ran the four combinations (jobs are named by sweep id and index); none ran on this machine.
    expect(completed(/\.\d+$/)).toBe(4);

    const shown = await page.locator('[data-testid="backtest-sweep-runs"] [data-testid="backtest-run-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')));
    const stored = new Map((await session.host.workstation.api['backtest.runs']({})).map((r) => [r.runId, r] as const));
    const queued = shown.map((id) => stored.get(id!)!);
    // The same sweep on this machine's engines, through the API's own validation (the panel's defaults spelt out).
    const reply = (await session.host.workstation.dispatch('backtest.sweep', {
      strategy: 'sma-cross', symbols, timeframe: '1D', params: {}, cash: 100_000, fill: 'next-open', commission: 'zero', slippageBps: 0, maxVolumeShare: 0.1, limits: 'none',
      grid: { fast: [3, 5], slow: [20, 30] }, rankBy: 'totalReturn',
    })) as { ok: true; value: { ok: true; value: BacktestSweepSummary } | { ok: false; error: unknown } } | { ok: false; error: unknown };
    if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
    expect(queued.map((r) => [r.params, r.metrics.totalReturn, r.fillCount])).toEqual(reply.value.value.runs.map((r) => [r.params, r.metrics.totalReturn, r.fillCount]));
  }, 180_000);

  it('analyses factors on the queue from Research → Factors: a worker job per factor, the same figures as on this machine', async () => {
    await page.keyboard.press('Alt+8');
    const section = page.getByTestId('factor-section');
    await expect.poll(() => section.getByTestId('factor-names').locator('option').count(), POLL).toBeGreaterThan(150);
    await section.getByTestId('factor-names').selectOption(['ROC5', 'MA10']);
    await section.getByTestId('factor-run-on').selectOption('queue');
    await section.getByTestId('factor-run').click();
    await expect.poll(() => section.getByTestId('factor-ranking').locator('tbody tr').count(), POLL).toBe(2);
    expect(completed(/\.f\d+$/)).toBe(2);

    const local = await session.host.workstation.api['factors.analyze']({
      factors: [{ name: 'ROC5' }, { name: 'MA10' }], timeframe: '1D', horizon: 5, horizons: [1, 5, 20], method: 'spearman', quantiles: 5, minSymbols: 5, correlation: true,
    });
    if (!local.ok) throw new Error(local.error.message);
    const names = await section.getByTestId('factor-ranking').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(names).toEqual(local.value.factors.map((f) => f.name));
    const report = section.locator('[data-testid="factor-report"]').first();
    const name = await report.getAttribute('data-factor');
    const expected = local.value.factors.find((f) => f.name === name)!;
    expect(await report.locator('[data-figure="meanIC"] b').textContent()).toBe(formatNumber(expected.meanIC!, 4));
  }, 180_000);

  it('trains a model on the queue from Research → Models: a worker job per fold and one for the final fit, the local figures', async () => {
    await page.keyboard.press('Alt+8');
    const section = page.getByTestId('model-section');
    await expect.poll(() => section.getByTestId('model-factors').locator('option').count(), POLL).toBeGreaterThan(150);
    await section.getByTestId('model-factors').selectOption(['ROC5', 'MA20']);
    await section.getByTestId('model-name').fill('queued-ridge');
    await section.getByTestId('model-kind').selectOption('ridge');
    await section.getByTestId('model-run-on').selectOption('queue');
    await section.getByTestId('model-name').press('Enter');
    const report = section.locator('[data-testid="model-report"][data-model="queued-ridge@1"]');
    await expect.poll(() => report.count(), POLL).toBe(1);
    expect(completed(/\.final$/)).toBe(1);

    // The same training on this machine (deterministic: the same rows, folds and seeds) registers v2.
    const local = await session.host.workstation.api['ml.train']({ name: 'queued-ridge', kind: 'ridge', params: {}, factors: ['ROC5', 'MA20'], timeframe: '1D', target: 'return', horizon: 5, mode: 'expanding', trainDates: 120, testDates: 40, seed: 1 });
    if (!local.ok) throw new Error(local.error.message);
    expect(completed(/\.k\d+$/)).toBe(local.value.folds.length);
    expect(await report.getByTestId('model-fold').count()).toBe(local.value.folds.length);
    expect(await report.getByTestId('model-oos').locator('[data-metric="r2"]').textContent()).toBe(formatNumber(local.value.outOfSample.r2, 4));
  }, 180_000);
});
