/// <reference lib="dom" />
// The Risk panel's portfolio risk in Chromium against the real backend: VaR/ES of the book as filled, the method
// switch, component VaR per position, exposures and stress, the same figures risk.var returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';
import { waitFor } from '../support/waitFor';

const POLL = { timeout: 15_000 };

describe('portfolio risk in the Risk panel', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  const symbols: string[] = [];

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    // Three years of daily history: the default 500-day window fits.
    session = await openBrowserSession({ name: 'portfolio-risk', host: { syntheticHistory: { seed: 9, years: 3, minuteDays: 1 } }, viewport: { width: 1600, height: 1000 } });
    ({ host, page } = session);
    const equities = (await host.workstation.api['market.instruments']({})).filter((i) => i.assetClass === 'EQUITY').slice(0, 2);
    symbols.push(...equities.map((i) => i.symbol));
    await waitFor(() => symbols.every((s) => host.workstation.live.quote(s) !== undefined), 'quotes');
    await waitFor(async () => (await page.getByTestId('connection').textContent()) === 'backend: connected', 'the backend connection');
    await waitFor(() => host.workstation.supervisor.healthOf('risk').state === 'up', 'the risk engine');
    for (const [i, symbol] of symbols.entries()) {
      const reply = await host.workstation.dispatch('orders.submit', { symbol, side: i === 0 ? 'BUY' : 'SELL', type: 'MARKET', quantity: 100 * (i + 1), timeInForce: 'DAY' });
      expect(reply.ok).toBe(true);
    }
    await waitFor(() => host.workstation.trading.core.positions.positions().filter((p) => p.quantity !== 0).length === 2, 'two positions');
    // Marks stop moving, so the panel and the API measure the very same book.
    host.workstation.live.stop();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('shows VaR/ES by method, components summing to the total, exposures and stress for the live book', async () => {
    await page.keyboard.press('Alt+6');
    const figures = page.getByTestId('var-figure');
    await expect.poll(() => figures.count(), POLL).toBe(4);
    await expect.poll(() => page.getByTestId('var-figures').getAttribute('data-method'), POLL).toBe('historical');

    // The panel shows what risk.var returns for the same book (historical is deterministic).
    const reply = await host.workstation.dispatch('risk.var', { methods: ['historical'] });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const measured = reply.value as { ok: boolean; value?: { historical: Record<string, number> } };
    const api = measured.value;
    expect(measured.ok, JSON.stringify(measured)).toBe(true);
    await expect.poll(async () => Number(await page.locator('[data-testid="var-figure"][data-key="var99"]').getAttribute('data-value')), POLL).toBeCloseTo(api!.historical.var99!, 6);
    const shown = await page.locator('[data-testid="var-figure"][data-key="var95"] dd').textContent();
    expect(shown).toBe(api!.historical.var95!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

    const components = page.getByTestId('var-component');
    await expect.poll(() => components.count(), POLL).toBe(2);
    const parts = await components.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-var95'))));
    expect(Math.abs(parts.reduce((a, b) => a + b, 0) / api!.historical.var95! - 1)).toBeLessThan(1e-9);

    await page.locator('[data-testid="var-method"][data-method="parametric"]').click();
    await expect.poll(() => page.getByTestId('var-figures').getAttribute('data-method'), POLL).toBe('parametric');
    await expect.poll(async () => Number(await page.locator('[data-testid="var-figure"][data-key="es99"]').getAttribute('data-value')), POLL).toBeGreaterThan(0);
    // GARCH σ: parametric VaR with each symbol's one-day GARCH(1,1) forecast from the ML engine, exactly as risk.var
    // gives it when handed ml.volatility's forecasts.
    await page.locator('[data-testid="var-volatility"][data-volatility="garch"]').click();
    const forecasts = await host.workstation.dispatch('ml.volatility', { symbols });
    if (!forecasts.ok) throw new Error(forecasts.error.message);
    const garch = forecasts.value as { volatilityOverride: Record<string, number>; failures: unknown[] };
    expect(garch.failures).toEqual([]);
    const withGarch = await host.workstation.dispatch('risk.var', { methods: ['parametric'], volatilityOverride: garch.volatilityOverride });
    if (!withGarch.ok) throw new Error(withGarch.error.message);
    const garchVar95 = (withGarch.value as { ok: true; value: { parametric: Record<string, number> } }).value.parametric.var95!;
    await expect.poll(async () => Number(await page.locator('[data-testid="var-figure"][data-key="var95"]').getAttribute('data-value')), POLL).toBeCloseTo(garchVar95, 6);
    const sample = await host.workstation.dispatch('risk.var', { methods: ['parametric'] });
    if (!sample.ok) throw new Error(sample.error.message);
    expect((sample.value as { ok: true; value: { parametric: Record<string, number> } }).value.parametric.var95).not.toBeCloseTo(garchVar95, 2);
    await page.locator('[data-testid="var-method"][data-method="monteCarlo"]').click();
    await expect.poll(() => page.getByTestId('var-figures').getAttribute('data-method'), POLL).toBe('monteCarlo');

    await expect.poll(() => page.locator('[data-testid="exposure-row"][data-group="Book"]').count(), POLL).toBe(1);
    await expect.poll(() => page.getByTestId('stress-row').count(), POLL).toBe(6);
    const worst = await page.getByTestId('stress-row').first().getAttribute('data-pnl');
    expect(Number(worst)).toBeLessThan(0);
    await page.screenshot({ path: join(ROOT, 'test-results', 'portfolio-risk.png') });
  }, 120_000);
});
