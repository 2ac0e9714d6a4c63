// An e2e session: the browser-served workstation on a fresh data directory, and Chromium with its page open on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHeadlessHost, type HeadlessHost, type HeadlessHostOptions } from '../../src/main/headless/headlessHost';
import { requireBuiltRenderer } from './builtApp';
import { launchChromium } from './chromium';

export interface BrowserSession {
  readonly host: HeadlessHost;
  readonly browser: Browser;
  readonly page: Page;
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface BrowserSessionOptions {
  /** Names the temp data directory, so a leftover one says which test made it. */
  readonly name: string;
  readonly host?: Partial<Omit<HeadlessHostOptions, 'dataDir' | 'rendererDir'>>;
  readonly viewport?: { width: number; height: number };
}

export async function openBrowserSession(options: BrowserSessionOptions): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), `nautilus-e2e-${options.name}-`));
  const host = await startHeadlessHost({ host: '127.0.0.1', port: 0, ...options.host, dataDir, rendererDir: requireBuiltRenderer() });
  const browser = await launchChromium();
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  await page.goto(host.server.launchUrl);
  return {
    host,
    browser,
    page,
    dataDir,
    async close() {
      await browser.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
