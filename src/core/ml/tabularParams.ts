// Each tabular model kind's parameters: defaults, and overrides by name (from a form or `--param k=v`), refused
// when the name is not the kind's or the value is not a finite number (maxFeatures also takes 'sqrt').
import { err, ok, type Result } from '../model/result';
import type { MlInputError } from './mlInputError';
import type { TabularKind, TabularParams } from './tabularModel';

export const DEFAULT_PARAMS: { readonly [K in TabularKind]: Extract<TabularParams, { kind: K }> } = {
  ridge: { kind: 'ridge', alpha: 1 },
  lasso: { kind: 'lasso', alpha: 0.001 },
  logistic: { kind: 'logistic', c: 1 },
  tree: { kind: 'tree', maxDepth: 6, minSamplesLeaf: 20 },
  forest: { kind: 'forest', trees: 100, maxDepth: 8, minSamplesLeaf: 20, maxFeatures: 'sqrt', seed: 1 },
  gbt: { kind: 'gbt', rounds: 100, learningRate: 0.1, maxDepth: 4, lambda: 1, gamma: 0, minChildWeight: 1, maxBin: 256 },
};

export function tabularParams(kind: TabularKind, overrides: Readonly<Record<string, string | number>>): Result<TabularParams, MlInputError> {
  const base: Record<string, unknown> = { ...DEFAULT_PARAMS[kind] };
  for (const [name, raw] of Object.entries(overrides)) {
    if (name === 'kind' || !(name in base)) {
      const names = Object.keys(base).filter((k) => k !== 'kind');
      return err({ code: 'BAD_OPTION', option: name, message: `${kind} has no parameter '${name}' (it has ${names.join(', ')})` });
    }
    if (name === 'maxFeatures' && raw === 'sqrt') {
      base[name] = 'sqrt';
      continue;
    }
    const value = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(value)) return err({ code: 'BAD_OPTION', option: name, message: `${name} must be a finite number, got '${raw}'` });
    base[name] = value;
  }
  return ok(base as TabularParams);
}
