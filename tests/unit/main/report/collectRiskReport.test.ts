// Collecting the risk report: unwired, failing and malformed sources become "not available: <why>", never figures;
// wired sources reach their tables; the performance backcast is checked by hand; a missing browser is named.
import { describe, expect, it } from 'vitest';
import { backcastPerformance } from '../../../../src/core/report/riskReportBackcast';
import { collectRiskReport, type BookView, type CollectDeps, type RiskReportSources } from '../../../../src/main/report/collectRiskReport';
import { findChromium } from '../../../../src/main/report/chromiumPdf';
import { fullInput, GENERATED_AT, POSITIONS, TCA_PARENTS } from '../../core/report/riskReportFixture';
import { tcaSummary } from '../../../../src/core/execution/tca';

const input = fullInput();
const book: BookView = {
  account: 'SIM-PAPER',
  baseCurrency: 'USD',
  venues: () => ['SIM'],
  positions: () => [...POSITIONS],
  pnl: () => input.pnl,
  fxToBase: (c) => input.fxToBase[c],
  utilization: () => (input.limits.available ? [...input.limits.value] : []),
  equity: () => 1_002_345.67,
};

const closes = (last: number) => {
  const times = Array.from({ length: 30 }, (_, i) => Date.UTC(2026, 9, 1) + i * 86_400_000);
  return { times, closes: times.map((_, i) => last * (1 + 0.001 * i)) };
};

function deps(sources: RiskReportSources): CollectDeps {
  return { book, sources, dataDir: '/data', now: () => GENERATED_AT, dailyCloses: async (s) => closes(POSITIONS.find((p) => p.symbol === s)!.markPrice!) };
}

const table = (report: Awaited<ReturnType<typeof collectRiskReport>>, id: string) => report.tables.find((t) => t.id === id)!;

describe('collectRiskReport', () => {
  it('an unwired section is present and says why, with no rows', async () => {
    const report = await collectRiskReport(deps({}));
    expect(table(report, 'var').unavailable).toBe('not available: no VaR source is connected to this workstation (the portfolio risk engine is not running)');
    expect(table(report, 'breaches').unavailable).toMatch(/^not available: no breach history is connected/);
    for (const id of ['var', 'component_var', 'stress', 'exposures', 'liquidity', 'beta', 'breaches']) expect(table(report, id).rows, id).toEqual([]);
    expect(table(report, 'contents').rows.find((r) => r[0] === 'stress')![2]).toMatch(/^not available/);
  });

  it('a source that fails, or answers a non-finite figure, is refused with the reason and the path of the bad field', async () => {
    const v = input.valueAtRisk.available ? input.valueAtRisk.value : undefined!;
    const report = await collectRiskReport(
      deps({
        valueAtRisk: async () => ({ ...v, figures: [{ ...v.figures[0]!, valueAtRisk: Number.NaN }] }),
        stress: async () => {
          throw new Error('risk engine restarting');
        },
      }),
    );
    expect(table(report, 'var').unavailable).toMatch(/^not available: the valueAtRisk source's answer was refused: figures\.0\.valueAtRisk: /);
    expect(table(report, 'stress').unavailable).toBe('not available: the stress source failed: risk engine restarting');
  });

  it('wired sources reach their tables; breaches are asked from the start of the UTC day', async () => {
    let since = -1;
    const report = await collectRiskReport(
      deps({
        valueAtRisk: async () => (input.valueAtRisk.available ? input.valueAtRisk.value : undefined!),
        breaches: async (from) => {
          since = from;
          return input.breaches.available ? input.breaches.value : [];
        },
      }),
    );
    expect(since).toBe(Date.UTC(2026, 11, 1));
    expect(table(report, 'var').rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['Historical', 0.95, 2_345.68],
      ['Historical', 0.99, 3_901.1],
      ['Parametric (normal)', 0.95, 2_290.02],
      ['Parametric (normal)', 0.99, 3_238.85],
      ['Monte Carlo', 0.95, 2_301.47],
      ['Monte Carlo', 0.99, 3_250.12],
    ]);
    expect(table(report, 'component_var').rows[0]).toEqual(['AAPL', 'Historical', 0.99, 3_100.1, 0.01349, 0.7946733]);
    expect(table(report, 'breaches').rows.map((r) => r[1])).toEqual(['var-99', 'drawdown']);
  });

  it("the TCA source is asked for the report's UTC day, and its orders and roll-ups reach three tables", async () => {
    let window: [number, number] = [0, 0];
    const report = await collectRiskReport(
      deps({
        tca: async (from, to) => {
          window = [from, to];
          return tcaSummary(TCA_PARENTS, from, to);
        },
      }),
    );
    expect(window).toEqual([Date.UTC(2026, 11, 1), GENERATED_AT + 1]);
    const orders = table(report, 'tca_orders');
    expect(orders.rows.map((r) => [r[0], r[3], r[6]])).toEqual([
      ['P-1', 'SMART', 500],
      ['P-2', 'TWAP', 150],
    ]);
    // P-1 by hand: bought 300 at 191.23 and 200 at 191.26 against an arrival mid of 191.2, fees 0.9 − 0.4:
    // shortfall = 300 × 0.03 + 200 × 0.06 + 0.5 = 21.50 USD on an arrival value of 95,600 → 2.2489539749 bp.
    const col = (key: string) => orders.columns.findIndex((c) => c.key === key);
    expect(orders.rows[0]![col('shortfall')]).toBe(21.5);
    expect(orders.rows[0]![col('shortfallBps')]).toBeCloseTo(2.248954, 6);
    expect(orders.rows[0]![col('averageFill')]).toBeCloseTo(191.242, 9);
    expect(table(report, 'tca_venues').rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['SIM-A', 'EUR', 75],
      ['SIM-A', 'USD', 300],
      ['SIM-B', 'USD', 200],
      ['SIM-C', 'EUR', 75],
    ]);
    expect(table(report, 'tca_algorithms').rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['SMART', 'USD', 1, 500],
      ['TWAP', 'EUR', 1, 150],
    ]);
    const unwired = await collectRiskReport(deps({}));
    expect(table(unwired, 'tca_orders').unavailable).toBe('not available: no execution desk is connected to this workstation');
  });

  it('reports progress step by step up to the total', async () => {
    const seen: number[] = [];
    await collectRiskReport(deps({}), (done, total) => {
      expect(total).toBe(8);
      seen.push(done);
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('backcastPerformance', () => {
  it('walks today’s equity back by the book’s daily P&L on the common days', () => {
    const day = (d: number) => Date.UTC(2026, 0, d);
    const r = backcastPerformance(
      [
        { symbol: 'A', quantity: 10, fxToBase: 1, times: [day(1), day(2), day(3), day(4)], closes: [100, 101, 99, 102] },
        // No close on day 2: that day is left out for every holding.
        { symbol: 'B', quantity: -5, fxToBase: 2, times: [day(1), day(3), day(4)], closes: [50, 52, 51] },
      ],
      10_000,
      252,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(Array.from(r.value.equityTimes)).toEqual([day(1), day(3), day(4)]);
    // day 4: A +3×10 = 30, B −1×−5×2 = +10 → 40; day 3: A −1×10 = −10, B +2×−5×2 = −20 → −30.
    expect(Array.from(r.value.equityValues)).toEqual([10_000 - 40 + 30, 10_000 - 40, 10_000]);
    expect(r.value.metrics.totalReturn).toBeCloseTo(10_000 / 9_990 - 1, 12);
  });

  it('refuses a flat book and too little common history', () => {
    expect(backcastPerformance([], 1, 252)).toEqual({ ok: false, error: { code: 'NO_POSITIONS' } });
    expect(backcastPerformance([{ symbol: 'A', quantity: 1, fxToBase: 1, times: [0, 86_400_000], closes: [1, 2] }], 100, 252)).toEqual({ ok: false, error: { code: 'TOO_FEW_COMMON_DAYS', days: 2, needed: 3 } });
  });
});

describe('findChromium', () => {
  it('with no browser anywhere, names every place it looked and how to fix it', () => {
    const found = findChromium({ env: {}, candidates: ['/nowhere/chromium', '/nowhere/google-chrome'] });
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.error.code).toBe('PDF_BROWSER_MISSING');
    expect(found.error.tried).toEqual(['/nowhere/chromium', '/nowhere/google-chrome']);
    expect(found.error.message).toMatch(/none was found \(tried \/nowhere\/chromium, \/nowhere\/google-chrome\)/);
    expect(found.error.message).toMatch(/apt install chromium\) or point CHROMIUM_PATH .* Nautilus never downloads a browser/);
  });

  it('a path the trader gave must exist: a wrong one is named, never replaced by another browser', () => {
    const explicit = findChromium({ explicitPath: '/nowhere/chrome', env: { CHROMIUM_PATH: process.execPath }, candidates: [process.execPath] });
    expect(explicit).toMatchObject({ ok: false, error: { code: 'PDF_BROWSER_MISSING', tried: ['the configured Chromium path (/nowhere/chrome)'] } });
    const fromEnv = findChromium({ env: { CHROMIUM_PATH: '/nowhere/x' }, candidates: [process.execPath] });
    expect(fromEnv).toMatchObject({ ok: false, error: { code: 'PDF_BROWSER_MISSING', message: expect.stringMatching(/CHROMIUM_PATH \/nowhere\/x does not exist/) } });
  });

  it('takes the given path, then CHROMIUM_PATH, then the first system path that exists', () => {
    expect(findChromium({ explicitPath: process.execPath, env: {}, candidates: [] })).toEqual({ ok: true, value: process.execPath });
    expect(findChromium({ env: { CHROMIUM_PATH: process.execPath }, candidates: ['/nowhere/chromium'] })).toEqual({ ok: true, value: process.execPath });
    expect(findChromium({ env: {}, candidates: ['/nowhere/chromium', process.execPath] })).toEqual({ ok: true, value: process.execPath });
  });
});
