// In-place sort of a range of (key, index) pairs by key: the tree builders' per-node sort, with no allocation and
// no comparator call per comparison.

/** Sorts keys[from, to) ascending and applies the same permutation to index[from, to). */
export function sortPairs(keys: Float64Array, index: Uint32Array, from: number, to: number): void {
  while (to - from > 16) {
    const mid = (from + to) >>> 1;
    // median of three as the pivot, moved to `from`
    const a = keys[from]!;
    const b = keys[mid]!;
    const c = keys[to - 1]!;
    const m = a < b ? (b < c ? mid : a < c ? to - 1 : from) : a < c ? from : b < c ? to - 1 : mid;
    swap(keys, index, from, m);
    const pivot = keys[from]!;
    let i = from + 1;
    let j = to - 1;
    for (;;) {
      while (i <= j && keys[i]! < pivot) i++;
      while (i <= j && keys[j]! > pivot) j--;
      if (i >= j) break;
      swap(keys, index, i, j);
      i++;
      j--;
    }
    swap(keys, index, from, j);
    // recurse into the smaller side, loop on the larger (bounded stack depth)
    if (j - from < to - j - 1) {
      sortPairs(keys, index, from, j);
      from = j + 1;
    } else {
      sortPairs(keys, index, j + 1, to);
      to = j;
    }
  }
  for (let i = from + 1; i < to; i++) {
    const k = keys[i]!;
    const v = index[i]!;
    let j = i - 1;
    while (j >= from && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      index[j + 1] = index[j]!;
      j--;
    }
    keys[j + 1] = k;
    index[j + 1] = v;
  }
}

function swap(keys: Float64Array, index: Uint32Array, i: number, j: number): void {
  const k = keys[i]!;
  keys[i] = keys[j]!;
  keys[j] = k;
  const v = index[i]!;
  index[i] = index[j]!;
  index[j] = v;
}
