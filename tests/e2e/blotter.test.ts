/// <reference lib="dom" />
// The blotter in Chromium against the real backend: modify and cancel a working order from its row with the keyboard
// alone, and ten thousand working orders that stay windowed while End, PageUp and PageDown reach every row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Instrument } from '../../src/core/model/instrument';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import type { RiskLimit } from '../../src/core/trading/risk/limits';
import { ROOT } from '../support/builtApp';
import { waitFor } from '../support/waitFor';

const POLL = { timeout: 15_000 };
const MANY = 10_000;

describe('blotter in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  let instruments: Instrument[];

  const rows = () => page.getByTestId('order-row');
  const cursorRow = () => page.locator('[data-testid="order-row"][aria-selected="true"]');
  const oms = (id: string) => host.workstation.trading.core.oms.order(id);
  const roundTo = (price: number, tick: number) => Number((Math.round(price / tick) * tick).toFixed(8));

  /** A buy limit well under the market (inside the 10% collar), so it rests and never fills. */
  async function restingBuy(symbol: string, lots: number, below = 0.95): Promise<string> {
    const { tickSize: tick, lotSize } = instruments.find((i) => i.symbol === symbol)!;
    const quantity = lots * lotSize;
    const bid = host.workstation.live.quote(symbol)!.bid;
    const reply = await host.workstation.dispatch('orders.submit', { symbol, side: 'BUY', type: 'LIMIT', quantity, limitPrice: roundTo(bid * below, tick), timeInForce: 'GTC' });
    const result = reply.ok ? (reply.value as { ok: boolean; value?: { clientOrderId: string }; error?: unknown }) : null;
    if (!result?.ok) throw new Error(`submit refused: ${JSON.stringify(reply.ok ? result?.error : reply.error)}`);
    return result.value!.clientOrderId;
  }

  /** Home, then down the rows until the cursor is on `id`. */
  async function cursorTo(id: string): Promise<void> {
    await page.keyboard.press('Home');
    const count = await rows().count();
    for (let i = 0; i < count && (await cursorRow().getAttribute('data-order-id')) !== id; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => cursorRow().getAttribute('data-order-id'), POLL).toBe(id);
  }

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    session = await openBrowserSession({ name: 'blotter', host: { syntheticHistory: { seed: 5, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 900 } });
    ({ host, page } = session);
    instruments = (await host.workstation.api['market.instruments']({})).filter((i) => i.symbol.length <= 5 && !/USD|EUR|GBP|JPY/.test(i.symbol));
    await waitFor(() => instruments.every((i) => host.workstation.live.quote(i.symbol) !== undefined), 'quotes for every instrument');
    await waitFor(async () => (await page.getByTestId('connection').textContent()) === 'backend: connected', 'the backend connection');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('modifies and cancels a working order from its row with the keyboard', async () => {
    const symbol = instruments[0]!.symbol;
    const tick = instruments[0]!.tickSize;
    const lot = instruments[0]!.lotSize;
    const older = await restingBuy(symbol, 1, 0.95);
    const newer = await restingBuy(symbol, 2, 0.94);
    await expect.poll(() => page.locator('[data-testid="order-row"][data-status="Accepted"]').count(), POLL).toBe(2);

    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Home');
    // Newest first: the cursor starts on the second order.
    await expect.poll(() => cursorRow().getAttribute('data-order-id'), POLL).toBe(newer);

    const price = roundTo(oms(newer)!.limitPrice! - 5 * tick, tick);
    await page.keyboard.press('m');
    const priceInput = page.getByTestId('modify-price');
    await expect.poll(() => priceInput.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    await page.keyboard.type(String(price)); // the price is selected, so typing replaces it
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(String(3 * lot));
    await page.keyboard.press('Enter');
    await expect.poll(() => ({ price: oms(newer)?.limitPrice, quantity: oms(newer)?.quantity, status: oms(newer)?.status }), POLL).toEqual({ price, quantity: 3 * lot, status: 'Accepted' });
    await expect.poll(() => page.locator('.modify-form').count(), POLL).toBe(0);

    // The keyboard is back on the rows: move to the older order and cancel it.
    await cursorTo(older);
    await page.keyboard.press('c');
    await expect.poll(() => oms(older)?.status, POLL).toBe('Canceled');
    await expect.poll(() => page.locator(`[data-testid="order-row"][data-order-id="${older}"]`).getAttribute('data-status'), POLL).toBe('Canceled');
    expect(oms(newer)?.status).toBe('Accepted');

    // Esc backs out of a modification without sending anything.
    await cursorTo(newer);
    await page.keyboard.press('m');
    await expect.poll(() => priceInput.count(), POLL).toBe(1);
    await page.keyboard.type('1');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.modify-form').count(), POLL).toBe(0);
    expect(oms(newer)?.limitPrice).toBe(price);
    await host.workstation.api['orders.cancelAll']({});
  });

  it(`keeps ${MANY.toLocaleString('en')} orders windowed; End and PageDown reach the last row`, async () => {
    const defaults: RiskLimit[] = await host.workstation.api['risk.limits']({});
    // Exposure, rate and duplicate limits would (rightly) stop ten thousand orders in a burst: lift them for this test.
    expect((await host.workstation.api['risk.setLimits']({ limits: [{ id: 'collar-pct', kind: 'PRICE_COLLAR_PERCENT', maxPercent: 10 }] })).ok).toBe(true);
    try {
      const before = (await host.workstation.api['orders.list']({ scope: 'all' })).length;
      const BATCH = 500;
      for (let start = 0; start < MANY; start += BATCH) {
        await Promise.all(
          Array.from({ length: BATCH }, (_, k) => {
            const n = start + k;
            return restingBuy(instruments[n % instruments.length]!.symbol, 1 + (n % 7), 0.91 + (n % 50) / 1_000);
          }),
        );
      }
      const total = before + MANY;
      expect((await host.workstation.api['orders.list']({ scope: 'all' })).length).toBe(total);
      await expect.poll(() => page.getByTestId('blotter-rows').getAttribute('aria-rowcount'), { timeout: 60_000 }).toBe(String(total));

      // Windowed: a screenful of rows in the DOM, not ten thousand.
      const inDom = await rows().count();
      expect(inDom).toBeGreaterThan(3);
      expect(inDom).toBeLessThan(80);

      await page.keyboard.press('Alt+4');
      await page.keyboard.press('End');
      await expect.poll(() => cursorRow().getAttribute('aria-rowindex'), POLL).toBe(String(total));
      expect(await rows().count()).toBeLessThan(80);
      const viewport = (await page.getByTestId('blotter-rows').boundingBox())!;
      const last = (await cursorRow().boundingBox())!;
      expect(last.y).toBeGreaterThanOrEqual(viewport.y - 1);
      expect(last.y + last.height).toBeLessThanOrEqual(viewport.y + viewport.height + 1);

      await page.keyboard.press('Home');
      await expect.poll(() => cursorRow().getAttribute('aria-rowindex'), POLL).toBe('1');
      await page.keyboard.press('End');
      for (let i = 0; i < 3; i++) await page.keyboard.press('PageUp');
      await expect.poll(() => cursorRow().getAttribute('aria-rowindex'), POLL).toBe(String(total - 30));
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
      await expect.poll(() => cursorRow().getAttribute('aria-rowindex'), POLL).toBe(String(total));
      expect(await rows().count()).toBeLessThan(80);
      await page.screenshot({ path: join(ROOT, 'test-results', 'blotter-10k.png') });
    } finally {
      await host.workstation.api['orders.cancelAll']({});
      await host.workstation.api['risk.setLimits']({ limits: defaults });
    }
  }, 300_000);
});
