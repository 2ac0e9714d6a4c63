/// <reference lib="dom" />
// Exporting the risk report in Chromium: Ctrl+Shift+E gives the file (downloaded in the browser host, and written under
// the data directory's reports folder) holding the book the workstation has; the panel's button prints a PDF.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Order } from '../../src/core/model/order';
import type { HeadlessHost } from '../../src/main/headless/headlessHost';
import { formatReportNumber } from '../../src/core/report/riskReportCells';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';
import { waitFor } from '../support/waitFor';

describe('risk report export in Chromium', () => {
  let session: BrowserSession;
  let host: HeadlessHost;
  let page: Page;
  let symbol = '';
  const saved = mkdtempSync(join(tmpdir(), 'nautilus-e2e-downloads-'));

  beforeAll(async () => {
    // The risk engine and three years of daily history (the default 500-day window fits): the report carries VaR.
    session = await openBrowserSession({ name: 'risk-report', host: { engines: ['risk'], syntheticHistory: { seed: 3, years: 3, minuteDays: 1 } } });
    ({ host, page } = session);
    const ws = host.workstation;
    symbol = ws.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY')!.symbol;
    const reply = await ws.dispatch('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 25, timeInForce: 'DAY' });
    if (!reply.ok) throw new Error(reply.error.message);
    const order = (reply.value as { ok: true; value: Order }).value;
    await waitFor(() => ws.trading.core.oms.order(order.clientOrderId)?.status === 'Filled', 'the buy filled');
    // Marks stop moving, so the report and a direct risk.var measure the same book.
    ws.live.stop();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    rmSync(saved, { recursive: true, force: true });
  });

  it('Ctrl+Shift+E downloads the report in the chosen format, with the position the workstation holds', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('backend: connected');
    await page.getByTestId('report-format').selectOption('xlsx');
    await page.locator('body').focus();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.keyboard.press('Control+Shift+E')]);
    expect(download.suggestedFilename()).toMatch(/^risk-report-\d{8}-\d{6}\.xlsx$/);
    const file = join(saved, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows: unknown[][] = [];
    book.getWorksheet('positions')!.eachRow((row, n) => void (n > 1 && rows.push([row.getCell(1).value, row.getCell(3).value])));
    expect(rows).toEqual([[symbol, 25]]);
    // The same file is kept in the data directory's reports folder.
    const kept = join(session.dataDir, 'reports', download.suggestedFilename());
    expect(existsSync(kept)).toBe(true);
    expect(readFileSync(kept).equals(readFileSync(file))).toBe(true);
    await expect.poll(() => page.getByTestId('report-last').textContent()).toContain(download.suggestedFilename());
  });

  it("the panel's Export button prints a PDF whose text has the report's tables", async () => {
    await page.getByTestId('report-format').selectOption('pdf');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId('report-export').click()]);
    const file = join(saved, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Risk report — SIM-PAPER');
    expect(text).toMatch(new RegExp(`${symbol.replace(/[.^$]/g, '\\$&')}\\s+USD\\s+25\\s`));
    // The VaR table carries what risk.var gives for the same book, as the HTML shows it (grouped, two decimals).
    const measured = await host.workstation.dispatch('risk.var', { methods: ['historical'], confidences: [0.95] });
    if (!measured.ok) throw new Error(measured.error.message);
    const var95 = (measured.value as { ok: true; value: { historical: { var95: number } } }).value.historical.var95;
    expect(text).toMatch(new RegExp(`Historical\\s+95\\.00%\\s+${formatReportNumber(Math.round(var95 * 100) / 100, 'money').replace(/[.]/g, '\\.')}\\s`));
  });
});
