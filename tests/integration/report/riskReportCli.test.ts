// The risk report end to end on a real data directory: `report.risk` through the dispatcher (file under reports/,
// progress on research.progress, the download), then `nautilus report risk` on the same directory after a stop.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../src/cli/commands/report';
import type { CliIO } from '../../../src/cli/command';
import type { Order } from '../../../src/core/model/order';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { RiskReport, RiskReportFile } from '../../../src/shared/contracts/riskReport';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import { waitFor } from '../../support/waitFor';

const HISTORY = { seed: 7, years: 2, minuteDays: 1 };

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await reportCommand.run(argv, io);
  return { code, out, err };
}

describe('risk report from a running workstation and from the CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-report-e2e-'));
  let ws: Workstation | undefined;
  let book: Map<string, number>;
  let smartId = '';

  beforeAll(async () => {
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['risk'], syntheticHistory: HISTORY, marketIntervalMs: 10 });
    const symbols = ws.desk.equities.filter((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY').slice(0, 2).map((i) => i.symbol);
    const orders: Order[] = [];
    for (const [i, symbol] of symbols.entries()) {
      const reply = await ws.dispatch('orders.submit', { symbol, side: i === 0 ? 'BUY' : 'SELL', type: 'MARKET', quantity: 40 + i * 15, timeInForce: 'DAY' });
      if (!reply.ok) throw new Error(reply.error.message);
      const result = reply.value as { ok: true; value: Order } | { ok: false; error: unknown };
      if (!result.ok) throw new Error(`denied: ${JSON.stringify(result.error)}`);
      orders.push(result.value);
    }
    await waitFor(() => orders.every((o) => ws!.trading.core.oms.order(o.clientOrderId)?.status === 'Filled'), 'both orders filled');
    // A SMART order too: its costs join the report's TCA tables.
    const smart = await ws.dispatch('execution.submit', { symbol: symbols[0]!, side: 'BUY', quantity: 25, limitPrice: null, style: { kind: 'SMART', ioc: false } });
    if (!smart.ok || !(smart.value as { ok: boolean }).ok) throw new Error(`SMART order refused: ${JSON.stringify(smart)}`);
    smartId = (smart.value as { ok: true; value: { id: string } }).value.id;
    await waitFor(() => ws!.trading.execution.router.parent(smartId as never)?.status === 'FILLED', 'the SMART order filled');
    book = new Map(ws.trading.core.positions.positions().map((p) => [p.symbol, p.quantity]));
    // The market holds still from here, so the report and a direct `risk.var` value the book at the same marks.
    ws.live.stop();
  }, 120_000);

  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('report.risk writes the JSON under reports/, reports progress, and the download returns the same bytes', async () => {
    const progress: ResearchProgress[] = [];
    ws!.bus.subscribe('research.progress', (p) => void progress.push(p as ResearchProgress));
    const reply = await ws!.dispatch('report.risk', { format: 'json', job: 'e2e' });
    if (!reply.ok) throw new Error(reply.error.message);
    const result = reply.value as { ok: true; value: RiskReportFile };
    expect(result.ok).toBe(true);
    const file = result.value;
    expect(file.path).toBe(join(dataDir, 'reports', file.fileName));
    expect(file.fileName).toMatch(/^risk-report-\d{8}-\d{6}\.json$/);
    const report = JSON.parse(readFileSync(file.path, 'utf8')) as RiskReport;
    const positions = report.tables.find((t) => t.id === 'positions')!;
    expect(new Map(positions.rows.map((r) => [r[0], r[2]]))).toEqual(book);
    // The engine's sections carry the figures `risk.var` gives for the same book, to the cent.
    const direct = await ws!.dispatch('risk.var', { confidences: [0.95, 0.99] });
    if (!direct.ok) throw new Error(direct.error.message);
    const measured = direct.value as { ok: true; value: { historical: Record<string, number>; parametric: Record<string, number>; monteCarlo: Record<string, number> } };
    expect(measured.ok).toBe(true);
    const varTable = report.tables.find((t) => t.id === 'var')!;
    expect(varTable.unavailable).toBeNull();
    const row = (method: string, confidence: number) => varTable.rows.find((r) => r[0] === method && r[1] === confidence)!;
    expect(row('Historical', 0.95)[2]).toBeCloseTo(measured.value.historical.var95!, 2);
    expect(row('Historical', 0.99)[3]).toBeCloseTo(measured.value.historical.es99!, 2);
    expect(row('Parametric (normal)', 0.95)[2]).toBeCloseTo(measured.value.parametric.var95!, 2);
    for (const id of ['component_var', 'stress', 'exposures', 'breaches']) expect(report.tables.find((t) => t.id === id)!.unavailable, id).toBeNull();
    const components = report.tables.find((t) => t.id === 'component_var')!.rows.filter((r) => r[1] === 'Historical' && r[2] === 0.95);
    expect(components.reduce((sum, r) => sum + (r[3] as number), 0)).toBeCloseTo(row('Historical', 0.95)[2] as number, 1);
    // No benchmark is asked for in the report, so beta is the one section without figures, and says why.
    expect(file.unavailable).toEqual([]);
    const perf = report.tables.find((t) => t.id === 'performance_returns')!;
    expect(perf.unavailable).toBeNull();
    expect(report.tables.find((t) => t.id === 'limits')!.rows.length).toBeGreaterThan(0);
    const steps = progress.filter((p) => p.job === 'report:e2e');
    expect(steps.at(-1)).toMatchObject({ done: 9, total: 9 });
    // The SMART order's costs, as `tca.report` gives them, and its fills across the venue roll-up.
    const tca = await ws!.dispatch('tca.report', { parentId: smartId });
    if (!tca.ok || !tca.value) throw new Error(`no TCA for ${smartId}`);
    const tcaDirect = tca.value as { filledQuantity: number; shortfall: { amount: number; bps: number }; averageFillPrice: number };
    const orders = report.tables.find((t) => t.id === 'tca_orders')!;
    const col = (key: string) => orders.columns.findIndex((c) => c.key === key);
    const smartRow = orders.rows.find((r) => r[0] === smartId)!;
    expect(smartRow[col('filled')]).toBe(25);
    expect(smartRow[col('averageFill')]).toBe(tcaDirect.averageFillPrice);
    expect(smartRow[col('shortfall')]).toBe(tcaDirect.shortfall.amount);
    expect(smartRow[col('shortfallBps')]).toBeCloseTo(tcaDirect.shortfall.bps, 6);
    const venues = report.tables.find((t) => t.id === 'tca_venues')!;
    expect(venues.rows.reduce((sum, r) => sum + (r[3] as number), 0)).toBe(25);
    expect(steps.map((p) => p.done)).toEqual([...steps.map((p) => p.done)].sort((a, b) => a - b));

    const download = await ws!.dispatch('report.download', { fileName: file.fileName });
    if (!download.ok) throw new Error(download.error.message);
    const bytes = download.value as { ok: true; value: { base64: string; mediaType: string } };
    expect(Buffer.from(bytes.value.base64, 'base64').equals(readFileSync(file.path))).toBe(true);
    expect(bytes.value.mediaType).toBe('application/json');
    const outside = await ws!.dispatch('report.download', { fileName: '..' });
    expect(outside.ok && (outside.value as { ok: boolean }).ok).toBe(false);
  });

  it('nautilus report risk writes an XLSX of the same book on the stopped data directory, and refuses bad usage', async () => {
    await ws!.stop();
    ws = undefined;
    const out = join(dataDir, 'cli-report.xlsx');
    const run = await cli(['risk', '--format', 'xlsx', '--out', out, '--data-dir', dataDir, '--json']);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ format: 'xlsx', path: out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('positions')!;
    const rows = new Map<unknown, unknown>();
    sheet.eachRow((row, n) => void (n > 1 && rows.set(row.getCell(1).value, row.getCell(3).value)));
    expect(rows).toEqual(book);

    const pdf = join(dataDir, 'cli-report.pdf');
    const printed = await cli(['risk', '--out', pdf, '--data-dir', dataDir, '--chromium', process.env.CHROMIUM_PATH ?? '']);
    expect(printed.code, printed.err).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    // A browser that is not there: the error names it and what to do, and nothing is written.
    const nowhere = join(dataDir, 'no-browser.pdf');
    const missing = await cli(['risk', '--format', 'pdf', '--out', nowhere, '--data-dir', dataDir, '--chromium', '/nowhere/chromium']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/A PDF needs a Chromium or Chrome, and the configured Chromium path \/nowhere\/chromium does not exist\. Install one .* never downloads a browser/);
    expect(existsSync(nowhere)).toBe(false);

    expect((await cli(['risk', '--format', 'docx', '--out', out, '--data-dir', dataDir])).err).toMatch(/--format must be one of json, csv, xlsx, html, pdf, got "docx"/);
    expect((await cli(['risk', '--out', join(dataDir, 'r.txt'), '--data-dir', dataDir])).err).toMatch(/--format is required/);
    expect((await cli(['var', '--out', out])).code).toBe(2);
    const empty = mkdtempSync(join(tmpdir(), 'nautilus-report-empty-'));
    try {
      expect((await cli(['risk', '--format', 'json', '--out', join(empty, 'r.json'), '--data-dir', empty])).err).toMatch(/holds no workstation data/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 120_000);
});
