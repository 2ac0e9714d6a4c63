// A fixed-capacity multiset of numbers kept in ascending order, for rolling ranks and quantiles in O(window) a step.

export class SortedWindow {
  private readonly values: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** The i-th smallest value (0-based). */
  at(i: number): number {
    return this.values[i]!;
  }

  /** How many values are strictly below v. */
  countBelow(v: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** How many values are at most v. */
  countAtMost(v: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(v: number): void {
    if (this.size >= this.values.length) throw new Error('sorted window is full');
    const i = this.countAtMost(v);
    // Windows are short: a plain loop beats copyWithin's call.
    const values = this.values;
    for (let k = this.size; k > i; k--) values[k] = values[k - 1]!;
    values[i] = v;
    this.size++;
  }

  /**
   * remove(old) then insert(v) in one move: the values between the two positions shift by one, instead of the
   * window's tail twice. The array ends exactly as the two calls leave it (v after every value ≤ v).
   */
  replace(old: number, v: number): void {
    const i = this.countBelow(old);
    const values = this.values;
    const size = this.size;
    if (i >= size || values[i] !== old) throw new Error(`value ${old} is not in the window`);
    let k = i;
    if (v >= old) {
      while (k + 1 < size && values[k + 1]! <= v) {
        values[k] = values[k + 1]!;
        k++;
      }
    } else {
      while (k > 0 && values[k - 1]! > v) {
        values[k] = values[k - 1]!;
        k--;
      }
    }
    values[k] = v;
  }

  /** Removes one occurrence of v (which must be present). */
  remove(v: number): void {
    const i = this.countBelow(v);
    if (i >= this.size || this.values[i] !== v) throw new Error(`value ${v} is not in the window`);
    const values = this.values;
    for (let k = i + 1; k < this.size; k++) values[k - 1] = values[k]!;
    this.size--;
  }
}
