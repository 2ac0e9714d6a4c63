// A composite factor: each component z-scored across symbols per date, then summed with IC or equal weights.
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

/**
 * The composite as an expression of the factor language, Σ w_j · zscore(component_j) over components with a
 * non-zero weight: a saved composite is then a factor like any other (strategies, the ML engine and later runs
 * evaluate it from its text). NaN where any weighted component is missing.
 */
export function compositeExpression(components: readonly string[], weights: readonly number[]): string {
  if (components.length !== weights.length || components.length === 0) throw new Error('one weight per component, at least one component');
  const terms = components.flatMap((c, j) => (weights[j] === 0 ? [] : [`${weights[j]!.toPrecision(17)} * zscore(${c})`]));
  return terms.length > 0 ? terms.join(' + ') : '0 / 0';
}
