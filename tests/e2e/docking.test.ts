/// <reference lib="dom" />
// The docking workspace in real Chromium: every Alt+digit still lands on its panel, a panel dragged into another
// group becomes a tab there, a named layout is saved, survives a reload and is restored, a broken stored layout falls
// back to the default with a notice; screenshots of the default layout at 1280×720 and 1600×1000.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { ROOT } from '../support/builtApp';

const SHOTS = join(ROOT, 'test-results');
/** The panels and their Alt+digit, as the registry (src/renderer/panels/registry.tsx) defines them. */
const PANELS = [
  { id: 'watchlist', key: '1' },
  { id: 'chart', key: '2' },
  { id: 'ticket', key: '3' },
  { id: 'blotter', key: '4' },
  { id: 'positions', key: '5' },
  { id: 'risk', key: '6' },
  { id: 'backtests', key: '7' },
  { id: 'research', key: '8' },
  { id: 'log', key: '9' },
] as const;
const POLL = { timeout: 15_000 };

describe('docking workspace in Chromium', () => {
  let session: BrowserSession;
  let page: Page;

  const focusedPanel = () => page.evaluate(() => document.activeElement?.closest('[data-panel]')?.getAttribute('data-panel'));
  /** The titles of the tabs in the dock group that holds the given panel's tab. */
  const tabsBeside = (title: string) =>
    page.evaluate((t) => {
      const tab = Array.from(document.querySelectorAll('.dv-tab')).find((el) => el.textContent?.trim() === t);
      const bar = tab?.closest('.dv-tabs-container');
      return bar ? Array.from(bar.querySelectorAll('.dv-tab')).map((el) => el.textContent?.trim()) : null;
    }, title);

  async function palette(command: string): Promise<void> {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially(command);
    await page.keyboard.press('Enter');
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openBrowserSession({ name: 'docking', viewport: { width: 1280, height: 720 } });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows every panel at 1280×720 and every Alt+digit focuses its panel', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    for (const panel of PANELS) {
      const box = await page.locator(`[data-panel="${panel.id}"]`).boundingBox();
      expect(box, panel.id).not.toBeNull();
      expect(box!.width, panel.id).toBeGreaterThan(150);
      expect(box!.height, panel.id).toBeGreaterThan(60);
    }
    await page.screenshot({ path: join(SHOTS, 'dock-default-1280x720.png') });
    for (const panel of PANELS) {
      await page.keyboard.press(`Alt+${panel.key}`);
      await expect.poll(focusedPanel, { timeout: 5_000 }).toBe(panel.id);
    }
  });

  it('a panel dragged onto another group becomes a tab there, and its shortcut brings it to the front', async () => {
    expect(await tabsBeside('Research')).toEqual(['Research']);
    const tab = page.locator('.dv-tab', { hasText: 'Research' });
    const target = page.locator('[data-panel="backtests"]');
    const box = (await target.boundingBox())!;
    await tab.dragTo(target, { targetPosition: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => tabsBeside('Research'), POLL).toEqual(['Backtests', 'Research']);
    await page.keyboard.press('Alt+7');
    await expect.poll(focusedPanel).toBe('backtests');
    await expect.poll(() => page.locator('[data-panel="backtests"]').isVisible()).toBe(true);
    await page.keyboard.press('Alt+8');
    await expect.poll(focusedPanel).toBe('research');
    await expect.poll(() => page.locator('[data-panel="research"]').isVisible()).toBe(true);
  });

  it('saves the arrangement under a name, and restores it after a reset and a reload', async () => {
    await palette('layout: save as');
    await page.getByRole('dialog').getByRole('textbox').pressSequentially('tabbed research');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await palette('layout: trading (default)');
    await expect.poll(() => tabsBeside('Research'), POLL).toEqual(['Research']);
    await page.reload();
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    await expect.poll(() => tabsBeside('Research'), POLL).toEqual(['Research']);
    await palette("restore 'tabbed research'");
    await expect.poll(() => tabsBeside('Research'), POLL).toEqual(['Backtests', 'Research']);
    // The arrangement in use survives a reload too.
    await page.reload();
    await expect.poll(() => tabsBeside('Research'), POLL).toEqual(['Backtests', 'Research']);
    for (const panel of PANELS) {
      await page.keyboard.press(`Alt+${panel.key}`);
      await expect.poll(focusedPanel, { timeout: 5_000 }).toBe(panel.id);
    }
  });

  it('maximizes a panel from the palette and brings the layout back when another panel is focused', async () => {
    await page.keyboard.press('Alt+2');
    await palette('maximize or restore');
    await expect.poll(() => page.locator('[data-panel="watchlist"]').isVisible()).toBe(false);
    expect((await page.locator('[data-panel="chart"]').boundingBox())!.width).toBeGreaterThan(1200);
    await page.keyboard.press('Alt+1');
    await expect.poll(focusedPanel).toBe('watchlist');
    await expect.poll(() => page.locator('[data-panel="chart"]').isVisible()).toBe(true);
  });

  it('falls back to the default layout with a notice when the stored one is broken', async () => {
    await page.evaluate(() => localStorage.setItem('nautilus.dock.current', JSON.stringify({ grid: { root: { type: 'leaf', data: { id: 'g', views: ['nope'] } }, width: 1, height: 1, orientation: 'HORIZONTAL' }, panels: {} })));
    await page.reload();
    await expect.poll(() => page.getByText('Saved layout is broken: using the default').count(), POLL).toBe(1);
    await expect.poll(() => tabsBeside('Research'), POLL).toEqual(['Research']);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await palette('layout: trading (default)');
    await page.waitForTimeout(300); // the chart redraws at the new size before the picture (not an assertion)
    await page.screenshot({ path: join(SHOTS, 'dock-default-1600x1000.png') });
  });
});
