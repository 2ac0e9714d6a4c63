// One report, one format: the bytes of each of the five formats, and writing them under the data directory's reports folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/model/result';
import { renderRiskReportHtml } from '../../core/report/riskReportHtml';
import { reportFileKind, type RiskReport, type RiskReportFormat } from '../../core/report/riskReportTypes';
import type { RiskReportError, RiskReportFile } from '../../shared/contracts/riskReport';
import { findChromium, printHtmlToPdf } from './chromiumPdf';
import { riskReportCsvZip } from './riskReportCsvZip';
import { riskReportXlsx } from './riskReportXlsx';

/** HTML in, PDF out: headless Chromium in the Node host, the hidden window's printToPDF in the desktop app. */
export type PdfPrinter = (html: string) => Promise<Result<Uint8Array, RiskReportError>>;

/** The Node host's printer: the first Chromium found (explicit path, CHROMIUM_PATH, the usual system paths). */
export const chromiumPrinter =
  (explicitPath?: string): PdfPrinter =>
  async (html) => {
    const browser = findChromium({ explicitPath });
    return browser.ok ? printHtmlToPdf(browser.value, html) : browser;
  };

export async function renderRiskReport(report: RiskReport, format: RiskReportFormat, printPdf: PdfPrinter): Promise<Result<Uint8Array, RiskReportError>> {
  switch (format) {
    case 'json':
      return ok(Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
    case 'csv':
      return ok(riskReportCsvZip(report));
    case 'xlsx':
      return ok(await riskReportXlsx(report));
    case 'html':
      return ok(Buffer.from(renderRiskReportHtml(report)));
    case 'pdf':
      return printPdf(renderRiskReportHtml(report));
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}

export const REPORTS_FOLDER = 'reports';

/** `risk-report-20261201-224500.xlsx`: sortable, UTC, one file per export. */
export function reportFileName(generatedAt: number, format: RiskReportFormat): string {
  const stamp = new Date(generatedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `risk-report-${stamp}.${reportFileKind(format).extension}`;
}

function unavailableSections(report: RiskReport): string[] {
  return report.tables.filter((t) => t.unavailable !== null).map((t) => `${t.id}: ${t.unavailable}`);
}

/** Renders and writes to `path` (the CLI's --out) or to `<dataDir>/reports/<name>`; nothing is written on failure. */
export async function writeRiskReport(report: RiskReport, format: RiskReportFormat, printPdf: PdfPrinter, target: { dataDir: string } | { path: string }): Promise<Result<RiskReportFile, RiskReportError>> {
  const rendered = await renderRiskReport(report, format, printPdf);
  if (!rendered.ok) return rendered;
  const fileName = reportFileName(report.meta.generatedAt, format);
  const path = 'path' in target ? target.path : join(target.dataDir, REPORTS_FOLDER, fileName);
  try {
    if (!('path' in target)) mkdirSync(join(target.dataDir, REPORTS_FOLDER), { recursive: true });
    writeFileSync(path, rendered.value);
  } catch (e) {
    return err({ code: 'REPORT_WRITE_FAILED', message: `cannot write ${path}: ${(e as Error).message}`, path });
  }
  return ok({ format, path, fileName: 'path' in target ? (path.split(/[\\/]/).pop() ?? fileName) : fileName, bytes: rendered.value.length, mediaType: reportFileKind(format).mediaType, unavailable: unavailableSections(report) });
}
