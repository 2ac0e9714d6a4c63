// No look-ahead: a factor's values up to date t are the same whether or not the data after t exists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateOnPanel, FACTOR_LIBRARY, resolveFactor, type Panel } from '../../../../src/core/factors';
import { syntheticPanel } from './panelFixtures';

/** The panel cut after `keep` dates. */
function truncate(panel: Panel, keep: number): Panel {
  const T = panel.times.length;
  const columns = new Map(
    [...panel.columns].map(([name, column]) => {
      const cut = new Float64Array(panel.symbols.length * keep);
      for (let s = 0; s < panel.symbols.length; s++) cut.set(column.subarray(s * T, s * T + keep), s * keep);
      return [name, cut];
    }),
  );
  return { ...panel, times: panel.times.slice(0, keep), columns };
}

function sameUpTo(full: Float64Array, cut: Float64Array, T: number, keep: number, symbols: number): string | null {
  for (let s = 0; s < symbols; s++) {
    for (let t = 0; t < keep; t++) {
      const a = full[s * T + t]!;
      const b = cut[s * keep + t]!;
      if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) return `symbol ${s} date ${t}: ${a} with the whole data, ${b} without the dates after ${keep - 1}`;
    }
  }
  return null;
}

const field = fc.constantFrom('open', 'high', 'low', 'close', 'volume', 'vwap');
const window = fc.integer({ min: 1, max: 12 });
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    field,
    fc.tuple(fc.constantFrom('ts_mean', 'ts_std', 'ts_sum', 'ts_min', 'ts_max', 'ts_rank', 'ts_argmax', 'ts_argmin', 'ts_delay', 'delta', 'ts_decay_linear', 'ts_slope', 'ts_resi'), tie('e'), window).map(([op, x, n]) => `${op}(${x}, ${n})`),
    fc.tuple(fc.constantFrom('ts_corr', 'ts_cov'), tie('e'), tie('e'), fc.integer({ min: 2, max: 12 })).map(([op, x, y, n]) => `${op}(${x}, ${y}, ${n})`),
    fc.tuple(fc.constantFrom('rank', 'zscore'), tie('e')).map(([op, x]) => `${op}(${x})`),
    tie('e').map((x) => `neutralize(${x}, sector)`),
    tie('e').map((x) => `winsorize(${x}, 2)`),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '>'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('log', 'abs', 'sign', 'sqrt'), tie('e')).map(([op, x]) => `${op}(${x})`),
  ),
})).e;

describe('no look-ahead', () => {
  const panel = syntheticPanel(9, 80, 3);
  const T = panel.times.length;

  it('every library factor', () => {
    const keep = 67;
    const cut = truncate(panel, keep);
    for (const f of FACTOR_LIBRARY) {
      const full = resolveFactor({ kind: 'library', name: f.name }, { dates: T, groups: [] });
      const short = resolveFactor({ kind: 'library', name: f.name }, { dates: keep, groups: [] });
      if (!full.ok || !short.ok) throw new Error(f.name);
      const problem = sameUpTo(evaluateOnPanel(full.value, panel), evaluateOnPanel(short.value, cut), T, keep, panel.symbols.length);
      expect(problem, f.name).toBeNull();
    }
  });

  it('random expressions cut at random dates (property)', () => {
    fc.assert(
      fc.property(expression, fc.integer({ min: 13, max: T - 1 }), (source, keep) => {
        const context = { groups: ['sector'] };
        const full = resolveFactor({ kind: 'expression', expression: source }, { ...context, dates: T });
        const short = resolveFactor({ kind: 'expression', expression: source }, { ...context, dates: keep });
        if (!full.ok || !short.ok) throw new Error(`${source}: ${!full.ok ? full.error.message : ''}`);
        const problem = sameUpTo(evaluateOnPanel(full.value, panel), evaluateOnPanel(short.value, truncate(panel, keep)), T, keep, panel.symbols.length);
        if (problem) throw new Error(`${source}: ${problem}`);
      }),
      { numRuns: 150, seed: 20_261_201 },
    );
  });
});
