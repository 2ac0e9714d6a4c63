// An e2e session: the browser-served workstation on a fresh data directory, and Chromium with its page open on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHeadlessHost, type HeadlessHost, type HeadlessHostOptions } from '../../src/main/headless/headlessHost';
import { SESSION_STORAGE_KEY } from '../../src/renderer/api/browserSession';
import { API_SUBPROTOCOL, SESSION_SUBPROTOCOL_PREFIX } from '../../src/shared/contracts/wire';
import { requireBuiltRenderer } from './builtApp';
import { launchChromium } from './chromium';

export interface BrowserSession {
  readonly host: HeadlessHost;
  readonly browser: Browser;
  readonly page: Page;
  readonly dataDir: string;
  /** Stops the backend and starts a new one on the same port (on `dataDir`, or another directory), the page left open. */
  restartHost(dataDir?: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserSessionOptions {
  /** Names the temp data directory, so a leftover one says which test made it. */
  readonly name: string;
  readonly host?: Partial<Omit<HeadlessHostOptions, 'dataDir' | 'rendererDir'>>;
  readonly viewport?: { width: number; height: number };
}

/**
 * The subprotocols a socket of the test's own must offer: the page's session credential, from its sessionStorage
 * (the launch URL's token is single-use, and the page has spent it).
 */
export async function sessionProtocols(page: Page): Promise<string[]> {
  const credential = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY);
  if (!credential) throw new Error('the page holds no session credential: did it open the launch URL?');
  return [API_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${credential}`];
}

export async function openBrowserSession(options: BrowserSessionOptions): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), `nautilus-e2e-${options.name}-`));
  // One instance per engine: these tests drive panels, not pools (pools are covered by the integration tests), and ten
  // worker threads starting beside Chromium on two cores only slow every session down.
  const start = (port: number, dir: string) => startHeadlessHost({ host: '127.0.0.1', poolSize: 1, ...options.host, port, dataDir: dir, rendererDir: requireBuiltRenderer() });
  let host = await start(options.host?.port ?? 0, dataDir);
  const browser = await launchChromium();
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  await page.goto(host.server.launchUrl);
  return {
    get host() {
      return host;
    },
    browser,
    page,
    dataDir,
    async restartHost(dir = dataDir) {
      const port = host.server.port;
      await host.stop();
      host = await start(port, dir);
    },
    async close() {
      await browser.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
