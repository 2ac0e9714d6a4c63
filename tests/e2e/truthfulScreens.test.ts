/// <reference lib="dom" />
// Screens that do not lie, in Chromium against the real backend: the log shows an order's events with their original
// times (also after a reload), overlays move with live bars, every text style on screen meets WCAG AA in both themes,
// and a stopped backend turns the workspace stale under a DISCONNECTED banner that clears when the backend returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHeadlessHost, type HeadlessHost, type HeadlessHostOptions } from '../../src/main/headless/headlessHost';
import { AA_TEXT, parseColor } from '../../src/renderer/app/contrast';
import { ROOT, requireBuiltRenderer } from '../support/builtApp';
import { launchChromium } from '../support/chromium';
import { waitFor } from '../support/waitFor';

const SHOTS = join(ROOT, 'test-results');
const POLL = { timeout: 20_000 };
/** parseColor from src/renderer/app/contrast.ts as source text, to run inside the page. */
const PARSE_COLOR_SOURCE = String(parseColor);

describe('truthful screens in Chromium', () => {
  let dataDir: string;
  let options: HeadlessHostOptions;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;

  const connection = () => page.getByTestId('connection').textContent();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-e2e-screens-'));
    options = { host: '127.0.0.1', port: 0, dataDir, rendererDir: requireBuiltRenderer(), syntheticHistory: { seed: 7, years: 1, minuteDays: 1 } };
    host = await startHeadlessHost(options);
    // The restart must answer on the same address with the same credential, as `nautilus serve` on a fixed port does.
    options = { ...options, port: host.server.port, token: host.token };
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(host.server.launchUrl);
    await waitFor(async () => (await connection()) === 'backend: connected', 'the backend connection');
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows a submitted order's events in the log with their original times, also after a reload", async () => {
    const symbol = 'NVTX';
    const bid = host.workstation.live.quote(symbol)!.bid;
    const submitted = await host.workstation.api['orders.submit']({ symbol, side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: Math.round(bid * 95) / 100, timeInForce: 'DAY' });
    if (!submitted.ok) throw new Error(`submit refused: ${submitted.error.code}`);
    const id = submitted.value.clientOrderId;
    const oms = () => host.workstation.trading.core.oms.order(id)!;
    await expect.poll(() => oms().status, POLL).toBe('Accepted');
    const accepted = oms().updatedAt;
    const events = () => page.locator(`[data-testid="log-row"][data-order="${id}"]`).evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}@${r.getAttribute('data-time')}`));
    await expect.poll(events, POLL).toContain(`ack@${accepted}`);
    await host.workstation.api['orders.cancel']({ clientOrderId: id });
    await expect.poll(() => oms().status, POLL).toBe('Canceled');

    const created = oms().createdAt;
    const canceled = oms().updatedAt;
    // Seen live: the submit, the ack and the cancel (and the steps between), each at the time the backend recorded.
    const milestones = async () => (await events()).filter((e) => /^(new|ack|cancel)@/.test(e));
    await expect.poll(milestones, POLL).toEqual([`new@${created}`, `ack@${accepted}`, `cancel@${canceled}`]);
    // The filters narrow to it; the symbol filter and the search find it.
    await page.getByTestId('log-kind').locator('[data-value="orders"]').click();
    await page.getByTestId('log-search').fill(`canceled ${id}`);
    await page.getByTestId('log-symbol').fill(symbol.toLowerCase());
    await expect.poll(() => page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')} ${r.getAttribute('data-order')}`)), POLL).toEqual([`cancel ${id}`]);
    await page.getByTestId('log-kind').locator('[data-value="system"]').click();
    await expect.poll(() => page.locator(`[data-testid="log-row"][data-order="${id}"]`).count(), POLL).toBe(0);

    // After a reload the events come from the backend again, at their original times, not the reload's.
    await page.reload();
    await expect.poll(events, POLL).toEqual(expect.arrayContaining([`new@${created}`, `ack@${accepted}`, `cancel@${canceled}`]));
    const shownTime = await page.locator(`[data-testid="log-row"][data-order="${id}"][data-kind="new"] time`).getAttribute('datetime');
    expect(shownTime).toBe(new Date(created).toISOString());
  }, 60_000);

  it('moves indicator overlays with live bars: the overlay gets values past the stored bars', async () => {
    await page.evaluate(() => localStorage.setItem('nautilus.chartOverlays', JSON.stringify({ chart: ['sma:20'] })));
    await page.reload();
    await page.locator('.timeframes [role="radio"]', { hasText: /^1m$/ }).click();
    const symbol = (await page.locator('.chart-toolbar strong').textContent())!;
    const legend = page.locator('[data-testid="overlay-legend"][data-overlay="sma:20"]');
    await expect.poll(() => legend.getAttribute('data-state'), POLL).toBe('ready');
    const answer = await host.workstation.api['features.compute']({ symbol, timeframe: '1m', indicators: 'sma:20', limit: 2_000 });
    if (!answer.ok) throw new Error(answer.error.code);
    const stored = answer.value.time.at(-1)!;
    // The engine's answer ends at the last stored bar; the overlay follows the bars formed from quotes since.
    await expect.poll(async () => Number(await legend.getAttribute('data-time')), POLL).toBeGreaterThan(stored);
    const first = Number(await legend.getAttribute('data-time'));
    const value = await legend.locator('[data-output="sma"]').textContent();
    expect(Number(value!.replace(/,/g, ''))).toBeGreaterThan(0);
    // At the next bar close the overlay's last point moves on again.
    await expect.poll(async () => Number(await legend.getAttribute('data-time')), { timeout: 75_000 }).toBeGreaterThan(first);
  }, 100_000);

  it('every text style on screen meets WCAG AA (4.5:1) in both themes', async () => {
    // Put the styles on screen: a pressed button, the Kill switch, a selected row, blotter statuses, overlay values.
    await page.getByTestId('kill-switch').scrollIntoViewIfNeeded();
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => {
        localStorage.setItem('nautilus.theme', t);
        localStorage.setItem('nautilus.chartOverlays', JSON.stringify({ chart: ['sma:20', 'bbands:20:2', 'rsi:14'] }));
      }, theme);
      await page.reload();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), POLL).toBe(theme);
      await expect.poll(() => page.locator('.watchlist-table tbody tr').count(), POLL).toBeGreaterThan(0);
      await expect.poll(() => page.locator('[data-testid="overlay-legend"][data-state="ready"]').count(), POLL).toBeGreaterThan(0);
      await page.keyboard.press('Alt+1');
      await page.screenshot({ path: join(SHOTS, `contrast-${theme}-1280x720.png`) });
      const failures = await page.evaluate(
        ({ minimum, parse }) => {
          // The same parsing and WCAG formula as src/renderer/app/contrast.ts, inlined: this runs in the page.
          const parseColor = new Function(`return ${parse}`)() as (t: string) => { r: number; g: number; b: number; a: number } | null;
          const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          const lum = (c: { r: number; g: number; b: number }) => 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
          const over = (t: { r: number; g: number; b: number; a: number }, b: { r: number; g: number; b: number }) => ({ r: t.r * t.a + b.r * (1 - t.a), g: t.g * t.a + b.g * (1 - t.a), b: t.b * t.a + b.b * (1 - t.a), a: 1 });
          /** The opaque colour behind `el`: its own and its ancestors' backgrounds, composited bottom-up. */
          const backgroundOf = (el: Element) => {
            const layers: { r: number; g: number; b: number; a: number }[] = [];
            for (let e: Element | null = el; e; e = e.parentElement) {
              const c = parseColor(getComputedStyle(e).backgroundColor);
              if (c && c.a > 0) {
                layers.push(c);
                if (c.a >= 1) break;
              }
            }
            let base = { r: 255, g: 255, b: 255, a: 1 };
            for (const layer of layers.reverse()) base = over(layer, base);
            return base;
          };
          const out: string[] = [];
          const seen = new Set<string>();
          for (const el of Array.from(document.querySelectorAll('body *'))) {
            const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
            if (!own || (el as HTMLElement).closest('[disabled], [aria-hidden="true"]')) continue;
            const rect = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
            const fg = parseColor(style.color);
            if (!fg) continue;
            const bg = backgroundOf(el);
            const f = fg.a < 1 ? over(fg, bg) : fg;
            const [hi, lo] = [lum(f), lum(bg)].sort((a, b) => b - a) as [number, number];
            const ratio = (hi + 0.05) / (lo + 0.05);
            const key = `${el.className}|${style.color}|${ratio.toFixed(2)}`;
            if (ratio < minimum && !seen.has(key)) {
              seen.add(key);
              out.push(`${el.tagName.toLowerCase()}.${String(el.className).replace(/\s+/g, '.')} "${el.textContent!.trim().slice(0, 30)}" ${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}): ${ratio.toFixed(2)}:1`);
            }
          }
          return out;
        },
        { minimum: AA_TEXT, parse: PARSE_COLOR_SOURCE },
      );
      expect(failures, `${theme} theme`).toEqual([]);
    }
    await page.evaluate(() => localStorage.setItem('nautilus.theme', 'dark'));
    await page.reload();
  }, 60_000);

  it('cancel-all reports what the venue confirmed, not what was asked', async () => {
    const bid = host.workstation.live.quote('QBIT')!.bid;
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await host.workstation.api['orders.submit']({ symbol: 'QBIT', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: Math.round(bid * (95 - i)) / 100, timeInForce: 'DAY' });
      if (!r.ok) throw new Error(r.error.code);
      ids.push(r.value.clientOrderId);
    }
    await expect.poll(() => ids.map((id) => host.workstation.trading.core.oms.order(id)!.status), POLL).toEqual(['Accepted', 'Accepted', 'Accepted']);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('Cancel all working orders');
    await page.keyboard.press('Enter');
    // Cancel-all asks first (focus starts on Cancel); confirming it, the report then counts the venue's Canceled updates.
    await page.getByTestId('confirm-ok').click();
    const toasts = () => page.getByTestId('toast').allTextContents();
    await expect.poll(toasts, POLL).toEqual(expect.arrayContaining([expect.stringMatching(/^3 cancels sent, 3 confirmed/)]));
    expect((await toasts()).join('|')).not.toMatch(/Canceled \d+ order/);
    expect(ids.map((id) => host.workstation.trading.core.oms.order(id)!.status)).toEqual(['Canceled', 'Canceled', 'Canceled']);
  });

  it('one time-zone setting for the clock, the log and the blotter', async () => {
    const bid = host.workstation.live.quote('SMCN')!.bid;
    const placed = await host.workstation.api['orders.submit']({ symbol: 'SMCN', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: Math.round(bid * 95) / 100, timeInForce: 'DAY' });
    if (!placed.ok) throw new Error(placed.error.code);
    const orderId = placed.value.clientOrderId;
    await expect.poll(() => host.workstation.trading.core.oms.order(orderId)!.status, POLL).toBe('Accepted');
    const blotterTime = () => page.locator(`[data-testid="order-row"][data-order-id="${orderId}"] > span`).first().textContent();
    const clock = page.getByTestId('clock');
    const zoneButton = page.getByTestId('time-zone');
    if ((await zoneButton.getAttribute('data-zone')) !== 'exchange') await zoneButton.click();
    await expect.poll(() => clock.textContent(), POLL).toMatch(/^\d\d:\d\d:\d\d E[SD]T$/);
    // A log row's time is the New York wall clock of its original time.
    const row = page.locator('[data-testid="log-row"]').first();
    const [epoch, shown] = await Promise.all([row.getAttribute('data-time'), row.locator('time').textContent()]);
    const ny = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(Number(epoch));
    expect(shown!.slice(0, 8)).toBe(ny);
    // The blotter follows the same setting: the order's submit time on the New York clock, with milliseconds.
    const updated = host.workstation.trading.core.oms.order(orderId)!.createdAt;
    const nyMs = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(updated)}.${String(updated % 1000).padStart(3, '0')}`;
    await expect.poll(blotterTime, POLL).toBe(nyMs);
    await zoneButton.click();
    await expect.poll(() => zoneButton.getAttribute('data-zone'), POLL).toBe('local');
    await host.workstation.api['orders.cancel']({ clientOrderId: orderId });
  });

  it('scales the UI from the keyboard, keeps the setting across a reload, and scales wide screens by itself', async () => {
    const zoom = () => page.evaluate(() => Number(getComputedStyle(document.getElementById('root')!).zoom));
    expect(await zoom()).toBe(1); // auto at 1280 wide
    await page.getByTestId('ui-larger').focus();
    await page.keyboard.press('Enter');
    await expect.poll(zoom, POLL).toBeCloseTo(1.1, 6);
    await page.keyboard.press('Enter');
    await expect.poll(zoom, POLL).toBeCloseTo(1.25, 6);
    expect(await page.getByTestId('ui-scale').textContent()).toBe('125%');
    await page.reload();
    await expect.poll(zoom, POLL).toBeCloseTo(1.25, 6);
    await page.getByTestId('ui-smaller').click();
    await page.getByTestId('ui-smaller').click();
    await page.getByTestId('ui-smaller').click();
    await expect.poll(zoom, POLL).toBeCloseTo(0.9, 6);
    await page.evaluate(() => localStorage.removeItem('nautilus.uiScale'));
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.reload();
    await expect.poll(zoom, POLL).toBeCloseTo(1.25, 6);
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(zoom, POLL).toBe(1);
  });

  it('a stopped backend shows DISCONNECTED with the data time and greys out the data panels; both clear when it returns', async () => {
    await waitFor(async () => (await connection()) === 'backend: connected', 'the backend connection');
    const banner = page.getByTestId('connection-banner');
    expect(await banner.count()).toBe(0);
    await host.stop();
    await expect.poll(() => banner.count(), POLL).toBe(1);
    const text = (await banner.textContent())!;
    expect(text).toMatch(/^DISCONNECTED — data as of \d\d:\d\d:\d\d/);
    expect(text).toContain('Reconnecting to the backend');
    // Every data panel greyed out and marked stale with the data's time; the ticket (input) is not a data panel.
    const stale = await page.evaluate(() =>
      ['watchlist', 'chart', 'positions', 'blotter', 'risk', 'ticket'].map((id) => {
        const panel = document.querySelector(`[data-panel="${id}"]`)!;
        return { id, opacity: Number(getComputedStyle(panel.querySelector('.panel-body')!).opacity), marker: getComputedStyle(panel.querySelector('h2')!, '::after').content };
      }),
    );
    const asOf = /data as of (\d\d:\d\d:\d\d)/.exec(text)![1]!;
    for (const p of stale.filter((s) => s.id !== 'ticket')) {
      expect(p.opacity, p.id).toBeLessThan(1);
      expect(p.marker, p.id).toMatch(new RegExp(`STALE, "? ?"?as of ${asOf}`));
    }
    expect(stale.find((s) => s.id === 'ticket')!.opacity).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'disconnected-1280x720.png') });

    host = await startHeadlessHost(options);
    await expect.poll(() => banner.count(), POLL).toBe(0);
    await expect.poll(connection, POLL).toBe('backend: connected');
    expect(await page.evaluate(() => Number(getComputedStyle(document.querySelector('[data-panel="watchlist"] .panel-body')!).opacity))).toBe(1);
  }, 90_000);
});
