// The desktop PDF printer over a stand-in BrowserWindow: its options (hidden, no scripts, own session, sandboxed), the
// print options, the HTML it loads, and that the window and the temporary file are gone afterwards, also on failure.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { electronPdfPrinter, PDF_PRINT_OPTIONS, pdfWindowOptions, type PdfWindow } from '../../../../src/main/electron/pdfPrinter';

const temp = mkdtempSync(join(tmpdir(), 'nautilus-pdf-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function fakeWindow(print: (o: PrintToPDFOptions) => Promise<Buffer>) {
  const seen = { options: undefined as BrowserWindowConstructorOptions | undefined, loaded: '', html: '', printed: undefined as PrintToPDFOptions | undefined, destroyed: false };
  const createWindow = (options: BrowserWindowConstructorOptions): PdfWindow => {
    seen.options = options;
    return {
      loadFile: async (path) => {
        seen.loaded = path;
        seen.html = readFileSync(path, 'utf8');
      },
      webContents: {
        printToPDF: async (o) => {
          seen.printed = o;
          return print(o);
        },
      },
      destroy: () => void (seen.destroyed = true),
    };
  };
  return { seen, createWindow };
}

describe('electronPdfPrinter', () => {
  it('the hidden window cannot run scripts, reach Node, or share the app session', () => {
    const o = pdfWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ javascript: false, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(o.webPreferences?.preload).toBeUndefined();
    expect(o.webPreferences?.partition).toBe('nautilus-report-pdf');
    expect(o.webPreferences?.partition?.startsWith('persist:')).toBe(false);
    expect(PDF_PRINT_OPTIONS).toMatchObject({ pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
  });

  it('loads the HTML from a temporary file, prints it with the print options, and cleans up', async () => {
    const { seen, createWindow } = fakeWindow(async () => Buffer.from('%PDF-1.7 fake'));
    const printed = await electronPdfPrinter({ createWindow, tempDir: temp })('<html><body>Risk</body></html>');
    expect(printed).toEqual({ ok: true, value: new Uint8Array(Buffer.from('%PDF-1.7 fake')) });
    expect(seen.html).toBe('<html><body>Risk</body></html>');
    expect(seen.printed).toEqual(PDF_PRINT_OPTIONS);
    expect(seen.destroyed).toBe(true);
    expect(existsSync(seen.loaded)).toBe(false);
  });

  it('a failed print is a PDF_RENDER_FAILED result, and the window and file are still removed', async () => {
    const { seen, createWindow } = fakeWindow(async () => {
      throw new Error('renderer gone');
    });
    const printed = await electronPdfPrinter({ createWindow, tempDir: temp })('<html></html>');
    expect(printed).toEqual({ ok: false, error: { code: 'PDF_RENDER_FAILED', message: 'printing the PDF in the app failed: renderer gone' } });
    expect(seen.destroyed).toBe(true);
    expect(existsSync(seen.loaded)).toBe(false);
  });
});
