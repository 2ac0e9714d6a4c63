/// <reference lib="dom" />
// The README's first command on a machine with no display and no Electron runtime: `npm start` says why in one
// line, prints a URL with a one-time token, and that URL shows the shell with every engine up in Chromium.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { ROOT, requireBuiltRenderer } from '../support/builtApp';

describe('npm start without a display', () => {
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-start-'));
  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r) ?? r(undefined));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the workstation to the browser and prints the URL', async () => {
    requireBuiltRenderer();
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    // scripts/start.mjs is what `npm start` runs after its build step (the build already ran for this test suite).
    child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--data-dir', dataDir], { env, cwd: ROOT });
    let stdout = '';
    child.stdout!.on('data', (c) => (stdout += c));
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Electron cannot start here: .+; serving the workstation to your browser instead\.$/);
    const url = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(stdout)![0];

    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId('engine-features').getAttribute('data-state'), { timeout: 20_000 }).toBe('up');
    await expect.poll(() => page.getByRole('heading', { name: 'Order Ticket' }).count()).toBe(1);
  });
});
