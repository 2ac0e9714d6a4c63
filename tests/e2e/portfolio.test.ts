/// <reference lib="dom" />
// The Portfolio panel in real Chromium against the real backend and portfolio engine: reached with Alt+0, optimize
// (weights equal to portfolio.optimize's, the frontier drawn), preview the rebalance, edit a quantity, send after the
// confirmation, and see the orders in the blotter and the positions move to exactly what was sent.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { formatQuantity } from '../../src/renderer/panels/common/format';
import { percentOf } from '../../src/renderer/panels/portfolio/portfolioFigures';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';
import { waitFor } from '../support/waitFor';

const POLL = { timeout: 30_000 };
const SYMBOLS = ['DTSY', 'SMCN', 'CLDR', 'QBIT'];

describe('Portfolio panel in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  const panel = () => page.locator('[data-panel="portfolio"]');
  const dialog = () => page.getByRole('alertdialog');
  const position = async (symbol: string) => (await host.workstation.api['positions.list']({})).find((p) => p.symbol === symbol)?.quantity ?? 0;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'portfolio', host: { syntheticHistory: { seed: 3, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 1000 } });
    ({ host, page } = session);
    await waitFor(async () => (await page.getByTestId('connection').textContent()) === 'backend: connected', 'the backend connection');
    await waitFor(() => SYMBOLS.every((s) => host.workstation.live.quote(s) !== undefined), 'quotes');
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('Alt+0 puts the keyboard on the optimizer; Enter optimizes and shows the weights portfolio.optimize gives, with the frontier', async () => {
    await page.keyboard.press('Alt+0');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), POLL).toBe('portfolio-method');
    await page.keyboard.press('Tab'); // covariance
    await page.keyboard.press('Tab'); // window
    await page.keyboard.press('Control+a');
    await page.keyboard.type('120');
    await page.keyboard.press('Tab'); // symbols
    await page.keyboard.type(SYMBOLS.join(', '));
    await page.keyboard.press('Enter');
    const rows = panel().locator('[data-testid="portfolio-weights"] tbody tr');
    await expect.poll(() => rows.count(), POLL).toBe(4);

    const expected = await host.workstation.api['portfolio.optimize']({ method: 'min-variance', symbols: SYMBOLS, window: 120, covariance: 'ledoit-wolf', longOnly: true, maxWeight: 0.4 });
    if (!expected.ok) throw new Error(expected.error.message);
    for (const s of SYMBOLS) {
      expect(await panel().locator(`[data-testid="portfolio-weights"] tr[data-symbol="${s}"] [data-figure="weight"]`).textContent()).toBe(percentOf(expected.value.weights[s]));
      expect(await panel().locator(`[data-testid="portfolio-weights"] tr[data-symbol="${s}"] [data-figure="risk"]`).textContent()).toBe(percentOf(expected.value.riskContributions[s]));
    }
    expect(await panel().getByTestId('portfolio-volatility').textContent()).toBe(percentOf(expected.value.volatility));
    await expect.poll(() => panel().locator('[data-testid="portfolio-frontier"] path.frontier-curve').getAttribute('data-points'), POLL).not.toBeNull();
    expect(Number(await panel().locator('[data-testid="portfolio-frontier"] path.frontier-curve').getAttribute('data-points'))).toBeGreaterThan(2);
    expect(await panel().getByTestId('portfolio-frontier-chosen').count()).toBe(1);
    expect(await panel().locator('[data-testid="portfolio-frontier"] [data-asset]').count()).toBe(4);
  });

  it('previews the rebalance, takes an edited quantity, sends after confirming, and the blotter and positions show it', async () => {
    await panel().getByTestId('portfolio-cash').fill('200000');
    await panel().getByTestId('portfolio-preview').click();
    const orderRows = panel().locator('[data-testid="portfolio-orders"] tbody tr');
    await expect.poll(() => orderRows.count(), POLL).toBe(4);
    expect(await panel().getByTestId('portfolio-total-cost').textContent()).toMatch(/^\d[\d,]*\.\d\d$/);
    expect(await panel().getByTestId('portfolio-risk-after').textContent()).toMatch(/volatility \d+\.\d\d%/);

    const first = SYMBOLS[0]!;
    const input = panel().getByTestId(`portfolio-qty-${first}`);
    const previewed = Number(await input.inputValue());
    expect(previewed).toBeGreaterThan(20);
    const edited = previewed - 7;
    await input.fill(String(edited));
    // A bad edit is refused on its row and nothing is asked or sent.
    const second = SYMBOLS[1]!;
    const secondInput = panel().getByTestId(`portfolio-qty-${second}`);
    const secondQty = await secondInput.inputValue();
    await secondInput.fill('lots');
    await panel().getByTestId('portfolio-send').click();
    await expect.poll(() => panel().getByTestId(`portfolio-row-error-${second}`).count(), POLL).toBe(1);
    expect(await dialog().count()).toBe(0);
    await secondInput.fill(secondQty);

    const wanted = Object.fromEntries(await Promise.all(SYMBOLS.map(async (s) => [s, Number(await panel().getByTestId(`portfolio-qty-${s}`).inputValue())] as const)));
    expect(wanted[first]).toBe(edited);
    const ordersBefore = (await host.workstation.api['orders.list']({ scope: 'all' })).length;
    await panel().getByTestId('portfolio-send').click();
    await expect.poll(() => dialog().textContent(), POLL).toContain(`BUY ${formatQuantity(edited)} ${first}`);
    // Destructive: the focus starts on Cancel, so Enter backs out and nothing is sent.
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    expect((await host.workstation.api['orders.list']({ scope: 'all' })).length).toBe(ordersBefore);
    await panel().getByTestId('portfolio-send').click();
    await expect.poll(() => dialog().count(), POLL).toBe(1);
    await page.getByTestId('confirm-ok').click();

    await expect.poll(() => panel().getByTestId('portfolio-sent').textContent(), POLL).toContain('Sent 4 orders');
    // A preview goes out once: Send is off until the next preview.
    expect(await panel().getByTestId('portfolio-send').isDisabled()).toBe(true);
    for (const s of SYMBOLS) await expect.poll(() => position(s), POLL).toBe(wanted[s]);
    const sent = (await host.workstation.api['orders.list']({ scope: 'all' })).filter((o) => o.tag === 'rebalance');
    expect(sent.map((o) => o.symbol).sort()).toEqual([...SYMBOLS].sort());
    for (const o of sent) {
      await expect.poll(() => page.locator(`[data-testid="order-row"][data-order-id="${o.clientOrderId}"]`).getAttribute('data-status'), POLL).toBe('Filled');
      await expect.poll(() => page.locator(`[data-testid="position-row"][data-symbol="${o.symbol}"] [data-field="quantity"]`).textContent(), POLL).toBe(formatQuantity(wanted[o.symbol]));
    }
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'portfolio-workspace.png') });
    await page.keyboard.press('Alt+0');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('maximize or restore');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-panel="watchlist"]').isVisible(), POLL).toBe(false);
    await page.screenshot({ path: join(ROOT, 'test-results', 'portfolio-panel.png') });
  });
});
