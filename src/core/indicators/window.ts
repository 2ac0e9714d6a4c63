// Rolling windows over a stream: a fixed ring buffer and a monotonic deque for rolling max/min with index.

/** Fixed-capacity ring of the most recent values. */
export class RingBuffer {
  private readonly buf: Float64Array;
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Appends `x`; returns the value it evicted, or NaN while not yet full. */
  push(x: number): number {
    const evicted = this.size === this.capacity ? this.buf[this.head]! : NaN;
    this.buf[this.head] = x;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.size < this.capacity) this.size++;
    return evicted;
  }

  /** The value `ago` pushes back (0 = newest). Requires ago < length. */
  get(ago: number): number {
    let i = this.head - 1 - ago;
    if (i < 0) i += this.capacity;
    return this.buf[i]!;
  }

  /** The oldest value held (the next one to be evicted when full). */
  oldest(): number {
    return this.size === this.capacity ? this.buf[this.head]! : this.buf[0]!;
  }
}

/**
 * Rolling maximum over the last `window` values, amortized O(1) per push. On ties the most recent
 * index wins (TA-Lib's AROON convention). For a rolling minimum push `-x` and negate `value`.
 */
export class RollingMax {
  private readonly vals: Float64Array;
  private readonly idx: Float64Array;
  private readonly cap: number;
  private front = 0;
  private size = 0;
  private t = -1;

  constructor(readonly window: number) {
    this.cap = window + 1;
    this.vals = new Float64Array(this.cap);
    this.idx = new Float64Array(this.cap);
  }

  /** Number of values pushed so far. */
  get count(): number {
    return this.t + 1;
  }

  push(x: number): void {
    const t = ++this.t;
    const cap = this.cap;
    // Drop smaller-or-equal values from the back: they can never be the maximum again.
    while (this.size > 0) {
      let back = this.front + this.size - 1;
      if (back >= cap) back -= cap;
      if (this.vals[back]! <= x) this.size--;
      else break;
    }
    let slot = this.front + this.size;
    if (slot >= cap) slot -= cap;
    this.vals[slot] = x;
    this.idx[slot] = t;
    this.size++;
    if (this.idx[this.front]! <= t - this.window) {
      this.front = this.front + 1 === cap ? 0 : this.front + 1;
      this.size--;
    }
  }

  /** The maximum of the window (of what has been pushed, while fewer than `window`). */
  get value(): number {
    return this.vals[this.front]!;
  }

  /** The stream index (0-based push count) of the maximum. */
  get index(): number {
    return this.idx[this.front]!;
  }
}
