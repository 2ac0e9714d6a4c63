/// <reference lib="dom" />
// Execution by keyboard in Chromium against the real backend (issue 18): a SMART order from the ticket fills through
// children that carry its id; a TWAP shows in the blotter as a parent with its routing "why", and Cancel on the
// parent leaves no working child; a bad participation rate is pointed at and nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';
import { waitFor } from '../support/waitFor';

const POLL = { timeout: 15_000 };
const SYMBOL = 'SMCN';

describe('execution from the ticket in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;

  const ordersOf = async () => (await host.workstation.api['orders.list']({ scope: 'all' })).filter((o) => o.symbol === SYMBOL);

  async function typeOrder(line: string): Promise<void> {
    await page.keyboard.press('Alt+3');
    const input = page.getByTestId('ticket-input');
    await input.fill('');
    await input.pressSequentially(line);
  }

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    session = await openBrowserSession({ name: 'execution', host: { syntheticHistory: { seed: 3, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 900 } });
    ({ host, page } = session);
    await waitFor(async () => (await page.getByTestId('connection').textContent()) === 'backend: connected', 'the backend connection');
    await waitFor(() => host.workstation.live.quote(SYMBOL) !== undefined, `a quote for ${SYMBOL}`);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a SMART order typed in the ticket fills through children carrying its id', async () => {
    await typeOrder(`buy 100 ${SYMBOL} smart`);
    await expect.poll(() => page.getByTestId('ticket-preview').count(), POLL).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(new RegExp(`^Started C\\d+: BUY 100 ${SYMBOL} MARKET DAY → SMART`));
    const parentId = /Started (C\d+)/.exec((await page.getByTestId('ticket-outcome').textContent())!)![1]!;
    await expect.poll(async () => (await ordersOf()).filter((o) => o.parentId === parentId).reduce((s, o) => s + o.filledQuantity, 0), POLL).toBe(100);
  });

  it('a TWAP shows as a parent in the blotter with why its children went where they went, and Cancel there stops it', async () => {
    const bid = host.workstation.live.quote(SYMBOL)!.bid;
    const limit = (Math.round(bid * 0.97 * 100) / 100).toFixed(2);
    await typeOrder(`buy 500 ${SYMBOL} twap 30m low lmt ${limit}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Started C\d+/);
    const parentId = /Started (C\d+)/.exec((await page.getByTestId('ticket-outcome').textContent())!)![1]!;
    const row = page.locator(`[data-testid="execution-parent"][data-parent-id="${parentId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), POLL).toBe('WORKING');
    await row.getByRole('button', { name: 'Why' }).click();
    await expect.poll(() => row.getByTestId('execution-why').textContent(), POLL).toMatch(/release: \d+ at [\d.]+ → SIM \d+ rest/);
    await expect.poll(async () => (await ordersOf()).filter((o) => o.parentId === parentId && o.status === 'Accepted').length, POLL).toBe(1);
    // Its child's row in the blotter says which venue it rests on, the one the decision names.
    await expect.poll(() => page.locator(`[data-testid="order-row"][data-parent-id="${parentId}"][data-status="Accepted"] [data-testid="order-venue"]`).textContent(), POLL).toBe('SIM');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => host.workstation.trading.execution.router.parent(parentId)?.status, POLL).toBe('CANCELED');
    expect((await ordersOf()).filter((o) => o.parentId === parentId && !['Filled', 'Canceled', 'Rejected', 'Expired'].includes(o.status))).toEqual([]);
  });

  it('points at a participation rate above 50% and sends nothing', async () => {
    const before = (await ordersOf()).length;
    await typeOrder(`buy 100 ${SYMBOL} pov 60%`);
    await expect.poll(() => page.getByTestId('ticket-error').textContent(), POLL).toContain('participation must be above 0% and at most 50%');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent(), POLL).toMatch(/^Not sent: participation/);
    expect((await ordersOf()).length).toBe(before);
  });
});
