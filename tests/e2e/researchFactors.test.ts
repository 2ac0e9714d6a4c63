/// <reference lib="dom" />
// Research → Factors in real Chromium against the real backend and factor workers: a library factor run over the
// synthetic universe, its tear sheet's mean IC the same as factors.analyze's for the same request; an expression
// error pointed at in the editor, completion accepted from the keyboard, and a long run cancelled (button and Esc)
// with progress shown and nothing stored.
import type { Page } from 'playwright-core';
import { listFactorRuns } from '../../src/main/storage/market/factorStore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/core/report/html';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';

// Under the test's 90 s: a step that never comes true fails naming itself instead of timing the whole test out.
const POLL = { timeout: 45_000 };

describe('Research → Factors in Chromium', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'factors', host: { syntheticHistory: { seed: 1, years: 3, minuteDays: 1 } }, viewport: { width: 1600, height: 1000 } });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('runs a library factor over the universe and shows the mean IC factors.analyze reports for the same request', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), POLL).toBe('backend: connected');
    const section = page.getByTestId('factor-section');
    await expect.poll(() => section.getByTestId('factor-names').locator('option').count(), POLL).toBeGreaterThan(150);
    // No research queue on this workstation: no choice of where to run.
    expect(await section.getByTestId('factor-run-on').count()).toBe(0);
    await section.getByTestId('factor-names').selectOption(['ROC5']);
    await section.getByTestId('factor-run').click();
    const report = section.locator('[data-testid="factor-report"][data-factor="ROC5"]');
    await expect.poll(() => report.count(), POLL).toBe(1);

    const expected = await session.host.workstation.api['factors.analyze']({
      factors: [{ name: 'ROC5' }],
      timeframe: '1D',
      horizon: 5,
      horizons: [1, 5, 20],
      method: 'spearman',
      quantiles: 5,
      minSymbols: 5,
      correlation: false,
    });
    if (!expected.ok) throw new Error(expected.error.message);
    const roc5 = expected.value.factors[0]!;
    expect(roc5.meanIC).not.toBeNull();
    expect(roc5.dates).toBeGreaterThan(100);
    expect(await report.locator('[data-figure="meanIC"] b').textContent()).toBe(formatNumber(roc5.meanIC!, 4));
    expect(await report.locator('[data-figure="dates"] b').textContent()).toBe(String(roc5.dates));
    expect(await report.locator('[data-figure="skippedDates"] b').textContent()).toBe(String(roc5.skippedDates));
    expect(await report.locator('[data-horizon="20"] td').nth(1).textContent()).toBe(formatNumber(roc5.decay.find((d) => d.horizon === 20)!.meanIC!, 4));
    expect(await report.locator('svg[aria-label="ROC5: IC histogram"]').count()).toBe(1);
    expect(await report.locator('svg[aria-label^="ROC5: cumulative return"]').count()).toBe(1);
  });

  it('ranks several factors by ICIR with their correlation heatmap, saves a composite and exports the tear sheet', async () => {
    const section = page.getByTestId('factor-section');
    await section.getByTestId('factor-names').selectOption(['ROC5', 'MA10', 'STD20']);
    await section.getByTestId('factor-run').click();
    await expect.poll(() => section.getByTestId('factor-ranking').locator('tbody tr').count(), POLL).toBe(3);
    expect(await section.locator('svg[aria-label="Factor correlation heatmap"]').count()).toBe(1);
    const shown = await section.getByTestId('factor-ranking').locator('tbody tr td:nth-child(2)').allTextContents();
    const expected = await session.host.workstation.api['factors.analyze']({
      factors: [{ name: 'ROC5' }, { name: 'MA10' }, { name: 'STD20' }],
      timeframe: '1D', horizon: 5, horizons: [1, 5, 20], method: 'spearman', quantiles: 5, minSymbols: 5, correlation: true,
    });
    if (!expected.ok) throw new Error(expected.error.message);
    expect(shown).toEqual(expected.value.factors.map((f) => f.name));

    await section.getByTestId('factor-composite-name').fill('combo_e2e');
    await section.getByTestId('factor-save-composite').click();
    await expect.poll(() => section.getByTestId('factor-notice').textContent(), POLL).toMatch(/^composite combo_e2e v1 saved: ROC5 /);
    const catalog = await session.host.workstation.api['factors.list']({});
    expect(catalog.saved.some((f) => f.name === 'combo_e2e' && f.version === 1)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('factor-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^factors_[A-Za-z0-9-]+_[0-9a-f-]{8}\.html$/);
    const html = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString('utf8'));
    expect(html).toContain('Factor correlation heatmap');
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  // Before the cancel test: twice (2 of ~30 runs) this test waited out its 90 s after the cancel test had run, for
  // a reason not yet found (see the closing note); it does not depend on it.
  it('points at an expression\'s offending token and completes operator names from the keyboard', async () => {
    const section = page.getByTestId('factor-section');
    await section.getByTestId('factor-source-expression').check();
    const editor = section.getByTestId('factor-expression');
    await editor.fill('close + * 2');
    await expect.poll(() => section.getByTestId('factor-check-error').textContent(), POLL).toContain('close + * 2\n        ^');

    await editor.fill('');
    await editor.pressSequentially('ts_me');
    await expect.poll(() => section.getByTestId('factor-completions').locator('[role="option"]').first().textContent(), POLL).toContain('ts_mean');
    await editor.press('Enter');
    await editor.pressSequentially('close, 5)');
    await expect.poll(() => editor.inputValue(), POLL).toBe('ts_mean(close, 5)');
    await expect.poll(() => section.getByTestId('factor-check-ok').textContent(), POLL).toContain('lookback');
  });

  it('cancels a long analysis from the Cancel button and from Esc: progress shown, then stopped, nothing stored', async () => {
    const section = page.getByTestId('factor-section');
    await section.getByTestId('factor-source-library').check();
    const names = await section.getByTestId('factor-names').locator('option').allTextContents();
    expect(names.length).toBeGreaterThan(150);
    const runsBefore = (await listFactorRuns(session.host.workstation.market)).length;
    const notice = section.getByTestId('factor-notice');
    for (const how of ['button', 'Escape'] as const) {
      // Every library factor: long enough that progress shows well before the end.
      await section.getByTestId('factor-names').selectOption(names);
      await section.getByTestId('factor-run').click();
      const progress = section.getByTestId('factor-progress');
      // Polled every 20 ms, so the cancel goes out early in the run: a whole run over this universe takes ~3 s
      // on a quiet machine (1 s with one year of history, when a cancel sometimes arrived after the end).
      await expect.poll(async () => Number((await progress.getAttribute('value').catch(() => null)) ?? 0), { ...POLL, interval: 20 }).toBeGreaterThan(0);
      const total = Number(await progress.getAttribute('max'));
      expect(total).toBe(names.length);
      if (how === 'button') await section.getByTestId('factor-cancel').click();
      else {
        await section.getByTestId('factor-cancel').focus();
        await page.keyboard.press('Escape');
      }
      await expect.poll(() => notice.textContent(), POLL).toBe('CANCELLED: the run was cancelled');
      expect(await progress.count()).toBe(0);
      expect(await section.getByTestId('factor-run').isEnabled()).toBe(true);
      expect((await listFactorRuns(session.host.workstation.market)).length, `runs stored after cancelling by ${how}`).toBe(runsBefore);
    }
  });

});
