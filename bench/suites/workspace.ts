// Workspace benchmark: 10,000 quote updates per second into Chromium for 10 s; frame rate and ticket input latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { percentile, type BenchFigure, type BenchSuite } from '../harness';
import type { Quote } from '../../src/core/model/marketData';
import { startHeadlessHost } from '../../src/main/headless/headlessHost';
import { launchChromium } from '../../tests/support/chromium';
import { requireBuiltRenderer } from '../../tests/support/builtApp';

const SUITE = 'workspace';
const RATE = 10_000; // quote updates per second
const TICK_MS = 10;

// In-page code is passed as source text: the bench runs under tsx, whose name-keeping helpers do not exist in the page.

/** Counts animation frames in the page for `ms`; the page's own clock, so host load does not skew it. */
function countFrames(page: Page, ms: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const step = (now) => {
      frames += 1;
      if (now - start < ${ms}) requestAnimationFrame(step);
      else resolve((frames * 1000) / (now - start));
    };
    requestAnimationFrame(step);
  })`);
}

/** keydown → the ticket's preview showing the new price, painted (the frame after the DOM changed). */
async function ticketLatency(page: Page, samples: number): Promise<number[]> {
  await page.evaluate(`window.addEventListener('keydown', (e) => (window.lastKeydown = e.timeStamp), true)`);
  const input = page.getByTestId('ticket-input');
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const digit = String(1 + (i % 9));
    await input.fill('buy 100 NVTX lmt 1');
    await page.waitForFunction(`document.querySelector('[data-testid="ticket-preview"]')?.textContent?.includes('limit 1.00')`);
    const measured = page.evaluate(`new Promise((resolve) => {
      const expected = 'limit 1${digit}.00';
      const check = () => {
        if (!document.querySelector('[data-testid="ticket-preview"]')?.textContent?.includes(expected)) return false;
        requestAnimationFrame(() => resolve(performance.now() - window.lastKeydown));
        return true;
      };
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(document.querySelector('.ticket'), { subtree: true, childList: true, characterData: true });
    })`) as Promise<number>;
    await input.press(digit);
    out.push(await measured);
  }
  return out.sort((a, b) => a - b);
}

export const workspaceSuite: BenchSuite = {
  name: SUITE,
  summary: '10,000 quotes/s into the browser workspace: frames per second (vs idle) and ticket keydown→preview latency',
  async run({ quick, progress }) {
    const seconds = quick ? 2 : 10;
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-bench-ws-'));
    const host = await startHeadlessHost({ dataDir, host: '127.0.0.1', port: 0, rendererDir: requireBuiltRenderer(), syntheticHistory: { seed: 1, years: 1, minuteDays: 2 } });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(host.server.launchUrl);
      await page.waitForFunction(`document.querySelectorAll('.watchlist-table tbody tr').length > 3`, undefined, { timeout: 30_000 });
      const symbols = host.workstation.live.quotes().map((q) => q.symbol);
      // The whole universe on the watchlist, so every quote has a row to draw.
      await page.evaluate(`localStorage.setItem('nautilus.selection', ${JSON.stringify(JSON.stringify({ watchlist: symbols, symbol: symbols[0], timeframe: '1m' }))})`);
      await page.reload();
      await page.waitForFunction(`document.querySelectorAll('.watchlist-table tbody tr').length === ${symbols.length}`, undefined, { timeout: 30_000 });

      progress('idle frame rate…');
      const idleFps = await countFrames(page, 2_000);

      progress(`publishing ${RATE} quotes/s for ${seconds} s…`);
      const base = new Map(host.workstation.live.quotes().map((q) => [q.symbol, q]));
      let published = 0;
      let n = 0;
      const perTick = (RATE * TICK_MS) / 1000;
      const started = performance.now();
      const timer = setInterval(() => {
        // Catch up to the target rate whatever the timer's jitter.
        const due = Math.floor(((performance.now() - started) / 1000) * RATE) - published;
        for (let i = 0; i < Math.max(perTick, due); i++, n++) {
          const b = base.get(symbols[n % symbols.length]!)!;
          const drift = 1 + 0.001 * Math.sin(n / 97);
          const quote: Quote = { ...b, time: Date.now(), last: b.last * drift, bid: b.bid * drift, ask: b.ask * drift, volume: b.volume + n };
          host.workstation.bus.publish(`market.quotes.${quote.symbol}`, quote);
          published += 1;
        }
      }, TICK_MS);
      await page.keyboard.press('Alt+3');
      const [loadFps, latencies] = await Promise.all([countFrames(page, seconds * 1000), ticketLatency(page, quick ? 10 : 60)]);
      const elapsed = (performance.now() - started) / 1000;
      clearInterval(timer);
      const achievedRate = published / elapsed;

      return [
        { suite: SUITE, name: 'quote updates published', value: Math.round(achievedRate), unit: 'quotes/s' },
        { suite: SUITE, name: 'frame rate under quote load', value: Number(loadFps.toFixed(1)), unit: 'fps', peer: 'idle page, same run', peerValue: Number(idleFps.toFixed(1)), ratio: Number((loadFps / idleFps).toFixed(3)) },
        { suite: SUITE, name: 'ticket keydown → rendered preview', value: Number(percentile(latencies, 50).toFixed(1)), unit: 'ms', p50: Number(percentile(latencies, 50).toFixed(1)), p99: Number(percentile(latencies, 99).toFixed(1)) },
      ] satisfies BenchFigure[];
    } finally {
      await browser.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
