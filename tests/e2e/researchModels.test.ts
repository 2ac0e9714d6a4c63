/// <reference lib="dom" />
// Research → Models in real Chromium against the real backend and factor workers: a small ridge model trained from
// the form (Enter) shows the folds, out-of-sample metrics and importance that ml.train reports for the same request
// and ml.models lists; versions are promoted and rolled back through the confirmation dialog; a long run is
// cancelled with Esc while its factors are computed, registering nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/core/report/html';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';

const POLL = { timeout: 90_000 };

describe('Research → Models in Chromium', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'models', host: { syntheticHistory: { seed: 1, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 1200 } });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('trains a ridge model from the form and shows the folds and importance the API reports, then promotes and rolls back', async () => {
    const api = session.host.workstation.api;
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const section = page.getByTestId('model-section');
    await expect.poll(() => section.getByTestId('model-factors').locator('option').count(), POLL).toBeGreaterThan(150);
    await section.getByTestId('model-factors').selectOption(['ROC5', 'MA20']);
    await section.getByTestId('model-name').fill('ui-ridge');
    await section.getByTestId('model-kind').selectOption('ridge');
    await section.getByTestId('model-horizon').fill('5');
    await section.getByTestId('model-train-dates').fill('120');
    await section.getByTestId('model-test-dates').fill('40');
    await section.getByTestId('model-name').press('Enter');
    const report = section.locator('[data-testid="model-report"][data-model="ui-ridge@1"]');
    await expect.poll(() => report.count(), POLL).toBe(1);

    // The same request on the API (deterministic: the same rows, folds and permutation seed) registers v2.
    const expected = await api['ml.train']({ name: 'ui-ridge', kind: 'ridge', params: {}, factors: ['ROC5', 'MA20'], timeframe: '1D', target: 'return', horizon: 5, mode: 'expanding', trainDates: 120, testDates: 40, seed: 1 });
    if (!expected.ok) throw new Error(expected.error.message);
    const e = expected.value;
    expect(e.folds.length).toBeGreaterThanOrEqual(2);
    expect(await report.getByTestId('model-fold').count()).toBe(e.folds.length);
    for (const f of e.folds) {
      const row = report.locator(`[data-testid="model-fold"][data-fold="${f.index}"]`);
      expect(await row.locator('[data-metric="mse"]').textContent()).toBe(formatNumber(f.metrics.mse, 4));
      expect(await row.locator('[data-metric="r2"]').textContent()).toBe(formatNumber(f.metrics.r2, 4));
      expect(await row.locator('[data-metric="ic"]').textContent()).toBe(formatNumber(f.metrics.ic, 4));
    }
    expect(await report.getByTestId('model-oos').locator('[data-metric="r2"]').textContent()).toBe(formatNumber(e.outOfSample.r2, 4));
    for (const feature of ['ROC5', 'MA20']) {
      expect(await report.locator(`[data-testid="model-importance"][data-feature="${feature}"] [data-metric="permutation"]`).textContent()).toBe(formatNumber(e.importance[feature]!.permutation, 4));
    }
    const [v1] = await api['ml.models']({ name: 'ui-ridge' });
    expect(v1).toMatchObject({ version: 1, status: 'candidate', kind: 'ridge', features: ['ROC5', 'MA20'] });
    expect(v1!.metrics).toMatchObject({ r2: e.outOfSample.r2, mse: e.outOfSample.mse, folds: e.folds.length });

    const registry = section.getByTestId('model-registry');
    const status = (version: number) => registry.locator(`[data-model="ui-ridge@${version}"]`).getAttribute('data-status');
    const confirm = async () => {
      await expect.poll(() => page.getByTestId('confirm-dialog').count(), POLL).toBe(1);
      await page.getByTestId('confirm-ok').click();
    };
    await registry.locator('[data-model="ui-ridge@1"]').getByTestId('model-promote').click();
    await confirm();
    await expect.poll(() => status(1), POLL).toBe('production');
    expect(await status(2)).toBe('candidate');
    await registry.locator('[data-model="ui-ridge@2"]').getByTestId('model-promote').click();
    await confirm();
    await expect.poll(() => status(2), POLL).toBe('production');
    expect(await status(1)).toBe('retired');
    await registry.locator('[data-model="ui-ridge@2"]').getByTestId('model-rollback').click();
    await confirm();
    await expect.poll(() => status(1), POLL).toBe('production');
    expect(await status(2)).toBe('retired');
    expect((await api['ml.models']({ name: 'ui-ridge' })).map((m) => m.status)).toEqual(['production', 'retired']);
  }, 180_000);

  it('cancels a long training with Esc while its factors are computed, registering nothing', async () => {
    const api = session.host.workstation.api;
    const section = page.getByTestId('model-section');
    const before = (await api['ml.models']({})).length;
    const names = await section.getByTestId('model-factors').locator('option').allTextContents();
    await section.getByTestId('model-factors').selectOption(names);
    await section.getByTestId('model-name').fill('ui-long');
    await section.getByTestId('model-train').click();
    const progress = section.getByTestId('model-progress');
    await expect.poll(async () => Number((await progress.getAttribute('value').catch(() => null)) ?? 0), POLL).toBeGreaterThan(0);
    await section.getByTestId('model-cancel').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => section.getByTestId('model-notice').textContent(), POLL).toBe('CANCELLED: the run was cancelled');
    expect(await progress.count()).toBe(0);
    expect(await section.getByTestId('model-train').isEnabled()).toBe(true);
    expect((await api['ml.models']({})).length).toBe(before);
  }, 180_000);
});
