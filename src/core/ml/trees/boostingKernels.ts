// The per-row loops of a boosting round, each its own function: inside the trainer's large round function the
// engine compiled them several times slower than standalone (measured: split search ~15×).

export type BoostingLoss = 'squared' | 'logistic';

/** Writes every row's (gradient, hessian) at [2r], [2r + 1] of gradHess, sets rows to 0 … n − 1; returns [ΣG, ΣH]. */
export function boostingDerivatives(loss: BoostingLoss, margin: Float64Array, y: ArrayLike<number>, gradHess: Float64Array, rows: Uint32Array): [number, number] {
  let sg = 0;
  let sh = 0;
  const n = margin.length;
  for (let i = 0; i < n; i++) {
    if (loss === 'squared') {
      gradHess[2 * i] = margin[i]! - y[i]!;
      gradHess[2 * i + 1] = 1;
    } else {
      const q = 1 / (1 + Math.exp(-margin[i]!));
      gradHess[2 * i] = q - y[i]!;
      gradHess[2 * i + 1] = Math.max(q * (1 - q), 1e-16);
    }
    sg += gradHess[2 * i]!;
    sh += gradHess[2 * i + 1]!;
    rows[i] = i;
  }
  return [sg, sh];
}

/**
 * A stable partition of rows[from, to) by one feature's bin codes (columns[column + r]): rows in bins ≤ code first;
 * returns where the rest begin. Each child's rows stay in ascending row order, so a histogram build reads the codes
 * and derivatives front to back and every bin sums its rows in row order.
 */
export function partitionRows(rows: Uint32Array, spill: Uint32Array, columns: Uint8Array, column: number, code: number, from: number, to: number): number {
  let a = from;
  let right = 0;
  for (let k = from; k < to; k++) {
    const r = rows[k]!;
    if (columns[column + r]! <= code) rows[a++] = r;
    else spill[right++] = r;
  }
  rows.set(spill.subarray(0, right), a);
  return a;
}

/** Adds a leaf's weight to the margins of its rows rows[from, to). */
export function addToMargins(margin: Float64Array, rows: Uint32Array, from: number, to: number, w: number): void {
  for (let k = from; k < to; k++) {
    const r = rows[k]!;
    margin[r] = margin[r]! + w;
  }
}

/** Adds wl to the margins of the rows rows[from, to) whose code (columns[column + r]) is ≤ code, wr to the others'. */
export function addSplitToMargins(margin: Float64Array, rows: Uint32Array, columns: Uint8Array, column: number, code: number, from: number, to: number, wl: number, wr: number): void {
  for (let k = from; k < to; k++) {
    const r = rows[k]!;
    margin[r] = margin[r]! + (columns[column + r]! <= code ? wl : wr);
  }
}

/** parent := parent − child, slot by slot (the larger child's histogram, in the parent's buffer). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let k = 0; k < parent.length; k++) parent[k] = parent[k]! - child[k]!;
}

/** The first row whose margin is not finite, or −1. */
export function firstNonFinite(margin: Float64Array): number {
  for (let i = 0; i < margin.length; i++) if (!Number.isFinite(margin[i]!)) return i;
  return -1;
}
