/// <reference lib="dom" />
// The chart in Chromium against the real backend: indicator overlays from the palette (computed by the features
// engine, values in the legend, a bad spec refused with the engine's reason, kept across a reload and recomputed on a
// symbol change), and dragging an order's price line, which modifies the order only once confirmed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import type { SymbolFeatures } from '../../src/shared/contracts/engines';
import { ROOT } from '../support/builtApp';
import { waitFor } from '../support/waitFor';
import { regimeBand } from '../../src/renderer/panels/chart/regimeBand';

const SHOTS = join(ROOT, 'test-results');
const POLL = { timeout: 15_000 };
const BAR_LIMIT = 2_000; // as the chart asks

describe('chart in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;

  const legend = (spec: string) => page.locator(`[data-testid="overlay-legend"][data-overlay="${spec}"]`);
  const chartSymbol = async () => (await page.locator('.chart-toolbar strong').textContent())!;
  const timeframe = () => page.locator('.timeframes [aria-checked="true"]').textContent() as Promise<'1m' | '5m' | '1h' | '1D'>;

  async function palette(command: string): Promise<void> {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially(command);
    await expect.poll(() => page.locator('#palette-list li.selected').textContent(), POLL).toContain(command.split(' ').pop());
    await page.keyboard.press('Enter');
  }

  /** The features engine's answer for what the chart shows, straight from the backend. */
  async function computed(symbol: string, spec: string): Promise<SymbolFeatures> {
    const reply = await host.workstation.api['features.compute']({ symbol, timeframe: await timeframe(), indicators: spec, limit: BAR_LIMIT });
    if (!reply.ok) throw new Error(`features.compute refused ${spec}: ${reply.error.code}`);
    return reply.value;
  }

  /** The legend's value of one output, and the bar time it is for. */
  async function shown(spec: string, output: string): Promise<{ time: number; value: number } | null> {
    const entry = legend(spec);
    if ((await entry.getAttribute('data-state', { timeout: 1_000 }).catch(() => null)) !== 'ready') return null;
    const time = Number(await entry.getAttribute('data-time'));
    const text = await entry.locator(`[data-output="${output}"]`).textContent();
    const value = Number(text!.replace(output, '').replace(/,/g, '').trim());
    return Number.isFinite(time) && Number.isFinite(value) ? { time, value } : null;
  }

  /**
   * Off the chart the legend shows the newest bar, which is live (formed from quotes) and not in the engine's stored
   * answer; a stored bar under the crosshair is compared with the engine. (overlays.test.ts checks the live values.)
   */
  async function expectLegendMatchesEngine(spec: string, output: string, column: string, decimals: number): Promise<void> {
    const symbol = await chartSymbol();
    await expect.poll(() => shown(spec, output), POLL).not.toBeNull();
    const box = (await page.getByTestId('chart-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.move(box.x + box.width * 0.3 + 1, box.y + box.height * 0.3);
    const newest = (await computed(symbol, spec)).time.at(-1)!;
    await expect.poll(async () => (await shown(spec, output))?.time ?? Infinity, POLL).toBeLessThanOrEqual(newest);
    const at = (await shown(spec, output))!;
    await page.mouse.move(box.x + box.width * 0.3, box.y - 40); // off the chart again
    const features = await computed(symbol, spec);
    const i = features.time.indexOf(at.time);
    expect(i, `${at.time} in ${features.time.length} bars ${features.time[0]}..${features.time.at(-1)} (${await timeframe()})`).toBeGreaterThanOrEqual(0);
    const expected = features.columns.find((c) => c.name === column)!.values[i]!;
    expect(at.value).toBeCloseTo(expected, decimals - 1);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openBrowserSession({ name: 'chart', host: { syntheticHistory: { seed: 3, years: 1, minuteDays: 2 } }, viewport: { width: 1600, height: 900 } });
    ({ host, page } = session);
    await waitFor(async () => /^O [\d,.]+ H/.test((await page.getByTestId('chart-legend').textContent()) ?? ''), 'the chart to draw bars');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('adds overlays from the palette, shows the engine values in the legend, follows the crosshair', async () => {
    await palette('Chart: add indicator SMA 20');
    await expectLegendMatchesEngine('sma:20', 'sma', 'sma_20', 2);
    await expect.poll(() => legend('sma:20').locator('[data-testid="overlay-title"]').textContent()).toBe('SMA 20');

    await palette('Chart: add indicator Bollinger 20/2');
    await expectLegendMatchesEngine('bbands:20:2', 'upper', 'bbands_20_2_upper', 2);
    // %B and width are not prices: not drawn over the candles, not in the legend.
    expect(await legend('bbands:20:2').locator('[data-testid="overlay-value"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-output')))).toEqual(['middle', 'upper', 'lower']);

    await palette('Chart: add indicator RSI 14');
    await expectLegendMatchesEngine('rsi:14', 'rsi', 'rsi_14', 2);
    await palette('Chart: add indicator MACD 12/26/9');
    await expectLegendMatchesEngine('macd:12:26:9', 'hist', 'macd_12_26_9_hist', 2);
    // The oscillators open panes of their own below the price pane (lightweight-charts lays panes out as table rows).
    await expect.poll(() => page.locator('[data-testid="chart-canvas"] canvas').count(), POLL).toBeGreaterThan(6);

    // Off the chart the legend shows the last bar (live bars keep coming); under the crosshair, the hovered bar's values.
    await expect.poll(async () => (await shown('sma:20', 'sma'))?.time, POLL).toBeGreaterThan(0);
    const last = (await shown('sma:20', 'sma'))!;
    const box = (await page.getByTestId('chart-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect.poll(async () => (await shown('sma:20', 'sma'))?.time, POLL).toBeLessThan(last.time);
    await expectLegendMatchesEngine('sma:20', 'sma', 'sma_20', 2);
    await page.mouse.move(box.x + box.width * 0.3, box.y - 40); // off the chart again
    await expect.poll(async () => (await shown('sma:20', 'sma'))?.time, POLL).toBeGreaterThanOrEqual(last.time);
    await page.screenshot({ path: join(SHOTS, 'chart-overlays.png') });
  });

  it('adds a typed spec, refuses a bad one with the engine code and reason, and adds nothing', async () => {
    const before = await page.getByTestId('overlay-legend').count();
    await palette('Chart: add indicator spec');
    const input = page.getByTestId('prompt-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement), POLL).toBe(true);

    await input.pressSequentially('sma:abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('prompt-error').textContent(), POLL).toBe("BAD_PARAMETER: sma: parameter period = 'abc' is not a number");
    await input.fill('');
    await input.pressSequentially('ema:50, wobble:3');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('prompt-error').textContent(), POLL).toMatch(/^UNKNOWN_INDICATOR: unknown indicator 'wobble'/);
    await input.fill('');
    await input.pressSequentially('sma:1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('prompt-error').textContent(), POLL).toMatch(/^BAD_PARAMETER: sma: parameter period = '1' must be between 2 and/);
    expect(await page.getByTestId('overlay-legend').count()).toBe(before);
    expect(await page.evaluate(() => localStorage.getItem('nautilus.chartOverlays'))).not.toContain('ema:50');

    await input.fill('');
    await input.pressSequentially('EMA: 50, donchian:20');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
    await expectLegendMatchesEngine('ema:50', 'ema', 'ema_50', 2);
    await expectLegendMatchesEngine('donchian:20', 'upper', 'donchian_20_upper', 2);
    expect(await page.getByTestId('overlay-legend').count()).toBe(before + 2);
  });

  it('removes from the palette, keeps overlays across a reload, recomputes them for another symbol', async () => {
    await palette('Chart: remove indicator Donchian 20');
    await expect.poll(() => legend('donchian:20').count(), POLL).toBe(0);
    // Removed overlays are not offered for removal again; added ones are not offered for adding.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command…' }).pressSequentially('Chart: indicator');
    const titles = await page.locator('#palette-list li').allTextContents();
    await page.keyboard.press('Escape');
    expect(titles).toContain('Chart: remove indicator SMA 20');
    expect(titles).not.toContain('Chart: remove indicator Donchian 20');
    expect(titles).not.toContain('Chart: add indicator SMA 20');
    expect(titles).toContain('Chart: add indicator Donchian 20');

    const specs = await page.getByTestId('overlay-legend').evaluateAll((els) => els.map((e) => e.getAttribute('data-overlay')));
    await page.reload();
    await expect.poll(() => page.getByTestId('overlay-legend').evaluateAll((els) => els.map((e) => e.getAttribute('data-overlay'))), POLL).toEqual(specs);
    await expectLegendMatchesEngine('sma:20', 'sma', 'sma_20', 2);

    const first = await chartSymbol();
    const other = (await page.locator('.watchlist-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol')))).find((s) => s && s !== first)!;
    await page.locator(`.watchlist-table tbody tr[data-symbol="${other}"]`).click();
    await expect.poll(chartSymbol, POLL).toBe(other);
    await expectLegendMatchesEngine('sma:20', 'sma', 'sma_20', 2);
    await expectLegendMatchesEngine('rsi:14', 'rsi', 'rsi_14', 2);
  });

  it('shows the HMM regime band under the daily price from the palette, as ml.regimes fits it, and only on the daily chart', async () => {
    const canvas = page.getByTestId('chart-canvas');
    await page.locator('.timeframes [role="radio"]', { hasText: '1D' }).click();
    await expect.poll(timeframe, POLL).toBe('1D');
    await palette('Chart: show market regimes (HMM)');
    const symbol = await chartSymbol();
    const reply = await host.workstation.api['ml.regimes']({ symbol, states: 2, starts: 10, seed: 1 });
    if (!reply.ok) throw new Error(reply.error.message);
    const band = regimeBand(reply.value);
    await expect.poll(() => canvas.getAttribute('data-regime-band'), POLL).toBe(String(reply.value.time.length));
    await expect(page.getByTestId('chart-regime-status').textContent()).resolves.toBe(`regime: ${band.last!.name} ${(band.last!.probability * 100).toFixed(0)}%`);
    expect(await page.getByTestId('chart-regimes').getAttribute('aria-pressed')).toBe('true');

    await page.locator('.timeframes [role="radio"]', { hasText: '1m' }).click();
    await expect.poll(() => page.getByTestId('chart-regime-status').textContent(), POLL).toBe('regimes: on the daily chart');
    expect(await canvas.getAttribute('data-regime-band')).toBeNull();

    await palette('Chart: hide market regimes');
    await expect.poll(() => page.getByTestId('chart-regime-status').count(), POLL).toBe(0);
    expect(await page.getByTestId('chart-regimes').getAttribute('aria-pressed')).toBe('false');
  });

  it('dragging an order line asks first: Esc leaves the order alone, confirming modifies it', async () => {
    const symbol = await chartSymbol();
    const tick = (await host.workstation.api['market.instruments']({})).find((i) => i.symbol === symbol)!.tickSize;
    const bid = host.workstation.live.quote(symbol)!.bid;
    const limit = Number((Math.round((bid * 0.997) / tick) * tick).toFixed(8));
    const submitted = await host.workstation.api['orders.submit']({ symbol, side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: limit, timeInForce: 'GTC' });
    expect(submitted.ok).toBe(true);
    const id = submitted.ok ? submitted.value.clientOrderId : '';
    const oms = () => host.workstation.trading.core.oms.order(id);
    await expect.poll(() => oms()?.status, POLL).toBe('Accepted');

    const canvas = page.getByTestId('chart-canvas');
    const box = (await canvas.boundingBox())!;
    const x = box.x + box.width * 0.5;
    /** Where the order's line is drawn now: hovering the chart records each line's y. */
    const lineY = async (): Promise<number | null> => {
      await page.mouse.move(x, box.y + box.height * 0.5);
      await page.mouse.move(x, box.y + box.height * 0.5 + 1);
      const lines = JSON.parse((await canvas.getAttribute('data-order-lines')) ?? '[]') as { id: string; y: number | null }[];
      const y = lines.find((l) => l.id === id)?.y ?? null;
      return y !== null && y > 5 && y < box.height - 30 ? y : null;
    };
    const drag = async (by: number) => {
      const y = (await lineY())!;
      await page.mouse.move(x, box.y + y);
      await page.mouse.down();
      await page.mouse.move(x, box.y + y + by, { steps: 6 });
      await page.mouse.up();
    };
    await expect.poll(lineY, POLL).not.toBeNull();

    await drag(25);
    await expect.poll(() => page.getByRole('alertdialog').textContent(), POLL).toContain('Modify order?');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    expect(oms()?.limitPrice).toBeCloseTo(limit, 6);

    await drag(30);
    const message = (await page.locator('#confirm-message').textContent())!;
    const match = /from ([\d,.]+) to ([\d,.]+)\?$/.exec(message);
    expect(match).not.toBeNull();
    const to = Number(match![2]!.replace(/,/g, ''));
    expect(Number(match![1]!.replace(/,/g, ''))).toBeCloseTo(limit, 6);
    expect(to).toBeLessThan(limit);
    await page.keyboard.press('Enter');
    await expect.poll(() => oms()?.limitPrice, POLL).toBeCloseTo(to, 6);
    expect(oms()?.status).toBe('Accepted');
    await host.workstation.api['orders.cancelAll']({});
  });
});
