/// <reference lib="dom" />
// Research → Data in real Chromium against the real backend: Yahoo daily bars and EDGAR facts fetched from a local
// server of recorded responses (base URLs from data-settings.json), listed, charted, watched, and put on the desk: an
// order typed in the ticket fills on the simulated exchange and shows in the blotter and positions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { startDataFixtureServer, type DataFixtureServer } from '../support/dataFixtureServer';

const POLL = { timeout: 30_000 };

describe('Research → Data in Chromium', () => {
  let session: BrowserSession;
  let server: DataFixtureServer;
  let page: Page;

  beforeAll(async () => {
    server = await startDataFixtureServer();
    session = await openBrowserSession({ name: 'data', host: { syntheticHistory: { seed: 3, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 1000 } });
    writeFileSync(
      join(session.dataDir, 'data-settings.json'),
      JSON.stringify({ baseUrls: { yahoo: server.baseUrl, edgar: server.baseUrl }, secUserAgent: 'Nautilus e2e ops@example.com' }),
    );
    await session.restartHost();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('fetches real daily bars, lists them with their source, and charts and watches the symbol', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const panel = page.getByTestId('data-panel');
    await panel.getByTestId('data-id').fill('aapl');
    await panel.getByTestId('data-fetch').click();
    await expect.poll(() => panel.getByTestId('data-notice').textContent(), POLL).toBe('yahoo AAPL: 49 rows stored, 2020-08-31 … 2020-11-06');
    const row = panel.getByTestId('data-source-row').first();
    await expect.poll(() => row.textContent(), POLL).toContain('2020-08-31 … 2020-11-06');
    expect(await row.textContent()).toContain(server.baseUrl);

    await row.getByTestId('data-chart').click();
    await expect.poll(() => page.locator('.chart').getAttribute('aria-label'), POLL).toBe('Chart of AAPL, 1D');
    const bars = await session.host.workstation.api['market.bars']({ symbol: 'AAPL', timeframe: '1D' });
    expect(bars.time).toHaveLength(49);

    await row.getByTestId('data-watch').click();
    await expect.poll(() => page.locator('[data-testid="watchlist-table"] [data-symbol="AAPL"]').count(), POLL).toBe(1);

    // The Backtests panel's symbol picker offers the stored symbol though it is not a desk instrument.
    await page.keyboard.press('Alt+7');
    const picker = page.getByTestId('backtest-symbol-input');
    await picker.fill('aap');
    await expect.poll(() => page.locator('.bt-matches [role="option"]').first().textContent(), POLL).toBe('AAPL stored 1D bars from yahoo');
    await picker.fill('');
    await page.keyboard.press('Alt+8');
  });

  it('fetches a company\'s fundamentals and shows a provider failure in words', async () => {
    const panel = page.getByTestId('data-panel');
    await panel.getByTestId('data-provider').selectOption('edgar');
    await panel.getByTestId('data-id').fill('AAPL');
    await panel.getByTestId('data-fetch').click();
    await expect.poll(() => panel.getByTestId('data-notice').textContent(), POLL).toMatch(/^edgar AAPL: 12601 rows stored/);
    await panel.getByTestId('data-provider').selectOption('yahoo');
    await panel.getByTestId('data-id').fill('MDLY');
    await panel.getByTestId('data-fetch').click();
    await expect.poll(() => panel.getByTestId('data-notice').textContent(), POLL).toContain('unknown symbol or series (HTTP 404): No data found, symbol may be delisted');
    expect(await panel.getByTestId('data-source-row').count()).toBe(2);
  });

  it('puts the stored symbol on the desk: the ticket trades it on the simulated exchange, the blotter shows the fill', async () => {
    const panel = page.getByTestId('data-panel');
    const row = panel.locator('[data-testid="data-source-row"]:has([data-testid="data-chart"])');
    await row.getByTestId('data-trade').click();
    await expect.poll(() => panel.getByTestId('data-notice').textContent(), POLL).toMatch(/^AAPL is on the desk: USD, NMS, tick 0\.01, lot 1; the simulated exchange quotes it 5 bp around its last stored close/);
    // The row now says the symbol is a desk instrument instead of offering Trade again.
    await expect.poll(() => row.getByTestId('data-on-desk').count(), POLL).toBe(1);
    expect(await row.getByTestId('data-trade').count()).toBe(0);
    const quote = session.host.workstation.live.quote('AAPL');
    expect(quote).toMatchObject({ bid: 118.63, ask: 118.75 });

    await page.keyboard.press('Alt+3');
    const input = page.getByTestId('ticket-input');
    await input.fill('');
    await input.pressSequentially('buy 10 AAPL mkt');
    await expect.poll(() => page.getByTestId('ticket-preview').getAttribute('data-state'), POLL).toBe('ready');
    // The preview's notional is the backend's pre-trade check of the same order, priced from the mark.
    const preview = await session.host.workstation.api['risk.preview']({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(preview).toMatchObject({ denial: null, currency: 'USD' });
    expect(preview.notional).toBeGreaterThan(10 * 118.63);
    expect(preview.notional).toBeLessThanOrEqual(10 * 118.75);
    const shown = preview.notional!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    await expect.poll(() => page.getByTestId('ticket-preview').textContent(), POLL).toContain(`notional ${shown} USD`);
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Sent C\d+/);
    const orderRow = page.locator('[data-testid="order-row"]:has(span:text-is("AAPL"))');
    await expect.poll(() => orderRow.first().getAttribute('data-status'), POLL).toBe('Filled');
    const qty = page.locator('[data-testid="position-row"][data-symbol="AAPL"] [data-field="quantity"]');
    await expect.poll(() => qty.textContent(), POLL).toBe('10');
    const orders = (await session.host.workstation.api['orders.list']({ scope: 'all' })).filter((o) => o.symbol === 'AAPL');
    expect(orders.map((o) => [o.status, o.filledQuantity])).toEqual([['Filled', 10]]);
  });
});
