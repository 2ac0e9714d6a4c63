// Book valuation and its refusals, the incremental ScenarioBook, stress windows and shocks, exposures and liquidity.
import { describe, expect, it } from 'vitest';
import {
  alignCloses,
  applyShocks,
  bookExposures,
  describeRiskError,
  historicalVar,
  returnWindow,
  ScenarioBook,
  valueBook,
  worstHistoricalWindows,
  type BookRiskEstimator,
} from '../../../../src/core/risk';
import { EU_INSTRUMENTS, euBook, euFx, euStockCloses } from './euStocks';

const closes = euStockCloses();
const aligned = (() => {
  const a = alignCloses(closes);
  if (!a.ok) throw new Error('align');
  return a.value;
})();

describe('book valuation', () => {
  it('values each position in the base currency through the FX rates: quantity × price × multiplier × rate', () => {
    const book = valueBook([{ symbol: 'SMI', quantity: -6, price: 8000 }, { symbol: 'FTSE', quantity: 3, price: 6000 }], EU_INSTRUMENTS, euFx());
    if (!book.ok) throw new Error('value');
    expect(book.value.positions.map((p) => p.value)).toEqual([-6 * 8000 * 10 * 0.95, 3 * 6000 * 10 * 1.17]);
    expect(book.value.net).toBeCloseTo(-456000 + 210600, 9);
    expect(book.value.gross).toBeCloseTo(456000 + 210600, 9);
    expect(book.value.baseCurrency).toBe('EUR');
  });

  it('refuses, naming the row: a duplicate, an unknown symbol, a non-finite quantity, a missing FX rate', () => {
    const fx = euFx();
    const describe1 = (positions: Parameters<typeof valueBook>[0], instruments = EU_INSTRUMENTS) => {
      const r = valueBook(positions, instruments, fx);
      return r.ok ? 'ok' : describeRiskError(r.error);
    };
    expect(describe1([{ symbol: 'DAX', quantity: 1, price: 1, row: 2 }, { symbol: 'DAX', quantity: 2, price: 1, row: 5 }])).toBe('row 5: DAX: duplicate position (first given on row 2)');
    expect(describe1([{ symbol: 'XYZ', quantity: 1, price: 1, row: 3 }])).toBe('row 3: XYZ: unknown symbol (no stored daily closes)');
    expect(describe1([{ symbol: 'DAX', quantity: NaN, price: 1, row: 4 }])).toBe('row 4: DAX: quantity NaN is not a finite number');
    const usd = new Map([['SPY', { symbol: 'SPY', currency: 'USD', multiplier: 1, sector: 'ETF' }]]);
    expect(describe1([{ symbol: 'SPY', quantity: 1, price: 1, row: 2 }], usd)).toBe('row 2: SPY: no FX rate from USD to the base currency');
  });
});

describe('ScenarioBook', () => {
  const window = (() => {
    const w = returnWindow(aligned, 500, closes);
    if (!w.ok) throw new Error('window');
    return w.value;
  })();
  const last = (s: string): number => {
    const c = closes.find((x) => x.symbol === s)!.close;
    return c[c.length - 1]!;
  };

  it('the current book and a what-if trade give the historical VaR/ES of the book recomputed from scratch', () => {
    const scenario = new ScenarioBook(window, EU_INSTRUMENTS, euFx());
    const estimator: BookRiskEstimator = scenario;
    const positions = euBook(closes);
    for (const p of positions) scenario.setPosition(p.symbol, p.quantity, p.price);
    const book = valueBook(positions, EU_INSTRUMENTS, euFx());
    if (!book.ok) throw new Error('value');
    for (const c of [0.95, 0.99]) {
      const [full] = historicalVar(book.value.values, window, [c]);
      const now = estimator.measureAfter(undefined, c)!;
      expect(now.var).toBeCloseTo(full!.var, 6);
      expect(now.es).toBeCloseTo(full!.es, 6);
      const after = estimator.measureAfter({ symbol: 'SMI', quantity: 10, price: last('SMI') }, c)!;
      const changed = valueBook(positions.map((p) => (p.symbol === 'SMI' ? { ...p, quantity: p.quantity + 10 } : p)), EU_INSTRUMENTS, euFx());
      if (!changed.ok) throw new Error('value');
      const [expected] = historicalVar(changed.value.values, window, [c]);
      expect(after.var).toBeCloseTo(expected!.var, 6);
      expect(after.es).toBeCloseTo(expected!.es, 6);
      expect(after.var).not.toBeCloseTo(now.var, 0);
    }
    // the what-if did not change the book
    expect(estimator.measureAfter(undefined, 0.99)!.var).toBeCloseTo(historicalVar(book.value.values, window, [0.99])[0]!.var, 6);
  });

  it('is undefined when the traded or a held symbol lacks history, and follows position changes incrementally', () => {
    const instruments = new Map([...EU_INSTRUMENTS, ['NEW', { symbol: 'NEW', currency: 'EUR', multiplier: 1, sector: 'X' }]]);
    const scenario = new ScenarioBook(window, instruments, euFx());
    scenario.setPosition('DAX', 4, last('DAX'));
    expect(scenario.measureAfter({ symbol: 'NEW', quantity: 1, price: 10 }, 0.95)).toBeUndefined();
    const dax = scenario.measureAfter(undefined, 0.95)!;
    scenario.setPosition('NEW', 5, 10);
    expect(scenario.measureAfter(undefined, 0.95)).toBeUndefined();
    scenario.setPosition('NEW', 0, 10);
    scenario.setPosition('DAX', 8, last('DAX'));
    expect(scenario.measureAfter(undefined, 0.95)!.var).toBeCloseTo(2 * dax.var, 6);
    scenario.setPosition('DAX', 0, last('DAX'));
    expect(scenario.measureAfter(undefined, 0.95)!.var).toBeCloseTo(0, 9);
  });
});

describe('stress', () => {
  it('the worst non-overlapping 5-day windows of the book as it is now, worst first, recomputed by hand', () => {
    const book = valueBook(euBook(closes), EU_INSTRUMENTS, euFx());
    if (!book.ok) throw new Error('value');
    const worst = worstHistoricalWindows(book.value, aligned, 5, 3);
    expect(worst).toHaveLength(3);
    const pnlAt = (t: number): number => book.value.values.reduce((s, v, i) => s + v * (aligned.closes[i * aligned.days + t + 5]! / aligned.closes[i * aligned.days + t]! - 1), 0);
    let bruteWorst = Infinity;
    for (let t = 0; t + 5 < aligned.days; t++) bruteWorst = Math.min(bruteWorst, pnlAt(t));
    expect(worst[0]!.pnl).toBeCloseTo(bruteWorst, 6);
    expect(worst[0]!.pnl).toBeLessThanOrEqual(worst[1]!.pnl);
    expect(worst[1]!.pnl).toBeLessThanOrEqual(worst[2]!.pnl);
    const starts = worst.map((w) => aligned.times.indexOf(w.start));
    for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) expect(Math.abs(starts[a]! - starts[b]!)).toBeGreaterThanOrEqual(5);
    expect(worst[0]!.end - worst[0]!.start).toBe(5 * 86_400_000);
  });

  it('shocks: the symbol shock overrides the sector shock and a currency shock compounds with it', () => {
    const book = valueBook([{ symbol: 'DAX', quantity: 1, price: 1000 }, { symbol: 'FTSE', quantity: 1, price: 1000 }, { symbol: 'SMI', quantity: -1, price: 1000 }], EU_INSTRUMENTS, euFx());
    if (!book.ok) throw new Error('value');
    const r = applyShocks(book.value, 'crash', [
      { kind: 'sector', key: 'Index', move: -0.1 },
      { kind: 'symbol', key: 'DAX', move: -0.2 },
      { kind: 'currency', key: 'GBP', move: -0.05 },
      { kind: 'currency', key: 'EUR', move: 0.5 },
    ]);
    expect(r.positions.map((p) => p.move)).toEqual([-0.2, expect.closeTo(0.9 * 0.95 - 1, 15), -0.1]);
    expect(r.pnl).toBeCloseTo(25000 * -0.2 + 11700 * (0.9 * 0.95 - 1) + -9500 * -0.1, 6);
  });
});

describe('exposures', () => {
  it('buckets by symbol, sector, industry and currency; beta against a benchmark; days to liquidate', () => {
    const book = valueBook([{ symbol: 'DAX', quantity: 2, price: 1000 }, { symbol: 'CAC', quantity: -3, price: 1000 }, { symbol: 'FTSE', quantity: 1, price: 1000 }], EU_INSTRUMENTS, euFx());
    const w = returnWindow(aligned, 250);
    if (!book.ok || !w.ok) throw new Error('fixture');
    const volumes = new Map([['DAX', Float64Array.from({ length: 30 }, (_, i) => (i < 10 ? 1e9 : 10))], ['CAC', Float64Array.of(30, 30)]]);
    const e = bookExposures(book.value, { beta: { benchmark: 'DAX', window: w.value }, volumes, participation: 0.1 });
    expect(e.total).toEqual({ key: 'TOTAL', net: 50000 - 30000 + 11700, gross: 50000 + 30000 + 11700, long: 61700, short: -30000, positions: 3 });
    expect(e.byCurrency.map((b) => [b.key, b.net, b.gross])).toEqual([['EUR', 20000, 80000], ['GBP', 11700, 11700]]);
    expect(e.bySector).toHaveLength(1);
    expect(e.byIndustry.map((b) => b.key)).toEqual(['Germany', 'France', 'United Kingdom']);
    expect(e.beta!.positions[0]!.beta).toBeCloseTo(1, 12);
    expect(e.beta!.dollarBeta).toBeCloseTo(e.beta!.positions.reduce((s, p) => s + p.dollarBeta, 0), 9);
    expect(e.liquidity.positions.map((p) => p.daysToLiquidate)).toEqual([2 / (0.1 * 10), 3 / (0.1 * 30), null]);
    expect(e.liquidity.maxDays).toBeNull();
  });
});
