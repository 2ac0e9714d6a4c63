/// <reference lib="dom" />
// The browser-served workstation in real Chromium: the shell loads, engines are up, the keyboard drives it,
// and a killed engine is survived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, sessionProtocols, type BrowserSession } from '../support/browserSession';

describe('workstation shell in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'shell', host: { restartBackoffMs: 300, syntheticHistory: { seed: 1, years: 1, minuteDays: 1 } } });
    ({ host, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('loads the shell with every panel, drops the token from the address bar and keeps no credential in a cookie', async () => {
    for (const title of ['Watchlist', 'Chart', 'Order Ticket', 'Blotter', 'Positions', 'Risk', 'Backtests', 'Research', 'Log']) {
      await expect.poll(() => page.getByRole('heading', { name: title, exact: true }).count()).toBe(1);
    }
    expect(page.url()).not.toContain('token=');
    expect(await page.context().cookies()).toEqual([]);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('backend: connected');
  });

  it('shows every engine up in the status bar', async () => {
    const names = host.workstation.supervisor.health().map((h) => h.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      await expect.poll(() => page.getByTestId(`engine-${name}`).getAttribute('data-state')).toBe('up');
    }
  });

  it('focuses a panel by its shortcut', async () => {
    await page.keyboard.press('Alt+9');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-panel]')?.getAttribute('data-panel'))).toBe('log');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-panel]')?.getAttribute('data-panel'))).toBe('ticket');
  });

  it('opens the command palette from the keyboard and runs a command', async () => {
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Type a command…' });
    await expect.poll(() => input.isVisible()).toBe(true);
    await input.pressSequentially('focus risk');
    await expect.poll(() => page.locator('#palette-list').getByRole('option').allTextContents()).toEqual(['Focus RiskAlt+6']);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-panel]')?.getAttribute('data-panel'))).toBe('risk');
  });

  it('survives a killed engine: the status bar shows it restarting, then calls succeed again', async () => {
    const badge = page.getByTestId('engine-features');
    const seen: string[] = [];
    await page.exposeFunction('recordEngineState', (state: string) => seen.push(state));
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="engine-features"]')!;
      new MutationObserver(() => (window as unknown as { recordEngineState(s: string): void }).recordEngineState(el.getAttribute('data-state') ?? '')).observe(el, { attributes: true });
    });

    host.workstation.supervisor.kill('features', 'killed by the e2e test');
    await expect.poll(() => seen.includes('restarting'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('up');

    // The rest of the app kept working while it was down; now the engine answers through the browser's API.
    const protocols = await sessionProtocols(page);
    const values = await page.evaluate(async (protocols) => {
      const ws = new WebSocket(`ws://${location.host}/api`, protocols);
      await new Promise((resolve) => (ws.onopen = resolve));
      ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'features.movingAverage', input: { kind: 'sma', period: 2, values: [1, 3, 5] } }));
      const reply = await new Promise<string>((resolve) => (ws.onmessage = (e) => resolve(String(e.data))));
      ws.close();
      return JSON.parse(reply);
    }, protocols);
    expect(values).toEqual({ kind: 'result', id: 1, ok: true, value: [null, 2, 4] });
    expect(host.workstation.supervisor.healthOf('features').restarts).toBe(1);
  });
});
