/// <reference lib="dom" />
// The Strategies panel in real Chromium against the real backend: a version deployed from the form, backtested,
// promoted to paper through the gate by keyboard (its backtest metrics shown), trading on the simulated exchange with
// its P&L in the panel and its version on its orders in the blotter; a newer version rolled back (confirmed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { waitFor } from '../support/waitFor';

const POLL = { timeout: 30_000 };
/** Buys `qty` at market on its first quote (on its first bar in a backtest). */
const TICKER = `import { defineStrategy } from 'nautilus/strategy';
export default defineStrategy({
  name: 'ticker',
  params: { qty: { default: 10, min: 1, max: 1000, integer: true } },
  create(params, ctx) {
    let quotes = 0;
    return {
      onBar(bar) { if (ctx.portfolio.position(bar.symbol) === 0 && ctx.workingOrders(bar.symbol).length === 0) ctx.submit({ symbol: bar.symbol, side: 'BUY', type: 'MARKET', quantity: params.qty, timeInForce: 'DAY' }); },
      onQuote(q) { quotes += 1; if (quotes === 1) ctx.submit({ symbol: q.symbol, side: 'BUY', type: 'MARKET', quantity: params.qty, timeInForce: 'DAY' }); },
    };
  },
});
`;

describe('Strategies panel in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  let symbol: string;

  const rows = () => page.getByTestId('strategy-row');
  /** A stored backtest of ticker with these parameters (validated and defaulted as the API does). */
  const backtest = async (qty: number) => {
    const reply = (await host.workstation.dispatch('backtest.run', { strategy: 'ticker', symbols: [symbol], params: { qty } } as never)) as unknown as { ok: boolean; value?: { ok: boolean } };
    return reply.ok && reply.value?.ok === true;
  };
  const rowStates = () => rows().evaluateAll((els) => els.map((e) => `${e.getAttribute('data-stage')} ${e.getAttribute('data-state')}`));

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'strategies', host: { syntheticHistory: { seed: 5, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 1000 } });
    ({ host, page } = session);
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    mkdirSync(join(session.dataDir, 'strategies'), { recursive: true });
    writeFileSync(join(session.dataDir, 'strategies', 'ticker.ts'), TICKER);
    symbol = (await host.workstation.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s))[0]!;
    await waitFor(() => host.workstation.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  });

  it('deploys, promotes to paper through the gate by keyboard, shows live P&L and the version on the blotter, and rolls back a newer version', async () => {
    await page.keyboard.press('Alt+T');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), POLL).toBe('strategy-rows');

    // Deploy from the form (the strategy list is read again: the file was written after the page loaded).
    // Focusing the strategy box reads the strategy files again (ticker was written after the page loaded).
    await page.getByTestId('strategy-deploy-name').focus();
    await expect.poll(() => page.locator('[data-testid="strategy-deploy-name"] option[value="ticker"]').count(), POLL).toBe(1);
    await page.getByTestId('strategy-deploy-name').selectOption('ticker');
    await page.getByTestId('strategy-deploy-symbols').fill(symbol);
    await page.getByTestId('strategy-deploy-params').fill('qty=10');
    await page.getByTestId('strategy-deploy-submit').click();
    await expect.poll(rowStates, POLL).toEqual(['BACKTEST READY']);

    // The gate refuses until this version has a backtest.
    await page.keyboard.press('Alt+T');
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('strategy-gate-blocked').textContent(), POLL).toContain('no backtest of this version');
    await page.keyboard.press('Escape');
    expect(await backtest(10)).toBe(true);

    await page.keyboard.press('Alt+T');
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('[data-testid="strategy-gate-metrics"] tr[data-metric="fills"] td.num').first().textContent(), POLL).not.toBe('—');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), POLL).toBe('Approved by');
    await page.keyboard.press('Enter');
    await expect.poll(rowStates, POLL).toEqual(['PAPER RUNNING']);
    // It trades on the simulated exchange: its P&L and position show, and the blotter names its version.
    await expect.poll(() => page.getByTestId('strategy-pnl').first().textContent(), POLL).not.toBe('—');
    const [v1] = (await host.workstation.api['strategies.list']({})).deployments;
    await expect.poll(() => page.locator(`[data-testid="order-row"][data-strategy="ticker@${v1!.version.slice(0, 10)}"]`).count(), POLL).toBeGreaterThan(0);

    // A newer version (other parameters), backtested and promoted through the API, then rolled back from the panel.
    const v2 = await host.workstation.api['strategies.deploy']({ strategy: 'ticker', symbols: [symbol], params: { qty: 20 }, policy: 'FLATTEN', barSeconds: 60, initialCash: 100_000 });
    if (!v2.ok) throw new Error(JSON.stringify(v2.error));
    expect(await backtest(20)).toBe(true);
    expect((await host.workstation.api['strategies.promote']({ deploymentId: v2.value.id, approvedBy: 'api' })).ok).toBe(true);
    await expect.poll(rowStates, POLL).toEqual(['PAPER RETIRED', 'PAPER RUNNING']);
    await page.keyboard.press('Alt+T');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('b');
    await expect.poll(() => page.getByTestId('confirm-dialog').count(), POLL).toBe(1);
    await page.getByTestId('confirm-ok').click();
    await expect.poll(rowStates, POLL).toEqual(['PAPER RUNNING', 'PAPER RETIRED']);
    const promotions = (await host.workstation.api['strategies.list']({})).promotions.map((p) => p.kind);
    expect(promotions).toEqual(['promote', 'promote', 'rollback']);
  }, 180_000);
});
