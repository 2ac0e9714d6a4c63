// The desktop app's PDF printer: the report's HTML in a hidden, script-less window of its own session, webContents.printToPDF.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { err, ok } from '../../core/model/result';
import type { PdfPrinter } from '../report/renderRiskReport';

/** Never shown; no preload, no scripts (the report has none), and an in-memory session apart from the app's. */
export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1123,
    height: 794,
    webPreferences: {
      // Without "persist:" the partition lives in memory only, so the app session's CSP header does not restyle the report.
      partition: 'nautilus-report-pdf',
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      offscreen: false,
    },
  };
}

/** A4 landscape as the report's @page asks, backgrounds kept (the tables' shading), no browser header or footer. */
export const PDF_PRINT_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  landscape: true,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  generateDocumentOutline: true,
};

/** The part of BrowserWindow the printer uses. */
export interface PdfWindow {
  loadFile(path: string): Promise<void>;
  readonly webContents: { printToPDF(options: PrintToPDFOptions): Promise<Buffer | Uint8Array> };
  destroy(): void;
}

export function electronPdfPrinter(deps: { createWindow: (options: BrowserWindowConstructorOptions) => PdfWindow; tempDir: string }): PdfPrinter {
  return async (html) => {
    const dir = mkdtempSync(join(deps.tempDir, 'nautilus-report-'));
    let window: PdfWindow | undefined;
    try {
      const file = join(dir, 'report.html');
      writeFileSync(file, html);
      window = deps.createWindow(pdfWindowOptions());
      await window.loadFile(file);
      const pdf = await window.webContents.printToPDF(PDF_PRINT_OPTIONS);
      return ok(new Uint8Array(pdf));
    } catch (e) {
      return err({ code: 'PDF_RENDER_FAILED', message: `printing the PDF in the app failed: ${(e as Error)?.message ?? String(e)}` });
    } finally {
      window?.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
