// Time-series cross-validation folds: expanding or rolling training windows, each followed by an embargo (days
// neither trained nor tested on) and then its test window, so no information from the test stretch leaks back.
import { err, ok, type Result } from '../model/result';
import type { MlInputError } from './mlInputError';

export type WindowMode = 'expanding' | 'rolling';

export interface FoldOptions {
  readonly observations: number;
  readonly mode: WindowMode;
  /** The training length: the first fold's (expanding) or every fold's (rolling). */
  readonly trainSize: number;
  readonly testSize: number;
  /** Days between the last training day and the first test day (≥ the label horizon, so labels do not overlap). */
  readonly embargo: number;
  /** Days between consecutive test starts; default testSize (test windows tile without overlap). */
  readonly step?: number;
}

/** Half-open index ranges [from, to). */
export interface Fold {
  readonly index: number;
  readonly train: { readonly from: number; readonly to: number };
  readonly test: { readonly from: number; readonly to: number };
}

const badOption = (option: string, message: string): MlInputError => ({ code: 'BAD_OPTION', option, message });

export function walkForwardFolds(options: FoldOptions): Result<Fold[], MlInputError> {
  const { observations: n, mode, trainSize, testSize, embargo } = options;
  const step = options.step ?? testSize;
  for (const [name, value, min] of [
    ['observations', n, 0],
    ['trainSize', trainSize, 1],
    ['testSize', testSize, 1],
    ['embargo', embargo, 0],
    ['step', step, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) return err(badOption(name, `${name} must be a whole number of at least ${min}, got ${value}`));
  }
  if (mode !== 'expanding' && mode !== 'rolling') return err(badOption('mode', `mode must be expanding or rolling, got ${String(mode)}`));
  const minimum = trainSize + embargo + testSize;
  if (n < minimum) {
    return err({ code: 'TOO_FEW_OBSERVATIONS', observations: n, minimum, message: `walk-forward needs at least trainSize + embargo + testSize = ${minimum} observations, got ${n}` });
  }
  const folds: Fold[] = [];
  for (let testFrom = trainSize + embargo; testFrom + testSize <= n; testFrom += step) {
    const trainTo = testFrom - embargo;
    folds.push({ index: folds.length, train: { from: mode === 'expanding' ? 0 : trainTo - trainSize, to: trainTo }, test: { from: testFrom, to: testFrom + testSize } });
  }
  return ok(folds);
}
