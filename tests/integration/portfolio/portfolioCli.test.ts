// `nautilus portfolio` end to end over a real DuckDB store holding EuStockMarkets as daily bars: JSON output and exit-2 errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { cholesky, choleskySolve, returnsPanel, sampleCovariance } from '../../../src/core/portfolio';
import { MarketStore } from '../../../src/main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../../src/main/workstation';
import { euStockSeries } from '../../unit/core/portfolio/euStocks';

const DAY = 86_400_000;
let dataDir: string;

/** Business days from 1991-07-01, one per EuStockMarkets row. */
function businessDays(count: number): Float64Array {
  const out = new Float64Array(count);
  let t = Date.UTC(1991, 6, 1);
  for (let i = 0; i < count; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
    out[i] = t;
    t += DAY;
  }
  return out;
}

function capture() {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function cli(...args: string[]) {
  const io = capture();
  const code = await runCli(['portfolio', ...args, '--data-dir', dataDir], io);
  return { code, ...io };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nautilus-portfolio-'));
  const store = await MarketStore.open(join(dataDir, DUCKDB_FILE));
  const series = euStockSeries();
  const time = businessDays(series[0]!.close.length);
  const sectors: Record<string, string> = { DAX: 'Core', SMI: 'Alpine', CAC: 'Core', FTSE: 'UK' };
  await store.upsertInstruments(
    [...series.map((s) => s.symbol), 'DUP'].map((symbol) => ({ symbol, name: symbol, assetClass: 'INDEX' as const, currency: symbol === 'FTSE' ? 'GBP' : 'EUR', exchange: 'X', sector: sectors[symbol] ?? 'Alpine', tickSize: 0.01, lotSize: symbol === 'DAX' ? 5 : 1, multiplier: 1, utcOffsetMinutes: 0 })),
  );
  for (const s of [...series, { ...series[1]!, symbol: 'DUP' }]) {
    const close = s.close;
    const r = await store.writeBars(s.symbol, '1D', { time, open: close, high: close, low: close, close, volume: new Float64Array(close.length).fill(1e6) });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  // A short history: only the last 100 days.
  const c = series[0]!.close.slice(-100);
  await store.writeBars('SHORT', '1D', { time: time.slice(-100), open: c, high: c, low: c, close: c, volume: new Float64Array(100).fill(1) });
  store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('nautilus portfolio optimize --json', () => {
  it('min-variance long-short over 500 days is Σ⁻¹1/1ᵀΣ⁻¹1 of the stored closes, with risk that adds up', async () => {
    const r = await cli('optimize', '--method', 'min-variance', '--symbols', 'DAX,SMI,CAC,FTSE', '--window', '500', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { weights: Record<string, number>; expectedReturn: number; volatility: number; riskContributions: Record<string, number> };
    expect(Object.keys(out.weights)).toEqual(['DAX', 'SMI', 'CAC', 'FTSE']);
    const panel = returnsPanel(euStockSeries(), 500);
    if (!panel.ok) throw new Error('panel');
    const cov = sampleCovariance(panel.value).matrix;
    const chol = cholesky(cov);
    if (!chol.ok) throw new Error('chol');
    const x = choleskySolve(chol.factor, new Float64Array(4).fill(1));
    const total = x.reduce((a, b) => a + b, 0);
    ['DAX', 'SMI', 'CAC', 'FTSE'].forEach((s, i) => expect(out.weights[s]).toBeCloseTo(x[i]! / total, 9));
    expect(Object.values(out.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(out.volatility).toBeCloseTo(Math.sqrt((252 * 1) / total), 9);
    expect(Object.values(out.riskContributions).reduce((a, b) => a + b, 0)).toBeCloseTo(out.volatility, 12);
  });

  it('--long-only --max-weight 0.4 with Ledoit-Wolf keeps every weight in [0, 0.4]', async () => {
    const r = await cli('optimize', '--method', 'max-sharpe', '--symbols', 'DAX,SMI,CAC,FTSE', '--covariance', 'ledoit-wolf', '--long-only', '--max-weight', '0.4', '--json');
    expect(r.code, r.stderr).toBe(0);
    const w = Object.values((JSON.parse(r.stdout) as { weights: Record<string, number> }).weights);
    for (const v of w) {
      expect(v).toBeGreaterThanOrEqual(-1e-12);
      expect(v).toBeLessThanOrEqual(0.4 + 1e-9);
    }
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('every method answers, and a sector cap from the stored instruments binds', async () => {
    for (const method of ['mean-variance', 'risk-parity', 'hrp', 'black-litterman']) {
      const r = await cli('optimize', '--method', method, '--symbols', 'DAX,SMI,CAC,FTSE', '--long-only', '--json', ...(method === 'black-litterman' ? ['--view', 'DAX-CAC=0.03'] : []));
      expect(r.code, `${method}: ${r.stderr}`).toBe(0);
    }
    const capped = await cli('optimize', '--method', 'max-sharpe', '--symbols', 'DAX,SMI,CAC,FTSE', '--long-only', '--sector-cap', 'Alpine=0.25', '--json');
    expect(capped.code, capped.stderr).toBe(0);
    expect((JSON.parse(capped.stdout) as { weights: Record<string, number> }).weights.SMI).toBeCloseTo(0.25, 8);
  });
});

describe('nautilus portfolio rebalance --json', () => {
  it('prints lot-rounded orders that bring the book to the target', async () => {
    const r = await cli('rebalance', '--target-weights', 'DAX=0.4,SMI=0.3,CAC=0.3', '--symbols', 'DAX,SMI,CAC,FTSE', '--positions', 'FTSE=100,CAC=10', '--cash', '1000000', '--min-notional', '500', '--json');
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as { equity: number; orders: { symbol: string; side: string; quantity: number; price: number; cost: { total: number } }[] };
    const last = Object.fromEntries(euStockSeries().map((s) => [s.symbol, s.close[s.close.length - 1]!]));
    expect(p.equity).toBeCloseTo(1_000_000 + 100 * last.FTSE! + 10 * last.CAC!, 6);
    const bySymbol = Object.fromEntries(p.orders.map((o) => [o.symbol, o]));
    expect(bySymbol.FTSE).toMatchObject({ side: 'SELL', quantity: 100 });
    expect(bySymbol.DAX!.quantity % 5).toBe(0);
    expect(Math.abs(bySymbol.DAX!.quantity - (0.4 * p.equity) / last.DAX!)).toBeLessThanOrEqual(2.5);
    expect(Math.abs(10 + bySymbol.CAC!.quantity - (0.3 * p.equity) / last.CAC!)).toBeLessThanOrEqual(0.5);
    for (const o of p.orders) expect(o.cost.total).toBeGreaterThan(0);
    expect(p.orders[0]!.side).toBe('SELL');
  });
});

describe('nautilus portfolio rebalance with a turnover cap', () => {
  it('moves the book at most the cap from the weights the positions hold now', async () => {
    const last = Object.fromEntries(euStockSeries().map((s) => [s.symbol, s.close[s.close.length - 1]!]));
    // Positions worth about 25% each of 1,000,000.
    const positions = ['DAX', 'SMI', 'CAC', 'FTSE'].map((s) => `${s}=${Math.round(250_000 / last[s]! / (s === 'DAX' ? 5 : 1)) * (s === 'DAX' ? 5 : 1)}`).join(',');
    const free = await cli('rebalance', '--method', 'min-variance', '--long-only', '--symbols', 'DAX,SMI,CAC,FTSE', '--positions', positions, '--cash', '0', '--json');
    const capped = await cli('rebalance', '--method', 'min-variance', '--long-only', '--max-turnover', '0.1', '--symbols', 'DAX,SMI,CAC,FTSE', '--positions', positions, '--cash', '0', '--json');
    expect(free.code, free.stderr).toBe(0);
    expect(capped.code, capped.stderr).toBe(0);
    type Plan = { equity: number; target: { weights: Record<string, number> }; orders: { notional: number }[] };
    const traded = (p: Plan) => p.orders.reduce((a, o) => a + o.notional, 0) / p.equity;
    const f = JSON.parse(free.stdout) as Plan;
    const c = JSON.parse(capped.stdout) as Plan;
    expect(traded(f)).toBeGreaterThan(0.1);
    // The target moves at most 0.1 from today's weights; rounding to lots adds at most half a lot per symbol.
    const halfLots = ['DAX', 'SMI', 'CAC', 'FTSE'].reduce((a, s) => a + ((s === 'DAX' ? 5 : 1) * last[s]!) / 2, 0) / c.equity;
    expect(traded(c)).toBeLessThanOrEqual(0.1 + halfLots + 1e-9);
    expect(traded(f)).toBeGreaterThan(0.1 + halfLots);
    expect(traded(c)).toBeGreaterThan(0.09);
  });
});

describe('bad input exits 2 naming the cause, with nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown method', ['optimize', '--method', 'magic', '--symbols', 'DAX,SMI'], /options\.method/],
    ['too little history', ['optimize', '--method', 'min-variance', '--symbols', 'DAX,SHORT'], /INSUFFICIENT_HISTORY: SHORT has 100 daily closes; a 500-day window needs 501/],
    ['no bars at all', ['optimize', '--method', 'hrp', '--symbols', 'DAX,NOPE', '--long-only'], /INSUFFICIENT_HISTORY: NOPE has no daily bars/],
    ['singular covariance', ['optimize', '--method', 'min-variance', '--symbols', 'DAX,SMI,DUP'], /SINGULAR_COVARIANCE: .*at DUP/],
    ['infeasible cap', ['optimize', '--method', 'min-variance', '--symbols', 'DAX,SMI,CAC,FTSE', '--long-only', '--max-weight', '0.2'], /INFEASIBLE_CONSTRAINTS: the upper bounds sum to 0.800000 < 1/],
    ['non-numeric window', ['optimize', '--method', 'hrp', '--symbols', 'DAX,SMI', '--window', 'ten'], /options\.window/],
    ['unknown flag', ['optimize', '--method', 'hrp', '--symbols', 'DAX', '--colour'], /Unknown option '--colour'/],
    ['position outside the universe', ['rebalance', '--method', 'min-variance', '--symbols', 'DAX,SMI', '--positions', 'CAC=3', '--cash', '1000'], /positions\.CAC/],
    ['rebalance without cash', ['rebalance', '--method', 'min-variance', '--symbols', 'DAX,SMI'], /options\.cash/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await cli(...args, '--json');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }
});
