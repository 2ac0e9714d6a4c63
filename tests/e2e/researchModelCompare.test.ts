/// <reference lib="dom" />
// Research → Models → Compare in real Chromium against the real backend and factor workers: two versions trained on
// the first part of the history are selected with the keyboard and compared; the table shows the metrics, their
// differences, the Diebold-Mariano statistic and p-value ml.compare reports for the same pair; B is promoted from
// the comparison; a candidate put in shadow is compared with production by name.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/core/report/html';
import type { ComparisonReport } from '../../src/shared/contracts/mlCompare';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';

const POLL = { timeout: 90_000 };
const METRICS = ['mse', 'mae', 'r2', 'hitRate', 'ic'] as const;

describe('Research → Models → Compare in Chromium', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'models-compare', host: { syntheticHistory: { seed: 1, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 1400 } });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  async function expectTable(c: ComparisonReport): Promise<void> {
    const table = page.locator(`[data-testid="model-comparison"][data-pair="${c.a.name}@${c.a.version}:${c.b.name}@${c.b.version}"]`);
    await expect.poll(() => table.count(), POLL).toBe(1);
    for (const m of METRICS) {
      const row = table.locator(`[data-testid="compare-metric"][data-metric="${m}"]`);
      expect(await row.locator('[data-side="a"]').textContent(), m).toBe(formatNumber(c.a[m], 4));
      expect(await row.locator('[data-side="b"]').textContent(), m).toBe(formatNumber(c.b[m], 4));
      expect(await row.locator('[data-side="difference"]').textContent(), m).toBe(formatNumber(c.b[m] - c.a[m], 4));
    }
    expect(await table.getByTestId('compare-statistic').textContent()).toBe(formatNumber(c.difference.statistic, 3));
    expect(await table.getByTestId('compare-p').textContent()).toBe(formatNumber(c.difference.pValue, 4));
    expect(await table.locator('caption').textContent()).toContain(`${c.rows} rows on ${c.dates} dates`);
  }

  it('compares two versions selected with the keyboard, shows what ml.compare reports, and promotes B from there', async () => {
    const ws = session.host.workstation;
    const api = ws.api;
    const [symbol] = await ws.market.listSymbols('1D');
    const dates = Array.from((await ws.market.readBars(symbol!, '1D')).time);
    const cut = dates[Math.floor(dates.length * 0.6)]!;
    const train = async (factors: string[], alpha: number) => {
      const r = await api['ml.train']({ name: 'ui-cmp', kind: 'ridge', params: { alpha }, factors, to: cut, timeframe: '1D', target: 'return', horizon: 5, mode: 'expanding', trainDates: 60, testDates: 30, seed: 1 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.model;
    };
    const v1 = await train(['ROC5', 'MA20'], 0.5);
    const v2 = await train(['ROC5'], 2);
    await page.reload();
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const registry = page.getByTestId('model-registry');
    await expect.poll(() => registry.getByTestId('model-version').count(), POLL).toBe(2);

    const compareButton = page.getByTestId('model-compare');
    expect(await compareButton.isDisabled()).toBe(true);
    await registry.locator('[data-model="ui-cmp@1"]').getByTestId('model-select').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await registry.locator('[data-model="ui-cmp@2"]').getByTestId('model-select').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => compareButton.isEnabled(), POLL).toBe(true);
    await compareButton.focus();
    await page.keyboard.press('Enter');

    const expected = await api['ml.compare']({ a: v1.id, b: v2.id, timeframe: '1D' });
    if (!expected.ok) throw new Error(expected.error.message);
    expect(expected.value.a.overlapsTraining || expected.value.b.overlapsTraining).toBe(false);
    await expectTable(expected.value);

    const v3 = await train(['MA20'], 1);
    await page.getByTestId('compare-promote-b').click();
    await expect.poll(() => page.getByTestId('confirm-dialog').count(), POLL).toBe(1);
    await page.getByTestId('confirm-ok').click();
    const status = (version: number) => registry.locator(`[data-model="ui-cmp@${version}"]`).getAttribute('data-status');
    await expect.poll(() => status(2), POLL).toBe('production');
    expect((await api['ml.models']({ name: 'ui-cmp' })).map((m) => m.status)).toEqual(['candidate', 'production', 'candidate']);
    expect(await page.getByTestId('compare-promote-b').count()).toBe(0);

    // Shadow v3 beside production v2, then compare them by name.
    const row3 = registry.locator(`[data-model="ui-cmp@${v3.version}"]`);
    await expect.poll(() => row3.count(), POLL).toBe(1);
    await row3.getByTestId('model-shadow').click();
    await expect.poll(() => row3.getAttribute('data-shadow'), POLL).toBe('true');
    expect((await api['ml.models']({ name: 'ui-cmp' })).map((m) => m.shadow)).toEqual([false, false, true]);
    await row3.getByTestId('model-compare-production').click();
    const byName = await api['ml.compare']({ name: 'ui-cmp', timeframe: '1D' });
    if (!byName.ok) throw new Error(byName.error.message);
    expect([byName.value.a.version, byName.value.b.version, byName.value.b.shadow]).toEqual([2, 3, true]);
    await expectTable(byName.value);
  }, 240_000);
});
