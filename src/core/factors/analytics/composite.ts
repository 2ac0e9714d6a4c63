// A composite factor: each component z-scored across symbols per date, then summed with IC or equal weights.
import { csZscore } from '../crossSection';

export const COMPOSITE_WEIGHTINGS = ['ic', 'equal'] as const;
export type CompositeWeighting = (typeof COMPOSITE_WEIGHTINGS)[number];

/**
 * Weights from each component's mean IC: `ic` → meanIC / Σ|meanIC|; `equal` → sign(meanIC) / k (a factor with a
 * negative IC enters flipped). A component without a finite IC gets weight 0.
 */
export function compositeWeights(meanIcs: readonly number[], weighting: CompositeWeighting): number[] {
  const finite = meanIcs.map((v) => (Number.isFinite(v) ? v : 0));
  switch (weighting) {
    case 'ic': {
      const total = finite.reduce((s, v) => s + Math.abs(v), 0);
      return finite.map((v) => (total > 0 ? v / total : 0));
    }
    case 'equal': {
      const k = finite.filter((v) => v !== 0).length;
      return finite.map((v) => (k > 0 ? Math.sign(v) / k : 0));
    }
    default: {
      const never: never = weighting;
      throw new Error(`unknown weighting ${String(never)}`);
    }
  }
}

/** Σ w_j · zscore(component_j) at each symbol and date; NaN where any weighted component's z-score is missing. */
export function compositeFactor(components: readonly Float64Array[], weights: readonly number[], dates: number): Float64Array {
  if (components.length !== weights.length || components.length === 0) throw new Error('one weight per component, at least one component');
  const out = new Float64Array(components[0]!.length);
  const z = new Float64Array(out.length);
  components.forEach((c, j) => {
    const w = weights[j]!;
    if (w === 0) return;
    csZscore(c, dates, z);
    for (let i = 0; i < out.length; i++) out[i]! += w * z[i]!;
  });
  if (weights.every((w) => w === 0)) out.fill(NaN);
  return out;
}
