// The engine's fast path (evaluation straight into a reused date-major workspace, then analyzeDateMajor) against
// the plain one (a fresh symbol-major array, analyzeFactor) on a synthetic universe with missing bars: the same
// values and the same analysis, factor after factor through one workspace (nothing of the last factor leaks).
import { describe, expect, it } from 'vitest';
import { analysisWorkspace, analyzeDateMajor, analyzeFactor, dateRanks, evaluateOnPanel, forwardReturns, resolveFactor, toDateMajor } from '../../../../src/core/factors';
import { syntheticPanel } from './panelFixtures';

const plain = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v, (n) => (Number.isNaN(n) ? 'NaN' : n)) : v));

describe('analysis through a reused date-major workspace', () => {
  it('equals the fresh symbol-major analysis for library factors and expressions, in sequence', () => {
    // 150 symbols: three 64-symbol chunks, the last one shorter.
    const panel = syntheticPanel(150, 180, 3);
    const T = panel.times.length;
    const forwards = new Map<number, Float64Array>();
    const forward = (h: number) => forwards.get(h) ?? forwards.set(h, toDateMajor(forwardReturns(panel.columns.get('close')!, T, h), T)).get(h)!;
    const ranks = (h: number) => dateRanks(forward(h), T);
    const options = { horizon: 5, horizons: [1, 5, 20], method: 'spearman' as const, quantiles: 5, minSymbols: 5 };
    const workspace = analysisWorkspace(panel.symbols.length, T);
    const specs = [
      { kind: 'library' as const, name: 'CORR20' },
      { kind: 'library' as const, name: 'KMID' },
      { kind: 'expression' as const, expression: 'rank(ts_mean(close, 5)) - zscore(volume)' },
      { kind: 'library' as const, name: 'SUMD10' },
      { kind: 'expression' as const, expression: 'neutralize(delta(close, 3), sector)' },
    ];
    for (const spec of specs) {
      const factor = resolveFactor(spec, { dates: T, groups: ['sector'] });
      if (!factor.ok) throw new Error(factor.error.message);
      const symbolMajor = evaluateOnPanel(factor.value, panel);
      const dateMajor = evaluateOnPanel(factor.value, panel, workspace.dateMajor, 'date-major');
      expect(plain(dateMajor), `${factor.value.name} values`).toBe(plain(toDateMajor(symbolMajor, T)));
      const fast = analyzeDateMajor(dateMajor, forward, T, options, ranks, workspace);
      const fresh = analyzeFactor(symbolMajor, forward, T, options);
      expect(plain(fast), `${factor.value.name} analysis`).toBe(plain(fresh));
    }
  });
});
