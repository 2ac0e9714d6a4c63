// Rebalance: orders bring the book to target within lot rounding (property), costs add up, skipped trades and bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateCost, planRebalance, type RebalanceInstrument, type RebalanceRequest } from '../../../../src/core/portfolio';

const costModel = { commissionPerShare: 0.005, minimumCommission: 1, impactCoefficient: 0.5 };
const diagonal = (vols: readonly number[]) => {
  const n = vols.length;
  const values = new Float64Array(n * n);
  vols.forEach((v, i) => (values[i * n + i] = v * v));
  return { n, values };
};

const instrumentArb = fc.record({
  price: fc.double({ min: 1, max: 2000, noNaN: true }),
  lotSize: fc.constantFrom(1, 10, 100),
  spread: fc.double({ min: 0, max: 0.5, noNaN: true }),
  averageDailyVolume: fc.double({ min: 1e4, max: 1e8, noNaN: true }),
  dailyVolatility: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
});

const bookArb = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    instruments: fc.array(instrumentArb, { minLength: n, maxLength: n }),
    rawWeights: fc.array(fc.double({ min: -0.5, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    positions: fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: n, maxLength: n }),
    cash: fc.double({ min: 1e5, max: 1e7, noNaN: true }),
    minOrderNotional: fc.double({ min: 0, max: 5000, noNaN: true }),
  }),
);

describe('planRebalance', () => {
  it('property: every symbol ends within half a lot of target, or off by a skipped trade below the minimum', () => {
    fc.assert(
      fc.property(bookArb, (b) => {
        const n = b.instruments.length;
        const symbols = b.instruments.map((_, i) => `S${i}`);
        const instruments: RebalanceInstrument[] = b.instruments.map((x, i) => ({ ...x, symbol: symbols[i]! }));
        const positions = Object.fromEntries(symbols.map((s, i) => [s, b.positions[i]! * b.instruments[i]!.lotSize]));
        const sum = b.rawWeights.reduce((a, v) => a + v, 0);
        const targetWeights = Float64Array.from(b.rawWeights, (v) => (Math.abs(sum) > 0.1 ? v / sum : 1 / n));
        const req: RebalanceRequest = { symbols, targetWeights, instruments, positions, cash: b.cash, minOrderNotional: b.minOrderNotional, costModel, covariance: diagonal(b.instruments.map((x) => x.dailyVolatility)) };
        const plan = planRebalance(req);
        if (!plan.ok) {
          expect(plan.error).toMatchObject({ code: 'INVALID_INPUT', path: 'equity' }); // equity ≤ 0 from deep shorts
          return true;
        }
        const held = new Map(symbols.map((s) => [s, positions[s]!]));
        for (const o of plan.value.orders) {
          expect(o.quantity).toBeGreaterThan(0);
          expect(o.quantity % instruments.find((x) => x.symbol === o.symbol)!.lotSize).toBe(0);
          expect(o.notional).toBeGreaterThanOrEqual(b.minOrderNotional);
          held.set(o.symbol, held.get(o.symbol)! + (o.side === 'BUY' ? o.quantity : -o.quantity));
        }
        const skipped = new Map(plan.value.skipped.map((s) => [s.symbol, s]));
        for (let i = 0; i < n; i++) {
          const ins = instruments[i]!;
          const exact = (targetWeights[i]! * plan.value.equity) / ins.price;
          const gap = Math.abs(held.get(symbols[i]!)! - exact);
          const skip = skipped.get(symbols[i]!);
          const slack = ins.lotSize / 2 + (skip ? Math.abs(skip.quantity) : 0);
          expect(gap).toBeLessThanOrEqual(slack * (1 + 1e-9) + 1e-9);
          if (skip?.reason === 'BELOW_MIN_NOTIONAL') expect(skip.notional).toBeLessThan(b.minOrderNotional);
        }
        // Sells are listed before buys.
        const sides = plan.value.orders.map((o) => o.side);
        expect(sides.indexOf('BUY') === -1 || sides.lastIndexOf('SELL') < sides.indexOf('BUY')).toBe(true);
        return true;
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('prices each order as commission + half spread + square-root impact', () => {
    const ins: RebalanceInstrument = { symbol: 'X', price: 50, lotSize: 1, spread: 0.02, averageDailyVolume: 1_000_000, dailyVolatility: 0.02 };
    const c = estimateCost(-10_000, ins, costModel);
    expect(c.commission).toBeCloseTo(50, 12);
    expect(c.halfSpread).toBeCloseTo(100, 12);
    expect(c.impact).toBeCloseTo(0.5 * 0.02 * Math.sqrt(0.01) * 500_000, 9);
    expect(c.total).toBeCloseTo(50 + 100 + 500, 9);
    expect(estimateCost(10, ins, costModel).commission).toBe(1);
  });

  it('a worked book: sizes, skips, cash and the risk after the trade', () => {
    const instruments: RebalanceInstrument[] = [
      { symbol: 'A', price: 100, lotSize: 1, spread: 0.02, averageDailyVolume: 1e6, dailyVolatility: 0.01 },
      { symbol: 'B', price: 20, lotSize: 100, spread: 0.01, averageDailyVolume: 1e6, dailyVolatility: 0.02 },
      { symbol: 'C', price: 10, lotSize: 1, spread: 0.01, averageDailyVolume: 1e6, dailyVolatility: 0.02 },
    ];
    const plan = planRebalance({
      symbols: ['A', 'B', 'C'],
      targetWeights: Float64Array.of(0.5, 0.3, 0.2),
      instruments,
      positions: { A: 600, C: 1995 },
      cash: 20_050,
      minOrderNotional: 100,
      costModel,
      covariance: diagonal([0.01, 0.02, 0.02]),
    });
    if (!plan.ok) throw new Error(plan.error.message);
    const p = plan.value;
    expect(p.equity).toBe(100_000);
    // A: 500 target vs 600 held → sell 100; B: 1,500 target (15 lots) → buy 1,500; C: 2,000 vs 1,995 → $50, skipped.
    expect(p.orders.map((o) => [o.symbol, o.side, o.quantity])).toEqual([['A', 'SELL', 100], ['B', 'BUY', 1500]]);
    expect(p.skipped).toEqual([{ symbol: 'C', quantity: 5, notional: 50, reason: 'BELOW_MIN_NOTIONAL' }]);
    expect(p.cashAfter).toBeCloseTo(20_050 + 10_000 - 30_000 - p.totalCost, 9);
    expect(Array.from(p.weightsAfter)).toEqual([0.5, 0.3, 0.1995]);
    const vol = Math.sqrt(252 * (0.25 * 1e-4 + 0.09 * 4e-4 + 0.1995 ** 2 * 4e-4));
    expect(p.volatilityAfter).toBeCloseTo(vol, 12);
    expect(p.riskContributionsAfter.reduce((a, b) => a + b, 0)).toBeCloseTo(vol, 12);
  });

  it('a position outside the universe, or a symbol without a price, is refused and plans nothing', () => {
    const base = { symbols: ['A'], targetWeights: Float64Array.of(1), cash: 1000, minOrderNotional: 0, costModel, covariance: diagonal([0.01]) };
    const ins = [{ symbol: 'A', price: 10, lotSize: 1, spread: 0, averageDailyVolume: 1e6, dailyVolatility: 0.01 }];
    const outside = planRebalance({ ...base, instruments: ins, positions: { Z: 10 } });
    expect(!outside.ok && outside.error).toMatchObject({ code: 'INVALID_INPUT', path: 'positions.Z' });
    const unpriced = planRebalance({ ...base, instruments: [], positions: {} });
    expect(!unpriced.ok && unpriced.error).toMatchObject({ code: 'INVALID_INPUT', path: 'instruments.A' });
    const nan = planRebalance({ ...base, instruments: [{ ...ins[0]!, price: Number.NaN }], positions: {} });
    expect(!nan.ok && nan.error).toMatchObject({ code: 'INVALID_INPUT', path: 'instruments.A.price' });
  });
});
