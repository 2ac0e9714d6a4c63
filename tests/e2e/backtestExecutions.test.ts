/// <reference lib="dom" />
// The Backtests panel's Executions section in real Chromium against the real backend and backtest worker: a twap-entry
// run on minute bars is opened from the stored runs by keyboard; its parents are the stored ones, with their TCA;
// the keyboard expands a parent to its children and collapses it; a run without algorithms says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { backtestRequestSchema, type BacktestRunSummary } from '../../src/shared/contracts/backtest';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';

const SHOTS = join(ROOT, 'test-results');
const POLL = { timeout: 30_000 };

describe('Backtests panel: a run’s executions in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  let twap: BacktestRunSummary;
  let plain: BacktestRunSummary;

  const run = async (input: Record<string, unknown>): Promise<BacktestRunSummary> => {
    const result = await host.workstation.api['backtest.run'](backtestRequestSchema.parse(input));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openBrowserSession({ name: 'backtest-executions', host: { syntheticHistory: { seed: 11, years: 0.5, minuteDays: 2 } }, viewport: { width: 1600, height: 1000 } });
    ({ host, page } = session);
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    const symbols = (await host.workstation.market.listSymbols('1m')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s)).slice(0, 4);
    // Stored before the page lists runs: the plain run first, so the twap run is the newest (first in the list).
    plain = await run({ strategy: 'sma-cross', symbols, params: { fast: 5, slow: 20 } });
    twap = await run({ strategy: 'twap-entry', symbols, timeframe: '1m', params: { fast: 5, slow: 20 }, cash: 1_000_000, commission: 'sim' });
    await page.reload();
  }, 120_000);

  /** The palette's "Maximize or restore the focused panel": the panel gets the room a trader studying a run gives it. */
  async function toggleMaximized(): Promise<void> {
    await page.keyboard.press('Control+k');
    await page.locator('.palette-input').pressSequentially('maximize or restore');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.palette-input').count()).toBe(0);
  }

  afterAll(async () => {
    await session?.close();
  });

  it('opens the twap-entry run by keyboard and shows its stored parents with their TCA', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const stored = await host.workstation.api['backtest.equity']({ runId: twap.runId });
    expect(stored.executions.length).toBeGreaterThan(1);
    await page.keyboard.press('Alt+7');
    await toggleMaximized();
    await expect.poll(() => page.locator('[data-panel="backtests"]').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1200);
    await expect.poll(() => page.locator('[data-testid="backtest-runs"] [data-testid="backtest-run-row"]').count(), POLL).toBe(2);
    await page.getByTestId('backtest-runs').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('backtest-result').getAttribute('data-run-id'), POLL).toBe(twap.runId);

    const table = page.getByTestId('backtest-executions');
    await expect.poll(() => table.getAttribute('data-count'), POLL).toBe(String(stored.executions.length));
    const rows = page.getByTestId('backtest-exec-parent');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-parent-id')))).toEqual(stored.executions.slice(0, 500).map((e) => e.parent.parentId));
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(stored.executions.slice(0, 500).map((e) => e.parent.status));
    // The shortfall each row shows is the stored TCA's (empty for a parent that never filled).
    const shown = await page.getByTestId('backtest-exec-is').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(shown).toEqual(stored.executions.slice(0, 500).map((e) => (e.tca ? String(e.tca.shortfall.amount) : '')));
    const first = stored.executions[0]!;
    expect(await rows.first().textContent()).toContain(`${first.tca!.currency}`);
    expect(await rows.first().textContent()).toContain('TWAP');
  }, 90_000);

  it('expands a parent to its children and collapses it, by keyboard', async () => {
    const stored = await host.workstation.api['backtest.equity']({ runId: twap.runId });
    const table = page.getByTestId('backtest-executions');
    await table.focus();
    // The second parent: ↓ then →.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const second = stored.executions[1]!;
    const row = page.locator(`[data-testid="backtest-exec-parent"][data-parent-id="${second.parent.parentId}"]`);
    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
    const children = page.locator('[data-testid="backtest-exec-child"]');
    await expect.poll(() => children.evaluateAll((els) => els.map((e) => e.getAttribute('data-child-id')))).toEqual(second.children.map((c) => c.childId));
    expect(await children.first().textContent()).toContain(second.children[0]!.venue);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'backtest-executions-1600x1000.png') });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => children.count()).toBe(0);
    // Enter toggles as well.
    await page.keyboard.press('Enter');
    await expect.poll(() => children.count()).toBe(second.children.length);
  }, 60_000);

  it('says so when the run sent no algorithms', async () => {
    await page.getByTestId('backtest-runs').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('backtest-result').getAttribute('data-run-id'), POLL).toBe(plain.runId);
    await expect.poll(() => page.getByTestId('backtest-executions-empty').count(), POLL).toBe(1);
    expect(await page.getByTestId('backtest-executions').count()).toBe(0);
  }, 60_000);
});
