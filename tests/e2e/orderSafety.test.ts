/// <reference lib="dom" />
// No order the trader did not mean, in Chromium at 1280×720 against the real backend: the keys that used to trade now
// ask (and nothing is sent until confirmed), a bare `buy 100 X` is refused, 10,000 shares trips a precautionary check,
// the palette never pre-selects a destructive command, the blotter cursor stays on its order through re-sorts, and
// each panel shortcut lands on one predictable element.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/builtApp';
import { waitFor } from '../support/waitFor';

const POLL = { timeout: 15_000 };

describe('order safety in Chromium at 1280×720', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;

  const focused = () => page.evaluate(() => ({ panel: document.activeElement?.closest('[data-panel]')?.getAttribute('data-panel'), testid: document.activeElement?.getAttribute('data-testid') }));
  const ordersOf = async (symbol: string) => (await host.workstation.api['orders.list']({ scope: 'all' })).filter((o) => o.symbol === symbol);
  const position = async (symbol: string) => (await host.workstation.api['positions.list']({})).find((p) => p.symbol === symbol)?.quantity ?? 0;
  const dialog = () => page.getByRole('alertdialog');
  const cursorRow = () => page.locator('[data-testid="order-row"][aria-selected="true"]');

  async function typeOrder(line: string): Promise<void> {
    await page.keyboard.press('Alt+3');
    const input = page.getByTestId('ticket-input');
    await input.fill('');
    await input.pressSequentially(line);
  }

  async function selectInWatchlist(symbol: string): Promise<void> {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    for (let i = 0; i < 40 && (await page.locator('.watchlist-table tbody tr[aria-selected="true"]').getAttribute('data-symbol')) !== symbol; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('panel-symbol').first().textContent(), POLL).toBe(symbol);
  }

  /** The blotter's order count matches the backend's, so the page knows of every order (rows are windowed). */
  async function uiHasAllOrders(): Promise<void> {
    const total = (await host.workstation.api['orders.list']({ scope: 'all' })).length;
    await expect.poll(() => page.locator('.blotter-toolbar button').first().textContent(), POLL).toBe(`Orders (${total})`);
  }

  async function restingBuy(symbol: string, quantity: number, below: number): Promise<string> {
    const bid = host.workstation.live.quote(symbol)!.bid;
    const result = await host.workstation.api['orders.submit']({ symbol, side: 'BUY', type: 'LIMIT', quantity, limitPrice: Math.round(bid * below * 100) / 100, timeInForce: 'GTC' });
    if (!result.ok) throw new Error(`submit refused: ${JSON.stringify(result.error)}`);
    return result.value.clientOrderId;
  }

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    session = await openBrowserSession({ name: 'safety', host: { syntheticHistory: { seed: 3, years: 1, minuteDays: 1 } }, viewport: { width: 1280, height: 720 } });
    ({ host, page } = session);
    await waitFor(async () => (await page.getByTestId('connection').textContent()) === 'backend: connected', 'the backend connection');
    await waitFor(async () => (await page.locator('.watchlist-table tbody tr').count()) > 5, 'the watchlist');
    await waitFor(() => ['DTSY', 'SMCN', 'CLDR', 'QBIT'].every((s) => host.workstation.live.quote(s) !== undefined), 'quotes');
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('with an empty query the palette pre-selects a safe command; destructive ones come last', async () => {
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.locator('#palette-list li').count(), POLL).toBeGreaterThan(5);
    const selected = page.locator('#palette-list li.selected');
    expect(await selected.getAttribute('data-destructive')).toBeNull();
    expect(await selected.textContent()).not.toMatch(/cancel all|flatten|kill switch/i);
    const flags = await page.locator('#palette-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-destructive') === 'true'));
    expect(flags.indexOf(true)).toBeGreaterThan(0);
    expect(flags.slice(flags.indexOf(true)).every(Boolean)).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('each panel shortcut lands on its one target, even from another input of the same panel', async () => {
    await page.getByTestId('watchlist-add').click();
    expect(await focused()).toEqual({ panel: 'watchlist', testid: 'watchlist-add' });
    await page.keyboard.press('Alt+1');
    await expect.poll(focused).toEqual({ panel: 'watchlist', testid: 'watchlist-table' });
    await page.keyboard.press('Alt+3');
    await expect.poll(focused).toEqual({ panel: 'ticket', testid: 'ticket-input' });
    await page.keyboard.press('Alt+4');
    await expect.poll(focused).toEqual({ panel: 'blotter', testid: 'blotter-rows' });
    await page.keyboard.press('Alt+5');
    await expect.poll(focused).toEqual({ panel: 'positions', testid: 'positions-table' });
    // Typing a ticker "blind" in a table trades nothing: single letters are not hotkeys by default.
    await page.keyboard.press('Alt+1');
    await page.keyboard.type('bsf');
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.getByTestId('ticket-input').inputValue()).toBe('');
  });

  it('refuses a bare buy without a price or mkt, at the exact word, and sends nothing', async () => {
    await typeOrder('buy 100 SMCN');
    await expect.poll(() => page.getByTestId('ticket-error').textContent(), POLL).toContain('col 9: price or mkt required');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toBe('Not sent: price or mkt required');
    expect(await ordersOf('SMCN')).toEqual([]);
    // With mkt it is a market order, shown in the warning colour, going to SIM.
    await page.keyboard.type(' mkt');
    await expect.poll(() => page.getByTestId('preview-type').getAttribute('class'), POLL).toContain('type-market');
    expect(await page.getByTestId('preview-side').getAttribute('class')).toContain('side-buy');
    expect(await page.getByTestId('ticket-destination').textContent()).toBe('SIM');
    // The ticket's symbol is the active one: every panel header names it.
    await expect.poll(() => page.getByTestId('panel-symbol').allTextContents(), POLL).toEqual(Array(9).fill('SMCN'));
    expect(await page.getByTestId('ticket-result').textContent()).toBe('pos 0 → 100');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Sent C\d+ → Filled 100 @ [\d.]+: BUY 100 SMCN MARKET DAY → SIM$/);
    await expect.poll(() => position('SMCN'), POLL).toBe(100);
  });

  it('asks before 10,000 shares, naming each check and by how much, and sends only once confirmed', async () => {
    await typeOrder('buy 10000 DTSY mkt');
    await expect.poll(() => page.getByTestId('ticket-precautions').textContent(), POLL).toContain('Size: 10,000 sh is over 1,000 sh (10.0×)');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().textContent(), POLL).toContain('Size: 10,000 sh is over 1,000 sh (10.0×)');
    expect(await dialog().textContent()).toMatch(/Notional: [\d,]+\.\d\d USD is over 100,000\.00 USD/);
    // Enter again (the double Enter of a tired trader) lands on Cancel: nothing is sent.
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toBe('Not sent: you canceled at the precautionary check');
    expect(await ordersOf('DTSY')).toEqual([]);

    await page.getByTestId('ticket-input').press('Enter');
    await expect.poll(() => dialog().count(), POLL).toBe(1);
    expect(await ordersOf('DTSY')).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await ordersOf('DTSY')).length, POLL).toBe(1);
    await expect.poll(() => position('DTSY'), POLL).toBe(10_000);
  });

  it('refuses a sell beyond the long and shows the reversal a short would make', async () => {
    await typeOrder('sell 300 SMCN mkt');
    await expect.poll(() => page.getByTestId('ticket-refusal').textContent(), POLL).toContain('sell 300 SMCN is more than your long 100');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Not sent: sell 300 SMCN is more than your long 100/);
    expect((await ordersOf('SMCN')).length).toBe(1);
    await typeOrder('short 300 SMCN mkt');
    await expect.poll(() => page.getByTestId('ticket-result').textContent(), POLL).toBe('pos 100 → −200, REVERSES');
    expect(await page.getByTestId('ticket-precautions').textContent()).toContain('Reversal: SMCN goes from 100 to -200');
    await page.keyboard.press('Escape');
  });

  it('the flatten keystroke asks, naming symbol and size, and nothing is sent until confirmed', async () => {
    await selectInWatchlist('SMCN');
    await page.keyboard.press('Alt+5');
    // The Positions cursor follows the active symbol.
    await expect.poll(() => page.locator('[data-testid="position-row"][aria-selected="true"]').getAttribute('data-symbol'), POLL).toBe('SMCN');
    const before = (await ordersOf('SMCN')).length;
    await page.keyboard.press('f'); // the old single-key flatten: nothing happens now
    await page.keyboard.press('Control+Shift+F');
    await expect.poll(() => dialog().textContent(), POLL).toContain('Flatten SMCN: sell 100 at market');
    expect(await dialog().getAttribute('data-destructive')).toBe('true');
    await page.keyboard.press('Enter'); // focus is on Cancel
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    expect((await ordersOf('SMCN')).length).toBe(before);
    expect(await position('SMCN')).toBe(100);

    await page.keyboard.press('Delete'); // Delete in Positions asks too
    await expect.poll(() => dialog().textContent(), POLL).toContain('Flatten SMCN: sell 100 at market');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => position('SMCN'), POLL).toBe(0);
    expect((await ordersOf('SMCN')).length).toBe(before + 1);
  });

  it('cancel-all asks, naming how many orders, and cancels nothing until confirmed', async () => {
    const a = await restingBuy('CLDR', 1, 0.96);
    const b = await restingBuy('QBIT', 1, 0.96);
    await expect.poll(() => page.locator('[data-testid="order-row"][data-status="Accepted"]').count(), POLL).toBe(2);
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Shift+X');
    await expect.poll(() => dialog().textContent(), POLL).toContain('Cancel 2 working orders (CLDR, QBIT).');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    expect([host.workstation.trading.core.oms.order(a)?.status, host.workstation.trading.core.oms.order(b)?.status]).toEqual(['Accepted', 'Accepted']);
    await page.keyboard.press('Control+Shift+X');
    await expect.poll(() => dialog().count(), POLL).toBe(1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => [host.workstation.trading.core.oms.order(a)?.status, host.workstation.trading.core.oms.order(b)?.status], POLL).toEqual(['Canceled', 'Canceled']);
  });

  it('R in the risk panel turns reduce-only on at once, but asks before turning it off', async () => {
    try {
      const reduceOnly = () => host.workstation.trading.core.risk.killSwitch.status().reduceOnly.engaged;
      expect(reduceOnly()).toBe(false);
      await page.keyboard.press('Alt+6');
      await page.locator('.risk').focus(); // the key belongs to the panel itself, not to its buttons
      await page.keyboard.press('r');
      await expect.poll(reduceOnly, POLL).toBe(true);
      await expect.poll(() => page.getByTestId('reduce-only').isChecked(), POLL).toBe(true);
      await page.locator('.risk').focus();
      await page.keyboard.press('r');
      await expect.poll(() => dialog().textContent(), POLL).toContain('Turn reduce-only off?');
      await page.keyboard.press('Enter'); // focus starts on Cancel: still on
      await expect.poll(() => dialog().count(), POLL).toBe(0);
      expect(reduceOnly()).toBe(true);
      await page.locator('.risk').focus();
      await page.keyboard.press('r');
      await expect.poll(() => dialog().count(), POLL).toBe(1);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(reduceOnly, POLL).toBe(false);
    } finally {
      // Never leave the account reduce-only for the tests after this one.
      await host.workstation.api['risk.reduceOnly']({ enabled: false });
    }
  });

  it('keeps the blotter cursor on its order through modifies, new orders and re-sorts; Status and Limit stay visible', async () => {
    const older = await restingBuy('CLDR', 1, 0.95);
    const newer = await restingBuy('CLDR', 2, 0.94);
    await expect.poll(() => page.locator('[data-testid="order-row"][data-status="Accepted"]').count(), POLL).toBe(2);
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Home');
    for (let i = 0; i < 10 && (await cursorRow().getAttribute('data-order-id')) !== older; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => cursorRow().getAttribute('data-order-id'), POLL).toBe(older);

    // Another order is modified and a new one arrives on top: the cursor stays on `older`.
    const modified = await host.workstation.api['orders.modify']({ clientOrderId: newer, quantity: 3 });
    expect(modified.ok).toBe(true);
    const newest = await restingBuy('QBIT', 1, 0.95);
    await expect.poll(() => page.locator(`[data-testid="order-row"][data-order-id="${newest}"]`).count(), POLL).toBe(1);
    expect(await cursorRow().getAttribute('data-order-id')).toBe(older);
    // Re-sort by every column in turn and reverse: still on `older`.
    for (const key of [']', ']', ']', 'r', '[']) {
      await page.keyboard.press(key);
      expect(await cursorRow().getAttribute('data-order-id')).toBe(older);
    }
    // C cancels the order under the cursor, and no other.
    await page.keyboard.press('c');
    await expect.poll(() => host.workstation.trading.core.oms.order(older)?.status, POLL).toBe('Canceled');
    expect(host.workstation.trading.core.oms.order(newer)?.status).toBe('Accepted');
    expect(host.workstation.trading.core.oms.order(newest)?.status).toBe('Accepted');

    const viewport = (await page.getByTestId('blotter-rows').boundingBox())!;
    for (const title of ['Limit', 'Status']) {
      const box = (await page.locator('[data-testid="blotter-head"] [role="columnheader"]', { hasText: title }).first().boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(viewport.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.x + viewport.width + 1);
    }
    await host.workstation.api['orders.cancelAll']({});
  });

  it('adds a symbol to the watchlist by a fuzzy name and shows its currency', async () => {
    await page.getByTestId('watchlist-add').click();
    await page.keyboard.type('kyotron');
    await expect.poll(() => page.getByTestId('watchlist-suggestions').locator('li').first().textContent(), POLL).toContain('KYTO');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.watchlist-table tbody tr[data-symbol="KYTO"] [data-field="currency"]').textContent(), POLL).toBe('JPY');
  });

  it('names the destination in the ticket and warns and refuses when routed to a disconnected IB; a live connect asks', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('route new orders to interactive');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-destination').textContent(), POLL).toBe('IB LIVE');
    expect(await page.getByTestId('ticket-destination').getAttribute('data-live')).toBe('true');
    const before = (await ordersOf('QBIT')).length;
    await typeOrder('buy 10 QBIT mkt');
    await expect.poll(() => page.getByTestId('ticket-venue-warning').textContent(), POLL).toContain('IB is disconnected: the order would be refused');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Not sent: IB is disconnected/);
    expect(await ordersOf('QBIT')).toHaveLength(before);

    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('connect to tws live');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().textContent(), POLL).toContain('This is a LIVE account');
    await page.keyboard.press('Enter'); // Cancel has the focus
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    expect((await host.workstation.api['ib.status']({})).state).toBe('disconnected');

    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('route new orders to the simulated');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-destination').textContent(), POLL).toBe('SIM');
  });

  it('groups bracket legs under their parent in the blotter', async () => {
    const last = host.workstation.live.quote('HALO')!.last;
    const entry = await host.workstation.api['orders.submitBracket']({
      entry: { symbol: 'HALO', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' },
      takeProfitPrice: Math.round(last * 1.08 * 100) / 100,
      stopLossPrice: Math.round(last * 0.92 * 100) / 100,
    });
    if (!entry.ok) throw new Error(JSON.stringify(entry.error));
    const parent = entry.value.clientOrderId;
    await expect.poll(() => page.locator(`[data-testid="order-row"][data-parent-id="${parent}"]`).count(), POLL).toBe(2);
    const ids = await page.getByTestId('order-row').evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-order-id'), parent: r.getAttribute('data-parent-id') })));
    const at = ids.findIndex((r) => r.id === parent);
    expect(ids.slice(at + 1, at + 3).map((r) => r.parent)).toEqual([parent, parent]);
    expect(await page.locator(`[data-testid="order-row"][data-parent-id="${parent}"]`).allTextContents()).toEqual([expect.stringContaining('↳ TP HALO'), expect.stringContaining('↳ SL HALO')]);
    await typeOrder('short 300 HALO lmt 1');
    await page.waitForTimeout(300); // let the preview settle before the picture (not an assertion)
    await page.screenshot({ path: join(ROOT, 'test-results', 'order-safety-1280x720.png') });
    await page.keyboard.press('Escape');
    await host.workstation.api['positions.flatten']({ symbol: 'HALO' });
  });

  it('precautionary thresholds are set per account in their settings and persist', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('precautionary');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('precaution-settings').count(), POLL).toBe(1);
    expect(await page.getByTestId('precaution-account').inputValue()).toBe('SIM');
    await page.getByTestId('precaution-maxShares').fill('20000');
    await page.getByTestId('precaution-maxNotional').fill('0');
    await page.getByTestId('precaution-maxNotional').press('Enter');
    await expect.poll(() => page.locator('[data-testid="precaution-settings"] [role="status"]').textContent(), POLL).toBe('Saved for SIM');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('nautilus.precautions') ?? '{}') as Record<string, { maxShares: number; maxNotional: number }>);
    expect(stored.SIM).toMatchObject({ maxShares: 20_000, maxNotional: 0 });
    await page.keyboard.press('Escape');
    await typeOrder('buy 2000 SLVR mkt');
    await expect.poll(() => page.getByTestId('ticket-preview').getAttribute('data-state'), POLL).toBe('ready');
    expect(await page.getByTestId('ticket-precautions').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it("a confirmation the trader chose not to see again runs at once, until turned back on", async () => {
    const first = await restingBuy('CLDR', 1, 0.96);
    await uiHasAllOrders();
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Shift+X');
    await expect.poll(() => dialog().count(), POLL).toBe(1);
    await page.getByTestId('confirm-skip').check();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => host.workstation.trading.core.oms.order(first)?.status, POLL).toBe('Canceled');

    // Different sizes: the duplicate-order limit (500 ms) would refuse the same order placed again that fast.
    const second = await restingBuy('CLDR', 2, 0.96);
    await uiHasAllOrders();
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Shift+X');
    await expect.poll(() => host.workstation.trading.core.oms.order(second)?.status, POLL).toBe('Canceled');
    expect(await dialog().count()).toBe(0);

    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('settings: hotkeys');
    await page.keyboard.press('Enter');
    await page.getByTestId('ask-orders.cancelAll').check();
    await page.keyboard.press('Escape');
    const third = await restingBuy('CLDR', 3, 0.96);
    await uiHasAllOrders();
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Shift+X');
    await expect.poll(() => dialog().count(), POLL).toBe(1);
    await page.keyboard.press('Escape');
    expect(host.workstation.trading.core.oms.order(third)?.status).toBe('Accepted');
    await host.workstation.api['orders.cancelAll']({});
  });
});
