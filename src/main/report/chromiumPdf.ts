// PDF from the report's HTML in the Node host: a headless Chromium already on the machine, driven over its DevTools pipe.
// (`--print-to-pdf` on the command line hangs in some headless builds; Page.printToPDF over the pipe works in all.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { err, ok, type Result } from '../../core/model/result';
import type { RiskReportError } from '../../shared/contracts/riskReport';

/** Where a browser is looked for, in order, after an explicit path (the setting or --chromium) and CHROMIUM_PATH. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-zygote', '--no-first-run', '--disable-extensions', '--disable-background-networking', '--disable-sync', '--remote-debugging-pipe'];
const TIMEOUT_MS = 60_000;

export interface ChromiumLookup {
  /** The trader's setting or the CLI's --chromium, tried first. */
  readonly explicitPath?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly candidates?: readonly string[];
}

const fixHint = 'Install one (Debian/Ubuntu: sudo apt install chromium) or point CHROMIUM_PATH (or nautilus report --chromium) at its executable. Nautilus never downloads a browser; the other formats (html, xlsx, csv, json) need none.';

/**
 * The browser to print with: a path the trader gave (the setting or --chromium, then CHROMIUM_PATH) must exist — a wrong
 * one is named, not silently replaced; without one, the first system path that exists. Else PDF_BROWSER_MISSING, naming
 * every place tried and how to fix it.
 */
export function findChromium(lookup: ChromiumLookup = {}): Result<string, Extract<RiskReportError, { code: 'PDF_BROWSER_MISSING' }>> {
  const env = lookup.env ?? process.env;
  const given: [string, string][] = [];
  if (lookup.explicitPath) given.push([lookup.explicitPath, 'the configured Chromium path']);
  else if (env.CHROMIUM_PATH) given.push([env.CHROMIUM_PATH, 'CHROMIUM_PATH']);
  for (const [path, what] of given) {
    if (existsSync(path)) return ok(path);
    return err({ code: 'PDF_BROWSER_MISSING', tried: [`${what} (${path})`], message: `A PDF needs a Chromium or Chrome, and ${what} ${path} does not exist. ${fixHint}` });
  }
  const candidates = lookup.candidates ?? SYSTEM_CHROMIUM_PATHS;
  const found = candidates.find((p) => existsSync(p));
  if (found) return ok(found);
  return err({
    code: 'PDF_BROWSER_MISSING',
    tried: [...candidates],
    message: `A PDF needs a Chromium or Chrome on this machine, and none was found (tried ${candidates.join(', ')}). ${fixHint}`,
  });
}

interface CdpMessage {
  readonly id?: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { message: string };
}

/** Prints HTML to PDF bytes (A4, the page's own @page size, backgrounds on) with the given Chromium. */
export async function printHtmlToPdf(chromiumPath: string, html: string): Promise<Result<Uint8Array, RiskReportError>> {
  const profile = mkdtempSync(join(tmpdir(), 'nautilus-pdf-'));
  const child = spawn(chromiumPath, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
  const pending = new Map<number, { resolve: (m: CdpMessage) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let buffered = '';
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  fromBrowser.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let at = buffered.indexOf('\0'); at >= 0; at = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, at)) as CdpMessage;
      buffered = buffered.slice(at + 1);
      if (message.id !== undefined) pending.get(message.id)?.resolve(message);
      if (message.id !== undefined) pending.delete(message.id);
    }
  });
  child.on('error', (e) => failAll(e));
  child.on('exit', (code, signal) => failAll(new Error(`Chromium exited (${signal ?? code}) before the PDF was printed${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`)));
  toBrowser.on('error', (e) => failAll(e));
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result ?? {})), reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const timer = setTimeout(() => failAll(new Error(`Chromium did not print within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  try {
    const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const tree = (await send('Page.getFrameTree', {}, sessionId)) as { frameTree: { frame: { id: string } } };
    await send('Page.setDocumentContent', { frameId: tree.frameTree.frame.id, html }, sessionId);
    const printed = (await send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false }, sessionId)) as { data: string };
    await send('Browser.close').catch(() => undefined);
    return ok(new Uint8Array(Buffer.from(printed.data, 'base64')));
  } catch (e) {
    return err({ code: 'PDF_RENDER_FAILED', message: `printing the PDF with ${chromiumPath} failed: ${(e as Error).message}` });
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true });
  }
}
