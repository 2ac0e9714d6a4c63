import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FX_PAIRS, FxRates, intradayVolumeProfile, tickGrid } from '../../../../src/core/market';
import { SeededRandom } from '../../../../src/core/model/clock';
import { isOnIncrement, roundToIncrement } from '../../../../src/core/model/instrument';

describe('microstructure', () => {
  it('property: the tick grid rounds to the nearest tick (as roundToIncrement does away from ties), and floor ≤ price ≤ ceil', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.01, 0.05, 1, 0.00001, 0.001, 5),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: -0.6, max: 0.6, noNaN: true }),
        (tick, ticks, fraction) => {
        const price = (ticks + fraction) * tick;
        const grid = tickGrid(tick);
        const rounded = grid.round(price);
        return (
          isOnIncrement(rounded, tick) &&
          Math.abs(rounded - price) / tick <= 0.5 + 1e-6 &&
          (Math.abs(price / tick - Math.round(price / tick)) > 0.49 || rounded === roundToIncrement(price, tick)) &&
          grid.floor(price) <= price + tick * 1e-6 &&
          grid.ceil(price) >= price - tick * 1e-6 &&
          (grid.ceil(price) - grid.floor(price)) / tick <= 1 + 1e-6
        );
        },
      ),
    );
  });

  it('has a U-shaped volume profile summing to 1', () => {
    const p = intradayVolumeProfile(390);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan((p[195] as number) * 2);
    expect(p[389]).toBeGreaterThan((p[195] as number) * 2);
  });
});

describe('FX rates', () => {
  it('convert through direct, inverse and USD-cross pairs', () => {
    const fx = new FxRates(FX_PAIRS, new SeededRandom(1));
    expect(fx.convert(100, 'EUR', 'USD')).toBeCloseTo(108.52, 10);
    expect(fx.convert(108.52, 'USD', 'EUR')).toBeCloseTo(100, 10);
    expect(fx.conversionRate('JPY', 'EUR')).toBeCloseTo(1 / 151.32 / 1.0852, 12);
    expect(fx.conversionRate('EUR', 'XXX')).toBeUndefined();
  });

  it('move over time, deterministically per seed', () => {
    const a = new FxRates(FX_PAIRS, new SeededRandom(4));
    const b = new FxRates(FX_PAIRS, new SeededRandom(4));
    for (let i = 0; i < 10; i++) {
      a.step(1 / 252);
      b.step(1 / 252);
    }
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.rate('EURUSD')).not.toBe(1.0852);
    expect(a.rate('EURUSD')).toBeGreaterThan(0.9);
  });
});
