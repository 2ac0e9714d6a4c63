/// <reference lib="dom" />
// The Backtests panel in real Chromium against the real backend and backtest workers: sma-cross run by keyboard,
// its equity chart and metrics equal to the API's stored summary, a long run cancelled, two runs compared, the
// tear sheet downloaded, a sweep's ranked runs, the fills drawn on the chart; screenshots at two sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import type { BacktestRunSummary } from '../../src/shared/contracts/backtest';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';

const SHOTS = join(ROOT, 'test-results');
const POLL = { timeout: 30_000 };
/** A strategy slow enough per bar that a run lasts seconds: the cancel has something to stop. */
const SLOW_STRATEGY = `export default { name: 'slow-spin', description: 'burns time on every bar', params: {}, create() { return { onBar() { let x = 0; for (let i = 0; i < 300000; i++) x += Math.sqrt(i); if (x < 0) throw new Error('never'); } }; } };\n`;

describe('Backtests panel in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  let symbols: string[];

  const storedRuns = async () => host.workstation.api['backtest.runs']({});
  const metricCell = (metric: string, column = 0) => page.locator(`[data-testid="backtest-metrics"] tr[data-metric="${metric}"] td.num`).nth(column);

  /** The palette's "Maximize or restore the focused panel". */
  async function toggleMaximized(): Promise<void> {
    await page.keyboard.press('Control+k');
    await page.locator('.palette-input').pressSequentially('maximize or restore');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.palette-input').count()).toBe(0);
  }

  async function addSymbolsByKeyboard(list: readonly string[]): Promise<void> {
    const input = page.getByTestId('backtest-symbol-input');
    await input.focus();
    for (const s of list) {
      await input.pressSequentially(s);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.locator('[data-testid="backtest-symbols"] [data-symbol]').evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol')))).toEqual([...list]);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openBrowserSession({ name: 'backtests', host: { syntheticHistory: { seed: 3, years: 4, minuteDays: 1 } }, viewport: { width: 1600, height: 1000 } });
    ({ host, page } = session);
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
    symbols = (await host.workstation.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s));
    mkdirSync(join(session.dataDir, 'strategies'), { recursive: true });
    writeFileSync(join(session.dataDir, 'strategies', 'slow-spin.ts'), SLOW_STRATEGY);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('maximizes the panel from the palette', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    // The panel gets the room (palette: maximize the focused panel), as a trader studying a run would give it.
    await page.keyboard.press('Alt+7');
    await toggleMaximized();
    await expect.poll(() => page.locator('[data-panel="backtests"]').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1200);
  }, 60_000);

  it('runs sma-cross by keyboard: the equity chart, the fills and metrics equal to the stored summary', async () => {
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('backtest-strategy');
    await expect.poll(() => page.getByTestId('backtest-strategy').inputValue()).toBe('sma-cross');
    await expect.poll(() => page.locator('[data-testid="backtest-params"] [data-param]').count(), POLL).toBe(2);
    // Tab to the first parameter (fast) and type it; then the symbols.
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    // Two symbols the watchlist shows, so the chart can be pointed at one of them later.
    await expect.poll(() => page.locator('.watchlist-table tbody tr').count(), POLL).toBeGreaterThan(1);
    const listed = await page.locator('.watchlist-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol')));
    await addSymbolsByKeyboard(listed.filter((s): s is string => s !== null && symbols.includes(s)).slice(0, 2));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await storedRuns()).length, POLL).toBe(1);
    const [stored] = await storedRuns();
    expect(stored!.params).toEqual({ fast: 5, slow: 20 });
    await expect.poll(() => page.getByTestId('backtest-result').getAttribute('data-run-id'), POLL).toBe(stored!.runId);
    await expect.poll(() => page.getByTestId('backtest-equity-chart').getAttribute('data-points')).toBe(String((await host.workstation.api['backtest.equity']({ runId: stored!.runId })).equity.time.length));
    await expect.poll(() => page.locator('[data-testid="backtest-equity-chart"] canvas').count()).toBeGreaterThan(0);
    // Every figure the table shows is the summary's, as percent or ratio.
    const pct = (v: number) => `${(v * 100).toFixed(2).replace('-', '\u2212')}%`;
    expect(await metricCell('totalReturn').getAttribute('data-value')).toBe(String(stored!.metrics.totalReturn));
    expect(await metricCell('totalReturn').textContent()).toBe(pct(stored!.metrics.totalReturn!));
    expect(await metricCell('maxDrawdown').textContent()).toBe(pct(stored!.metrics.maxDrawdown!));
    expect(await metricCell('sharpe').textContent()).toBe(stored!.metrics.sharpe!.toFixed(2).replace('-', '\u2212'));
    for (const key of ['cagr', 'volatility', 'sortino', 'calmar']) expect(Number(await metricCell(key).getAttribute('data-value'))).toBe(stored!.metrics[key]);
    expect(await page.locator('[data-testid="backtest-metrics"] tr[data-metric="cagr"]').getAttribute('title')).toContain('CAGR');
    await expect.poll(() => page.getByTestId('backtest-fill').count()).toBe(Math.min(500, stored!.fillCount));
    await page.screenshot({ path: join(SHOTS, 'backtests-1600x1000.png') });
  }, 90_000);

  it('shows the fills of the open run on the chart of their symbol', async () => {
    const [stored] = await storedRuns();
    // Restore the layout so the chart is on screen, select a run symbol there.
    await toggleMaximized();
    await page.locator(`.watchlist-table tbody tr[data-symbol="${stored!.symbols[0]}"]`).click();
    // Daily bars, as the run's: every fill falls on a bar the chart shows.
    await page.locator('.chart-toolbar [role="radio"]', { hasText: '1D' }).click();
    await expect.poll(() => page.getByTestId('chart-legend').textContent(), POLL).toMatch(/^O [\d,.]+ H/);
    await expect.poll(() => page.getByTestId('chart-canvas').getAttribute('data-backtest-markers'), POLL).not.toBe(null);
    const onSymbol = (await host.workstation.api['backtest.equity']({ runId: stored!.runId })).fills.filter((f) => f.symbol === stored!.symbols[0]).length;
    expect(onSymbol).toBeGreaterThan(0);
    await expect.poll(async () => Number(await page.getByTestId('chart-canvas').getAttribute('data-backtest-markers')), POLL).toBe(onSymbol);
    await page.screenshot({ path: join(SHOTS, 'backtests-chart-fills-1600x1000.png') });
    await page.keyboard.press('Alt+7');
    await toggleMaximized();
  }, 60_000);

  it('shows a bad field with the backend’s message next to it and stores nothing', async () => {
    const before = (await storedRuns()).length;
    await page.locator('#bt-cash').fill('-5');
    await page.getByTestId('backtest-run').click();
    await expect.poll(() => page.getByTestId('backtest-error-cash').textContent(), POLL).toContain('must be positive');
    await page.locator('#bt-cash').fill('100000');
    await page.locator('[data-param="fast"]').fill('2.5');
    await page.getByTestId('backtest-run').click();
    await expect.poll(() => page.getByTestId('backtest-error-params').textContent(), POLL).toMatch(/fast/);
    await page.locator('[data-param="fast"]').fill('5');
    expect((await storedRuns()).length).toBe(before);
  }, 60_000);

  it('cancels a long run with Escape after its progress shows', async () => {
    const before = (await storedRuns()).length;
    const select = page.getByTestId('backtest-strategy');
    await select.focus();
    await expect.poll(() => select.locator('option[value="slow-spin"]').count(), POLL).toBe(1);
    await select.selectOption('slow-spin');
    await page.locator('[data-testid="backtest-symbols"] [data-symbol]').first().click();
    await page.locator('[data-testid="backtest-symbols"] [data-symbol]').first().click();
    await addSymbolsByKeyboard(symbols);
    await page.locator('#bt-timeframe').selectOption('1D');
    await page.getByTestId('backtest-symbol-input').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('backtest-progress').count(), POLL).toBe(1);
    await expect.poll(async () => Number(await page.getByTestId('backtest-progress').getAttribute('data-done').catch(() => '0')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('backtest-notice').textContent(), POLL).toMatch(/^Cancelled: cancelled after \d+ bars/);
    await expect.poll(() => page.getByTestId('backtest-progress').count()).toBe(0);
    expect((await storedRuns()).length).toBe(before);
  }, 120_000);

  it('sweeps a grid and shows the runs ranked by the chosen metric', async () => {
    await page.getByTestId('backtest-strategy').selectOption('sma-cross');
    await page.locator('[data-testid="backtest-symbols"] [data-symbol]').first().click();
    while ((await page.locator('[data-testid="backtest-symbols"] [data-symbol]').count()) > 2) await page.locator('[data-testid="backtest-symbols"] [data-symbol]').last().click();
    await page.getByTestId('backtest-rank-by').selectOption('totalReturn');
    const grid = page.getByTestId('backtest-grid');
    await grid.fill('fast=3,5,8; slow=20,30');
    await grid.press('Enter');
    await expect.poll(() => page.locator('[data-testid="backtest-sweep-runs"] [data-testid="backtest-run-row"]').count(), POLL).toBe(6);
    const ids = await page.locator('[data-testid="backtest-sweep-runs"] [data-testid="backtest-run-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')));
    const byId = new Map((await storedRuns()).map((r) => [r.runId, r] as const));
    const totals = ids.map((id) => byId.get(id!)!.metrics.totalReturn ?? -Infinity);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // The best run opens.
    await expect.poll(() => page.getByTestId('backtest-result').getAttribute('data-run-id')).toBe(ids[0]);
  }, 120_000);

  it('compares two runs: two metric columns and two equity curves', async () => {
    const rows = page.locator('[data-testid="backtest-sweep-runs"] [data-testid="backtest-run-row"]');
    const second = await rows.nth(1).getAttribute('data-run-id');
    await rows.nth(1).getByTestId('backtest-compare').click();
    await expect.poll(() => page.getByTestId('backtest-result').getAttribute('data-compare-id'), POLL).toBe(second);
    await expect.poll(() => page.getByTestId('backtest-equity-chart').getAttribute('data-runs')).toBe('2');
    const runs = new Map((await storedRuns()).map((r) => [r.runId, r] as const));
    const open = runs.get((await page.getByTestId('backtest-result').getAttribute('data-run-id'))!)!;
    const other: BacktestRunSummary = runs.get(second!)!;
    expect(Number(await metricCell('totalReturn', 0).getAttribute('data-value'))).toBe(open.metrics.totalReturn);
    expect(Number(await metricCell('totalReturn', 1).getAttribute('data-value'))).toBe(other.metrics.totalReturn);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(SHOTS, 'backtests-compare-1280x720.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 60_000);

  it('exports the tear sheet: one self-contained HTML file naming the strategy', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backtest-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^sma-cross_.*\.html$/);
    const path = await download.path();
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('sma-cross');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/https?:\/\//);
  }, 60_000);
});
