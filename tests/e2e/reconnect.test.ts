/// <reference lib="dom" />
// After a backend restart the open page reconnects by itself when the data directory is the same (its session
// credential persists there), and says exactly what to do when it is not (a new data directory knows no session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REOPEN_LAUNCH_URL } from '../../src/shared/contracts/wire';
import { openBrowserSession, type BrowserSession } from '../support/browserSession';

describe('the page across a backend restart', () => {
  let session: BrowserSession;
  const otherDirs: string[] = [];

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'reconnect', host: { syntheticHistory: false, engines: [] } });
  });
  afterAll(async () => {
    await session?.close();
    for (const dir of otherDirs) rmSync(dir, { recursive: true, force: true });
  });

  const badge = () => session.page.getByTestId('connection');
  /** Every text the connection badge shows from now on. */
  const recordBadge = () =>
    session.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
      const el = document.querySelector('[data-testid="connection"]')!;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, subtree: true, characterData: true });
    });
  const badgeTexts = () => session.page.evaluate(() => (window as unknown as { badgeTexts: string[] }).badgeTexts);

  it('reconnects by itself after a restart on the same data directory', async () => {
    await expect.poll(() => badge().textContent()).toBe('backend: connected');
    await recordBadge();
    await session.restartHost();
    await expect.poll(() => badge().textContent(), { timeout: 20_000 }).toBe('backend: connected');
    expect(await badgeTexts()).toContain('backend: disconnected');
  });

  it('reports unauthorized, with what to do, after a restart on another data directory', async () => {
    const other = mkdtempSync(join(tmpdir(), 'nautilus-e2e-reconnect-other-'));
    otherDirs.push(other);
    await session.restartHost(other);
    await expect.poll(() => badge().textContent(), { timeout: 20_000 }).toBe('backend: unauthorized');
    expect(await badge().getAttribute('title')).toBe(REOPEN_LAUNCH_URL);
  });
});
