// Hierarchical risk parity (López de Prado, 2016): single linkage on correlation distance, quasi-diagonal order, recursive bisection.
import { err, ok, type Result } from '../model/result';
import type { PortfolioError } from './errors';
import type { SquareMatrix } from './linalg';
import { checkVariances } from './riskParity';

/** A merge of the dendrogram in scipy's linkage format: children ids (< n are assets), height, size. */
export interface Merge {
  readonly left: number;
  readonly right: number;
  readonly height: number;
  readonly size: number;
}

export interface HrpResult {
  readonly weights: Float64Array;
  /** Assets in quasi-diagonal order (the dendrogram's leaves, left to right). */
  readonly order: readonly number[];
  readonly linkage: readonly Merge[];
}

/**
 * Single linkage on d_ij = √(½(1 − ρ_ij)), exactly as scipy's `linkage(squareform(d), 'single')`: Prim's
 * minimum spanning tree from asset 0 (edges recorded as scipy does), a stable sort by height, then
 * union-find relabelling with the smaller cluster id on the left.
 */
export function singleLinkage(cov: SquareMatrix): Merge[] {
  const n = cov.n;
  const S = cov.values;
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) sd[i] = Math.sqrt(S[i * n + i]!);
  const distance = (a: number, b: number): number => {
    const rho = S[a * n + b]! / (sd[a]! * sd[b]!);
    return Math.sqrt(Math.max(0, 0.5 * (1 - rho)));
  };
  const merged = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const edges: { x: number; y: number; d: number }[] = [];
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    merged[x] = 1;
    let y = -1;
    let current = Infinity;
    for (let i = 0; i < n; i++) {
      if (merged[i]) continue;
      const d = distance(x, i);
      if (best[i]! > d) best[i] = d;
      if (best[i]! < current || y < 0) {
        y = i;
        current = best[i]!;
      }
    }
    edges.push({ x, y, d: current });
    x = y;
  }
  edges.sort((a, b) => a.d - b.d); // Array.prototype.sort is stable, as scipy's mergesort.
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const size = new Int32Array(2 * n - 1).fill(1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[v] !== r) {
      const next = parent[v]!;
      parent[v] = r;
      v = next;
    }
    return r;
  };
  const out: Merge[] = [];
  edges.forEach((e, i) => {
    const a = find(e.x);
    const b = find(e.y);
    const id = n + i;
    parent[a] = id;
    parent[b] = id;
    size[id] = size[a]! + size[b]!;
    out.push({ left: Math.min(a, b), right: Math.max(a, b), height: e.d, size: size[id]! });
  });
  return out;
}

/** Leaves of the dendrogram left to right. */
export function quasiDiagonalOrder(linkage: readonly Merge[], n: number): number[] {
  if (n === 1) return [0];
  const order: number[] = [];
  const stack = [n + linkage.length - 1];
  while (stack.length) {
    const id = stack.pop()!;
    if (id < n) order.push(id);
    else {
      const m = linkage[id - n]!;
      stack.push(m.right, m.left);
    }
  }
  return order;
}

/** Variance of a cluster held in inverse-variance weights. */
function clusterVariance(cov: SquareMatrix, members: ArrayLike<number>): number {
  const n = cov.n;
  const S = cov.values;
  const m = members.length;
  const w = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    w[i] = 1 / S[members[i]! * n + members[i]!]!;
    total += w[i]!;
  }
  let v = 0;
  for (let i = 0; i < m; i++) {
    const ri = members[i]! * n;
    let s = 0;
    for (let j = 0; j < m; j++) s += S[ri + members[j]!]! * w[j]!;
    v += w[i]! * s;
  }
  return v / (total * total);
}

/** HRP weights: each bisection of the ordered list splits the parent's weight by inverse cluster variance. */
export function hierarchicalRiskParity(cov: SquareMatrix, symbols: readonly string[]): Result<HrpResult, PortfolioError> {
  const n = cov.n;
  const variances = checkVariances(cov, symbols);
  if (!variances.ok) return err(variances.error);
  const linkage = singleLinkage(cov);
  const order = quasiDiagonalOrder(linkage, n);
  const sorted = Int32Array.from(order);
  const weights = new Float64Array(n).fill(1);
  const ranges: [number, number][] = [[0, n]];
  while (ranges.length) {
    const [start, end] = ranges.pop()!;
    if (end - start < 2) continue;
    const mid = start + Math.floor((end - start) / 2);
    const v0 = clusterVariance(cov, sorted.subarray(start, mid));
    const v1 = clusterVariance(cov, sorted.subarray(mid, end));
    const alpha = 1 - v0 / (v0 + v1);
    for (let k = start; k < mid; k++) weights[sorted[k]!]! *= alpha;
    for (let k = mid; k < end; k++) weights[sorted[k]!]! *= 1 - alpha;
    ranges.push([mid, end], [start, mid]);
  }
  return ok({ weights, order, linkage });
}
