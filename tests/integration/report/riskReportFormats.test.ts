// The five formats of one risk report open and agree on every figure: the JSON read back, the CSV zip and the HTML
// tables parsed by Python's own zip/csv/html parsers, the XLSX by exceljs, the PDF's text extracted by poppler.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleRiskReport } from '../../../src/core/report/riskReport';
import type { ReportColumn, ReportTable, RiskReport, RiskReportFormat } from '../../../src/core/report/riskReportTypes';
import { chromiumPrinter, writeRiskReport } from '../../../src/main/report/renderRiskReport';
import { riskReportSchema } from '../../../src/shared/contracts/riskReport';
import { fullInput, partialInput } from '../../unit/core/report/riskReportFixture';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const READER = fileURLToPath(new URL('../../reference/report_tables.py', import.meta.url));

interface ParsedTables {
  tables: Record<string, { header: string[]; rows: string[][] }>;
  unavailable: Record<string, string>;
}

function python(kind: 'csv' | 'html', path: string): ParsedTables {
  const run = spawnSync(PYTHON, [READER, kind, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`report_tables.py ${kind} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedTables;
}

/** A displayed number back to a value, and half a unit of its last shown digit (what rounding can account for). */
function parseShown(text: string): { value: number; tolerance: number } {
  const percent = text.endsWith('%');
  const plain = text.replace('\u2212', '-').replace(/,/g, '').replace(/%$/, '');
  expect(plain, `"${text}" is a number as shown`).toMatch(/^-?\d+(\.\d+)?$/);
  const digits = plain.includes('.') ? plain.split('.')[1]!.length : 0;
  const scale = percent ? 100 : 1;
  return { value: Number(plain) / scale, tolerance: (0.5 * 10 ** -digits) / scale + 1e-12 };
}

const where = (t: ReportTable, r: number, c: number) => `${t.id} row ${r + 1} column ${t.columns[c]!.key}`;

/** A cell of the typed report against its text in the CSV (full precision) or on the page (as shown). */
function expectCsvCell(column: ReportColumn, cell: ReportTable['rows'][number][number], text: string, at: string): void {
  if (cell === null) return void expect(text, at).toBe('');
  if (column.type === 'text') return void expect(text, at).toBe(cell);
  if (column.type === 'time') return void expect(Date.parse(text), at).toBe(cell);
  expect(Number(text), at).toBe(cell);
}

function expectShownCell(column: ReportColumn, cell: ReportTable['rows'][number][number], text: string, at: string): void {
  if (cell === null) return void expect(text, at).toBe('—');
  if (column.type === 'text') return void expect(text, at).toBe(cell);
  if (column.type === 'time') return void expect(Date.parse(`${text.replace(' ', 'T')}Z`), at).toBe(Math.floor((cell as number) / 1000) * 1000);
  const shown = parseShown(text);
  expect(Math.abs(shown.value - (cell as number)), `${at}: "${text}" against ${cell}`).toBeLessThanOrEqual(shown.tolerance);
}

const cases: [string, () => RiskReport][] = [
  ['every section given', () => assembleRiskReport(fullInput())],
  ['the engine sections not available', () => assembleRiskReport(partialInput())],
];

describe.each(cases)('risk report in five formats: %s', (_name, make) => {
  const report = make();
  let dir = '';
  const files = {} as Record<RiskReportFormat, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-report-'));
    const printer = chromiumPrinter(process.env.CHROMIUM_PATH);
    for (const format of ['json', 'csv', 'xlsx', 'html', 'pdf'] as const) {
      const path = join(dir, `report.${format}`);
      const written = await writeRiskReport(report, format, printer, { path });
      if (!written.ok) throw new Error(`${format}: ${written.error.message}`);
      expect(written.value.bytes).toBe(readFileSync(path).length);
      files[format] = path;
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the report is valid against its schema and has every section as a table', () => {
    expect(riskReportSchema.safeParse(report).success).toBe(true);
    expect(report.tables.map((t) => t.id)).toEqual(['contents', 'positions', 'pnl', 'exposures', 'liquidity', 'beta', 'limits', 'var', 'component_var', 'stress', 'breaches', 'performance_returns', 'performance_ratios', 'backcast_equity', 'tca_orders', 'tca_venues', 'tca_algorithms']);
  });

  it('JSON: reads back as the same report', () => {
    const parsed = riskReportSchema.parse(JSON.parse(readFileSync(files.json, 'utf8')));
    expect(parsed).toEqual(report);
  });

  it('CSV: one RFC 4180 file per table in the zip, every figure at full precision', () => {
    const csv = python('csv', files.csv);
    expect(Object.keys(csv.tables).sort()).toEqual(['report', ...report.tables.map((t) => t.id)].sort());
    for (const t of report.tables) {
      const file = csv.tables[t.id]!;
      expect(file.header).toEqual(t.columns.map((c) => c.label));
      expect(file.rows.length, t.id).toBe(t.rows.length);
      t.rows.forEach((row, r) => row.forEach((cell, c) => expectCsvCell(t.columns[c]!, cell, file.rows[r]![c]!, where(t, r, c))));
    }
    const meta = Object.fromEntries(csv.tables.report!.rows.map(([k, v]) => [k, v]));
    expect(meta.data_dir).toBe(report.meta.dataDir);
    expect(meta.generated_at_utc).toBe('2026-12-01 21:30:15');
  });

  it('XLSX: one sheet per table, numbers stored as numbers with a number format, times as dates, headers frozen', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual(['report', ...report.tables.map((t) => t.id)]);
    for (const t of report.tables) {
      const sheet = book.getWorksheet(t.id)!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(t.columns.map((c) => c.label));
      if (t.unavailable !== null) expect(sheet.getCell(2, 1).value).toBe(t.unavailable);
      t.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          const x = sheet.getCell(r + 2, c + 1);
          const at = where(t, r, c);
          const column = t.columns[c]!;
          if (cell === null) return void expect(x.value ?? null, at).toBeNull();
          if (column.type === 'time') return void expect((x.value as Date).getTime(), at).toBe(cell);
          expect(x.value, at).toBe(cell);
          if (column.type === 'number') expect(x.numFmt, at).toMatch(/0/);
        }),
      );
    }
  });

  it('HTML: every table as the page shows it agrees with the stored figures to the digits shown', () => {
    const html = python('html', files.html);
    for (const t of report.tables) {
      if (t.unavailable !== null) {
        expect(html.unavailable[t.id]).toBe(t.unavailable);
        continue;
      }
      if (t.rows.length === 0) continue;
      const page = html.tables[t.id]!;
      expect(page.header).toEqual(t.columns.map((c) => c.label));
      expect(page.rows.length, t.id).toBe(t.rows.length);
      t.rows.forEach((row, r) => row.forEach((cell, c) => expectShownCell(t.columns[c]!, cell, page.rows[r]![c]!, where(t, r, c))));
    }
    expect(readFileSync(files.html, 'utf8')).not.toMatch(/<script|src="http|href="http/);
  });

  it("PDF: pdftotext finds every table's rows, cell by cell in order, as the HTML shows them", () => {
    expect(readFileSync(files.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const run = spawnSync('pdftotext', ['-layout', files.pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const text = run.stdout.replace(/\s+/g, ' ');
    const html = python('html', files.html);
    let cursor = 0;
    const find = (needle: string, at: string) => {
      const i = text.indexOf(needle.replace(/\s+/g, ' '), cursor);
      expect(i, `${at}: "${needle}" after position ${cursor}`).toBeGreaterThanOrEqual(0);
      cursor = i + needle.length;
    };
    for (const t of report.tables) {
      find(t.title, `${t.id} title`);
      if (t.unavailable !== null) find(t.unavailable, `${t.id} note`);
      else
        html.tables[t.id]?.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            // The text looked for is itself checked against the stored figure, so the PDF agrees with the JSON, not just the HTML.
            expectShownCell(t.columns[c]!, t.rows[r]![c]!, cell, where(t, r, c));
            find(cell, where(t, r, c));
          }),
        );
    }
  });
});

describe('risk report files', () => {
  it('a failed PDF writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-report-'));
    try {
      const path = join(dir, 'r.pdf');
      const written = await writeRiskReport(assembleRiskReport(fullInput()), 'pdf', async () => ({ ok: false, error: { code: 'PDF_RENDER_FAILED', message: 'no' } }), { path });
      expect(written).toEqual({ ok: false, error: { code: 'PDF_RENDER_FAILED', message: 'no' } });
      expect(existsSync(path)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
