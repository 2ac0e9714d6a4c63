import { describe, expect, it } from 'vitest';
import { FactorModel, TRADING_DAYS_PER_YEAR, createUniverse } from '../../../../src/core/market';
import { SeededRandom } from '../../../../src/core/model/clock';

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}

describe('factor model', () => {
  const universe = createUniverse(3);
  const steps = 20_000;
  const model = new FactorModel(universe, new SeededRandom(99));
  const series = universe.map(() => new Float64Array(steps));
  const out = new Float64Array(universe.length);
  for (let t = 0; t < steps; t++) {
    model.step(1 / TRADING_DAYS_PER_YEAR, out);
    for (let i = 0; i < universe.length; i++) (series[i] as Float64Array)[t] = out[i] as number;
  }
  const index = (symbol: string): number => universe.findIndex((i) => i.symbol === symbol);

  it('makes same-sector names correlate more than cross-sector names', () => {
    const techA = index('NVTX');
    const techB = index('QBIT');
    const utility = index('PWRG');
    const sameSector = correlation(series[techA] as Float64Array, series[techB] as Float64Array);
    const crossSector = correlation(series[techA] as Float64Array, series[utility] as Float64Array);
    expect(sameSector).toBeGreaterThan(crossSector + 0.1);
    expect(crossSector).toBeGreaterThan(0.05); // the market factor still links them
  });

  it('matches the correlations it is configured with', () => {
    const pairs: [string, string][] = [
      ['NVTX', 'QBIT'],
      ['FRBK', 'MRCP'],
      ['NVTX', 'PWRG'],
      ['PTRX', 'MDGN'],
      ['AUTV', 'RTLX'],
    ];
    for (const [a, b] of pairs) {
      const i = index(a);
      const j = index(b);
      const empirical = correlation(series[i] as Float64Array, series[j] as Float64Array);
      expect(Math.abs(empirical - model.modelCorrelation(i, j)), `${a}/${b}`).toBeLessThan(0.05);
    }
  });

  it('has daily volatility close to the configured annual volatility', () => {
    const i = index('FRBK');
    const r = series[i] as Float64Array;
    const mean = r.reduce((s, x) => s + x, 0) / r.length;
    const variance = r.reduce((s, x) => s + (x - mean) ** 2, 0) / r.length;
    const annual = Math.sqrt(variance * TRADING_DAYS_PER_YEAR);
    // The regime multiplier averages slightly above 1 (log-normal), hence the band.
    expect(annual / model.totalVol(i)).toBeGreaterThan(0.85);
    expect(annual / model.totalVol(i)).toBeLessThan(1.3);
  });

  it('is deterministic from its random source and keeps the regime positive', () => {
    const a = new FactorModel(universe, new SeededRandom(7));
    const b = new FactorModel(universe, new SeededRandom(7));
    const ra = new Float64Array(universe.length);
    const rb = new Float64Array(universe.length);
    for (let t = 0; t < 100; t++) {
      a.step(1 / 252, ra);
      b.step(1 / 252, rb);
      expect(ra).toEqual(rb);
      expect(a.volatilityMultiplier).toBeGreaterThan(0);
    }
  });
});
