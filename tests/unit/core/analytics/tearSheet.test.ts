// The tear sheet: self-contained HTML with every section, hostile text escaped, and rendered in real Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { computePerformance } from '../../../../src/core/analytics';
import type { PerformanceReport } from '../../../../src/core/analytics';
import { renderTearSheet } from '../../../../src/core/report/tearSheet';
import { launchChromium } from '../../../support/chromium';
import { fixtureLevels } from './fixtureSeries';

const HOSTILE = `Tech <script>alert("x")</script> & "sons" <img src=x onerror=alert(1)>`;
const SECTIONS = ['equity', 'drawdown', 'metrics', 'conventions', 'monthly', 'rolling-sharpe', 'rolling-beta', 'distribution', 'worst-drawdowns'];

function must(r: ReturnType<typeof computePerformance>): PerformanceReport {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function sheet(name = 'SPI Technology'): string {
  const equity = fixtureLevels('spi_tech_equity.csv', 'equity');
  const bench = fixtureLevels('spi_benchmark.csv', 'close');
  const report = must(computePerformance({ equity, benchmark: bench }));
  const aligned = report.benchmark!.aligned;
  const benchmarkReport = must(computePerformance({ equity: { times: aligned.times, values: aligned.benchmark } }));
  return renderTearSheet({ strategyName: name, benchmarkName: 'SPI', report, benchmarkReport, generatedAt: Date.UTC(2026, 11, 1, 12, 0) });
}

describe('tear sheet HTML', () => {
  it('loads nothing from anywhere: no URLs in src or href, no script element, a CSP that forbids loading', () => {
    const html = sheet();
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:|\/\/)/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('has every section, the conventions beside the metrics and the risk-free rate it used', () => {
    const html = sheet();
    for (const id of SECTIONS) expect(html, id).toContain(`<section id="${id}">`);
    expect(html).toContain('252');
    expect(html).toContain('ddof = 1');
    expect(html).toContain('Risk-free rate used: <b>0.00%</b>');
    expect(html).toContain('not recovered');
  });

  it('escapes a hostile strategy name everywhere it appears', () => {
    const html = sheet(HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Tech &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;sons&quot; &lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders a one-point series without charts instead of failing', () => {
    const report = must(computePerformance({ equity: { times: [Date.UTC(2024, 0, 2)], values: [100] } }));
    const html = renderTearSheet({ strategyName: 'Flat', report, generatedAt: 0 });
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('Not enough data for this chart');
    const figures = html.replace(/<section id="conventions">[\s\S]*?<\/section>/, '');
    expect(figures).not.toContain('NaN');
    expect(figures).not.toContain('Infinity');
  });
});

describe('tear sheet in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart, makes no request, runs no script, and shows the hostile name as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(sheet(HOSTILE), { waitUntil: 'load' });
    expect(await page.locator('h1').textContent()).toBe(`${HOSTILE} — performance tear sheet`);
    expect(await page.locator('svg.chart').count()).toBe(6);
    for (const id of SECTIONS) expect(await page.locator(`section#${id}`).isVisible(), id).toBe(true);
    const pathCount = await page.locator('#equity svg path').count();
    expect(pathCount).toBeGreaterThanOrEqual(2);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    expect(dialogs).toEqual([]);
    const dir = join(process.cwd(), 'test-results');
    mkdirSync(dir, { recursive: true });
    await page.setContent(sheet(), { waitUntil: 'load' });
    await page.screenshot({ path: join(dir, 'tearsheet.png'), fullPage: true });
    await page.close();
  });
});

describe('report number formats', () => {
  it('percent and numbers: typographic minus, thousands separators, no "−0.00", a dash for NaN', async () => {
    const { formatNumber, formatPercent, formatDate, escapeHtml } = await import('../../../../src/core/report/html');
    expect(formatPercent(151.3545)).toBe('15,135.45%');
    expect(formatPercent(-0.6404)).toBe('\u221264.04%');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatPercent(Infinity)).toBe('—');
    expect(formatDate(null)).toBe('—');
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });
});
