/// <reference lib="dom" />
// A limit breach end to end in Chromium: a limit set in the risk panel's editor is breached by the book → a toast and
// a breach row → the account is switched to reduce-only → an increasing order typed in the ticket is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';

const POLL = { timeout: 15_000 };

describe('risk limit breach in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'breach', host: { syntheticHistory: { seed: 3, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 900 } });
    ({ host, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('breach → toast and breach row → reduce-only → an increasing order refused', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const bought = await host.workstation.api['orders.submit']({ symbol: 'NVTX', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(bought.ok).toBe(true);
    await expect.poll(() => host.workstation.trading.core.risk.book.symbols.get('NVTX')?.position, POLL).toBe(10);

    await page.keyboard.press('Alt+6');
    const editor = page.getByTestId('limit-editor');
    await editor.getByTestId('limit-kind').selectOption('MAX_GROSS_EXPOSURE');
    await editor.getByTestId('limit-id').fill('e2e-gross');
    // A bad value is refused in the panel, naming the field, and nothing is sent.
    await editor.getByTestId('limit-field-max').fill('-5');
    await editor.getByTestId('limit-save').click();
    await expect.poll(() => editor.getByTestId('limit-editor-message').textContent(), POLL).toBe('max: must be a number above 0');
    expect((await host.workstation.api['risk.limits']({})).some((l) => l.id === 'e2e-gross')).toBe(false);

    await editor.getByTestId('limit-field-max').fill('10');
    await editor.getByTestId('limit-on-breach').selectOption('REDUCE_ONLY');
    await editor.getByTestId('limit-save').click();
    await expect.poll(() => editor.getByTestId('limit-editor-message').textContent(), POLL).toBe('saved e2e-gross');
    expect(await host.workstation.api['risk.limits']({})).toContainEqual({ id: 'e2e-gross', kind: 'MAX_GROSS_EXPOSURE', max: 10, onBreach: 'REDUCE_ONLY' });

    const toast = page.locator('[data-testid="toast"]:has-text("Limit e2e-gross breached")');
    await expect.poll(() => toast.count(), POLL).toBe(1);
    await expect.poll(() => toast.textContent(), POLL).toContain('account switched to reduce-only');
    const row = page.locator('[data-testid="breach-row"][data-limit-id="e2e-gross"]');
    await expect.poll(() => row.getAttribute('data-open'), POLL).toBe('true');
    await expect.poll(() => row.textContent(), POLL).toContain('open · reduce-only');
    await expect.poll(() => page.getByTestId('reduce-only').isChecked(), POLL).toBe(true);
    expect(host.workstation.trading.core.risk.killSwitch.status().reduceOnly).toMatchObject({ engaged: true, by: 'risk monitor: limit e2e-gross breached' });
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'risk-breach.png') });

    await page.keyboard.press('Alt+3');
    const input = page.getByTestId('ticket-input');
    await input.fill('');
    await input.pressSequentially('buy 5 NVTX mkt');
    await expect.poll(() => page.getByTestId('ticket-denial').textContent(), POLL).toMatch(/^Would be denied: reduce-only: NVTX position 10/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Not sent: reduce-only/);
    const orders = (await host.workstation.api['orders.list']({ scope: 'all' })).filter((o) => o.symbol === 'NVTX');
    expect(orders.map((o) => [o.side, o.quantity, o.status])).toEqual([['BUY', 10, 'Filled']]);
  }, 90_000);
});
