// Model artifacts: every kind survives the write → parse round trip with identical predictions and bytes, and an artifact
// whose tree could loop, whose shape disagrees with its features, or that is not JSON is refused with its path.
import { describe, expect, it } from 'vitest';
import { fitTabular, predictTabular, type TabularParams } from '../../../../src/core/ml';
import { DEFAULT_PARAMS } from '../../../../src/core/ml/tabularParams';
import { SeededRandom } from '../../../../src/core/model/clock';
import { parseArtifact, serializeArtifact } from '../../../../src/main/research/mlModelStore';

const random = new SeededRandom(8);
const n = 300;
const x = Float64Array.from({ length: n * 3 }, () => random.normal());
const y = Float64Array.from({ length: n }, (_, i) => x[i * 3]! - 0.5 * x[i * 3 + 1]! + 0.3 * random.normal());
const design = { x, rows: n, features: 3 };
const features = ['a', 'b', 'c'];

describe('model artifacts', () => {
  const kinds: Array<[TabularParams, 'regression' | 'classification']> = [
    [DEFAULT_PARAMS.ridge, 'regression'],
    [DEFAULT_PARAMS.logistic, 'classification'],
    [DEFAULT_PARAMS.tree, 'regression'],
    [{ ...DEFAULT_PARAMS.forest, trees: 5 }, 'classification'],
    [{ ...DEFAULT_PARAMS.gbt, rounds: 10 }, 'regression'],
  ];
  for (const [params, task] of kinds) {
    it(`${params.kind} (${task}) round-trips with identical predictions`, () => {
      const target = task === 'classification' ? y.map((v) => (v > 0 ? 1 : 0)) : y;
      const fit = fitTabular(params, task, design, target);
      if (!fit.ok) throw new Error(fit.error.message);
      const text = serializeArtifact({ format: 'nautilus-tabular-1', target: task === 'classification' ? 'direction' : 'return', horizon: 5, features, params, fitted: fit.value });
      const back = parseArtifact(text, 'm.json');
      if (!back.ok) throw new Error(back.error.message);
      expect(Array.from(predictTabular(back.value.fitted, design))).toEqual(Array.from(predictTabular(fit.value, design)));
      // Read back and written again, the same bytes: a final fit sent back by a research worker is the same artifact.
      expect(serializeArtifact(back.value)).toBe(text);
    });
  }

  it('refuses a looping tree, a wrong feature count and non-JSON', () => {
    const fit = fitTabular({ ...DEFAULT_PARAMS.gbt, rounds: 2 }, 'regression', design, y);
    if (!fit.ok) throw new Error(fit.error.message);
    const json = JSON.parse(serializeArtifact({ format: 'nautilus-tabular-1', target: 'return', horizon: 5, features, params: DEFAULT_PARAMS.gbt, fitted: fit.value })) as { features: string[]; fitted: { model: { left: number[]; feature: number[] } } };
    const looping = structuredClone(json);
    looping.fitted.model.left[0] = 0;
    expect(parseArtifact(JSON.stringify(looping), 'm.json')).toMatchObject({ ok: false, error: { code: 'BAD_ARTIFACT', path: 'm.json' } });
    expect(parseArtifact(JSON.stringify({ ...json, features: ['a', 'b'] }), 'm.json')).toMatchObject({ ok: false, error: { code: 'BAD_ARTIFACT' } });
    expect(parseArtifact('{', 'm.json')).toMatchObject({ ok: false, error: { code: 'BAD_ARTIFACT' } });
  });
});
