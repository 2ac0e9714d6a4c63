// The regime band reads an HMM fit by σ rank, whatever order the model numbered its states in.
import { describe, expect, it } from 'vitest';
import { regimeBand, regimeColour } from '../../../src/renderer/panels/chart/regimeBand';
import type { SymbolRegimes } from '../../../src/shared/contracts/ml';

const fit = (over: Partial<SymbolRegimes> = {}): SymbolRegimes => ({
  symbol: 'AAA',
  states: 3,
  // State 0 is the most volatile, state 2 the calmest: the band must not assume the model's numbering.
  regimes: [
    { mean: -0.2, sd: 2.5, expectedDuration: 8 },
    { mean: 0.05, sd: 1.1, expectedDuration: 20 },
    { mean: 0.08, sd: 0.6, expectedDuration: 40 },
  ],
  transition: [[0.875, 0.1, 0.025], [0.03, 0.95, 0.02], [0.01, 0.015, 0.975]],
  logLikelihood: -1234.5,
  converged: true,
  time: [86_400_000, 2 * 86_400_000, 3 * 86_400_000],
  path: [2, 1, 0],
  filtered: [[0.1, 0.2, 0.7], [0.2, 0.7, 0.1], [0.8, 0.15, 0.05]],
  smoothed: [[0.05, 0.15, 0.8], [0.25, 0.6, 0.15], [0.9, 0.07, 0.03]],
  ...over,
});

describe('regimeBand', () => {
  it('ranks states by σ, names them calm → turbulent, and plots the smoothed probability of the most volatile', () => {
    const band = regimeBand(fit());
    expect(band.regimes.map((r) => [r.name, r.sd])).toEqual([['calm', 0.6], ['normal', 1.1], ['turbulent', 2.5]]);
    expect(band.points).toEqual([
      { time: 86_400, value: 0.05, rank: 0 },
      { time: 172_800, value: 0.25, rank: 1 },
      { time: 259_200, value: 0.9, rank: 2 },
    ]);
    expect(band.last).toEqual({ name: 'turbulent', probability: 0.9 });
  });

  it('has no last regime for a fit with no days', () => {
    const band = regimeBand(fit({ time: [], path: [], filtered: [], smoothed: [] }));
    expect(band.points).toEqual([]);
    expect(band.last).toBeNull();
  });

  it('colours the calmest regime up, the most volatile down and the others neutral', () => {
    const colours = { up: '#00aa00', down: '#aa0000', warn: '#aaaa00' };
    expect([0, 1, 2, 3].map((rank) => regimeColour(rank, 4, colours))).toEqual(['#00aa0088', '#aaaa0088', '#aaaa0088', '#aa000088']);
  });
});
