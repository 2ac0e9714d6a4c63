// Real-data regression and classification sets for the tree parity tests: from EuStockMarkets' four index closes,
// each day's absolute percent return and its 5- and 20-day means per index (12 features, float32-exact so Python's
// float32 trees see the same values); target the DAX's mean absolute return over the next 5 days (volatility
// clustering gives real signal), label whether it exceeds the training median. Train then test, 5 days embargoed.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Design } from '../../../../src/core/ml';

export interface TreeDataSplit {
  readonly train: { design: Design; y: Float64Array; label: Float64Array };
  readonly test: { design: Design; y: Float64Array; label: Float64Array };
}

/** `quantum` > 0 rounds each feature to a multiple of it (fewer distinct values: one histogram bin per value). */
export function euroVolatilityData(quantum = 0): TreeDataSplit {
  const closes = readFileSync(fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url)), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(1).map(Number));
  const abs = closes.slice(1).map((row, t) => row.map((c, j) => Math.abs(100 * Math.log(c / closes[t]![j]!))));
  const mean = (t: number, j: number, d: number) => abs.slice(t - d + 1, t + 1).reduce((s, r) => s + r[j]!, 0) / d;
  const shape = (v: number) => Math.fround(quantum > 0 ? Math.round(v / quantum) * quantum : v);
  const x: number[] = [];
  const y: number[] = [];
  const horizon = 5;
  for (let t = 19; t + horizon < abs.length; t++) {
    for (let j = 0; j < 4; j++) x.push(shape(abs[t]![j]!), shape(mean(t, j, 5)), shape(mean(t, j, 20)));
    let s = 0;
    for (let k = 1; k <= horizon; k++) s += abs[t + k]![0]!;
    y.push(s / horizon);
  }
  const p = 12;
  const n = y.length;
  const trainRows = 1200;
  const testFrom = trainRows + horizon;
  const median = [...y.slice(0, trainRows)].sort((a, b) => a - b)[trainRows / 2]!;
  const part = (from: number, to: number) => ({
    design: { x: Float64Array.from(x.slice(from * p, to * p)), rows: to - from, features: p },
    y: Float64Array.from(y.slice(from, to)),
    label: Float64Array.from(y.slice(from, to), (v) => (v > median ? 1 : 0)),
  });
  return { train: part(0, trainRows), test: part(testFrom, n) };
}

export function writeTreeCsv(file: string, part: TreeDataSplit['train']): void {
  const p = part.design.features;
  const lines = [`${Array.from({ length: p }, (_, j) => `f${j}`).join(',')},y,label`];
  for (let i = 0; i < part.design.rows; i++) lines.push([...part.design.x.subarray(i * p, (i + 1) * p), part.y[i]!, part.label[i]!].map((v) => v.toPrecision(17)).join(','));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export const rSquared = (truth: ArrayLike<number>, pred: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < truth.length; i++) m += truth[i]!;
  m /= truth.length;
  let ss = 0;
  let st = 0;
  for (let i = 0; i < truth.length; i++) {
    ss += (truth[i]! - pred[i]!) ** 2;
    st += (truth[i]! - m) ** 2;
  }
  return 1 - ss / st;
};

export const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
