/// <reference lib="dom" />
// The status bar shows the IB connection and where new orders go; the palette routes orders, and the route badge
// turns red when orders would reach a real broker. The backend is connected to the fake IB gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { startFakeGateway, type FakeGateway } from '../../src/main/venues/ib/fake-gateway';

describe('venues in the status bar', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let gateway: FakeGateway;
  let page: Page;

  beforeAll(async () => {
    gateway = await startFakeGateway({ port: 0, seed: 3 });
    session = await openBrowserSession({ name: 'venues', host: { engines: [], syntheticHistory: { seed: 1, years: 1, minuteDays: 1 } } });
    ({ host, page } = session);
  });
  afterAll(async () => {
    await session?.close();
    await gateway?.close();
  });

  it('shows IB disconnected and orders going to the simulated exchange by default', async () => {
    await expect.poll(() => page.getByTestId('ib').getAttribute('data-state')).toBe('disconnected');
    await expect.poll(() => page.getByTestId('route').textContent()).toBe('orders → SIM');
  });

  it('follows the IB connection as it comes up', async () => {
    await host.workstation.dispatch('ib.connect', { profile: { name: 'fake gateway', host: '127.0.0.1', port: gateway.port, clientId: 23 } });
    await expect.poll(() => page.getByTestId('ib').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    expect(await page.getByTestId('ib').textContent()).toContain('fake gateway');
  });

  it('routes new orders to IB from the command palette, and marks that loudly', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('route new orders to interactive');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('route').textContent()).toBe('orders → IB');
    expect(await page.getByTestId('route').getAttribute('class')).toContain('route-live');
    expect(host.workstation.trading.core.router.defaultVenueName).toBe('IB');
  });
});
