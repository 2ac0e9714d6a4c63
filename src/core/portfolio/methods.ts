// The optimizer names: a leaf module so contracts and the renderer can list them without pulling in the solver.
export const OPTIMIZATION_METHODS = ['min-variance', 'mean-variance', 'max-sharpe', 'risk-parity', 'hrp', 'black-litterman'] as const;
export type OptimizationMethod = (typeof OPTIMIZATION_METHODS)[number];
