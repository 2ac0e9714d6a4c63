/// <reference lib="dom" />
// Research → Models → Predict in real Chromium against the real backend, factor workers and ML engine: a version
// trained through the API is picked with the keyboard (Tab to its Predict, Enter); the table lists what ml.predict
// answers for it, one row per symbol, highest prediction first; a version whose artifact was damaged on disk shows
// the refusal's code and message as an alert, and Close removes the view.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/core/report/html';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';

const POLL = { timeout: 90_000 };

describe('Research → Models → Predict in Chromium', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'models-predict', host: { syntheticHistory: { seed: 1, years: 1, minuteDays: 1 } }, viewport: { width: 1600, height: 1400 } });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows a version’s latest predictions per symbol sorted by prediction, and a refusal as an alert', async () => {
    const api = session.host.workstation.api;
    const train = async (name: string) => {
      const r = await api['ml.train']({ name, kind: 'ridge', params: { alpha: 1 }, factors: ['ROC5', 'MA20'], timeframe: '1D', target: 'return', horizon: 5, mode: 'expanding', trainDates: 60, testDates: 30, seed: 1 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.model;
    };
    const good = await train('ui-pred');
    const broken = await train('ui-broken');
    writeFileSync(join(session.dataDir, broken.artifactPath), '{ not json');
    await page.reload();
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const registry = page.getByTestId('model-registry');
    await expect.poll(() => registry.getByTestId('model-version').count(), POLL).toBe(2);

    // The keyboard: from the version's checkbox, Tab reaches its Predict button; Enter runs it.
    await registry.locator('[data-model="ui-pred@1"]').getByTestId('model-select').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('model-predict');
    await page.keyboard.press('Enter');
    const view = page.locator('[data-testid="model-predictions"][data-model="ui-pred@1"][data-state="done"]');
    await expect.poll(() => view.count(), POLL).toBe(1);

    const expected = await api['ml.predict']({ id: good.id, timeframe: '1D' });
    if (!expected.ok) throw new Error(expected.error.message);
    const sorted = [...expected.value.predictions].sort((a, b) => b.prediction - a.prediction);
    expect(sorted.length).toBeGreaterThan(2);
    const rows = view.getByTestId('prediction-row');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-symbol')))).toEqual(sorted.map((p) => p.symbol));
    expect(await view.getByTestId('prediction-value').allTextContents()).toEqual(sorted.map((p) => formatPercent(p.prediction, 3)));
    expect(await view.locator('caption').textContent()).toContain(`5-bar forward return from the features of ${new Date(expected.value.date).toISOString().slice(0, 10)}`);
    expect(await registry.locator('[data-model="ui-pred@1"]').getByTestId('model-predict').getAttribute('aria-pressed')).toBe('true');

    await registry.locator('[data-model="ui-broken@1"]').getByTestId('model-predict').click();
    const error = page.locator('[data-testid="model-predictions"][data-model="ui-broken@1"] [data-testid="predictions-error"]');
    await expect.poll(() => error.count(), POLL).toBe(1);
    const refused = await api['ml.predict']({ id: broken.id, timeframe: '1D' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('BAD_ARTIFACT');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.getAttribute('data-code')).toBe('BAD_ARTIFACT');
    expect(await error.textContent()).toBe(`ui-broken v1 cannot predict: BAD_ARTIFACT — ${refused.error.message}`);
    expect(await view.count()).toBe(0);

    await page.getByTestId('predictions-close').click();
    await expect.poll(() => page.getByTestId('model-predictions').count(), POLL).toBe(0);
  }, 240_000);
});
