// Average ranks of a cross-section by an LSD radix sort of the values' IEEE-754 bits: no comparisons, no
// comparator closures, linear in the number of values. Ranks are exact (ties share the mean of their positions),
// so they equal any other correct average-rank computation value for value.

/** The keys read a double's low word first: true on every platform Node and Electron ship for (x64, arm64). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Bits per radix digit: 32-bit key halves in three passes over 2,048-entry histograms (small enough for L1). */
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
const PASSES = 3;
/** Runs of equal high words up to this long are ordered by insertion; longer ones by a radix sort of their low words. */
const INSERTION_RUN = 32;

/**
 * Buffers for ranking up to `capacity` values; one per thread, reused for every date and factor. The values are
 * sorted by the high 32 bits of their order-preserving keys (sign, exponent and 20 mantissa bits: usually two or
 * three passes, a digit every value shares is skipped), then each run of equal high words by its low words.
 */
export class RadixRanker {
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  private readonly order: Int32Array;
  private readonly spare: Int32Array;
  private readonly counts = new Int32Array(PASSES * BUCKETS);

  constructor(readonly capacity: number) {
    this.lo = new Uint32Array(capacity);
    this.hi = new Uint32Array(capacity);
    this.order = new Int32Array(capacity);
    this.spare = new Int32Array(capacity);
  }

  /**
   * Writes the 1-based average rank of values[i] (i < n, every value a number, not NaN) to ranks[i]; `stride` and
   * `offset` place it at ranks[offset + i · stride] instead (the panel's date-major cells need no extra copy).
   */
  rank(values: Float64Array, n: number, ranks: Float64Array, offset = 0, stride = 1): void {
    if (n > this.capacity) throw new Error(`cannot rank ${n} values with a ranker for ${this.capacity}`);
    if (!LITTLE_ENDIAN) throw new Error('radix ranks read IEEE-754 words in little-endian order; this platform is big-endian');
    const { lo, hi, counts, order } = this;
    // The values' own bits (little-endian: low word first), read in place.
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = words[2 * i]!;
      let h = words[2 * i + 1]!;
      // Order-preserving unsigned keys: negatives have every bit flipped, positives only the sign bit; −0 is +0.
      // Without a branch on the sign (m: all ones for a negative), which a factor of both signs mispredicts half the
      // time; −0 (high word 0x80000000, low word 0) is made +0 first.
      let m = h >> 31;
      if (((h ^ 0x80000000) | l) === 0) m = h = 0;
      h = (h ^ (m | 0x80000000)) >>> 0;
      lo[i] = (l ^ m) >>> 0;
      hi[i] = h;
      counts[h & MASK]!++;
      counts[BUCKETS + ((h >>> 11) & MASK)]!++;
      counts[2 * BUCKETS + (h >>> 22)]!++;
    }
    this.radix(hi, 0, n, true);
    // Runs of equal high words, ordered by their low words; then runs of equal keys share the mean of their 1-based
    // positions start+1 … end.
    let start = 0;
    // The run's first index and high word, carried over from the scan that ended the last run.
    let first = n > 0 ? order[0]! : 0;
    let h = n > 0 ? hi[first]! : 0;
    while (start < n) {
      let end = start + 1;
      let next = 0;
      let nextHigh = 0;
      while (end < n) {
        next = order[end]!;
        nextHigh = hi[next]!;
        if (nextHigh !== h) break;
        end++;
      }
      if (end - start === 1) {
        ranks[offset + first * stride] = start + 1;
        start = end;
        first = next;
        h = nextHigh;
        continue;
      }
      if (end - start > INSERTION_RUN) {
        // Exact ties (a window's rank k/d, a share of up bars) are common: a run whose low words are all equal is
        // one tie already, in any order (sorting it cost 4× a date of distinct values).
        const l0 = lo[first]!;
        let j = start + 1;
        while (j < end && lo[order[j]!] === l0) j++;
        if (j === end) {
          const r = (start + 1 + end) / 2;
          for (let m = start; m < end; m++) ranks[offset + order[m]! * stride] = r;
          start = end;
          first = next;
          h = nextHigh;
          continue;
        }
        this.counts.fill(0);
        for (let j = start; j < end; j++) {
          const l = lo[order[j]!]!;
          counts[l & MASK]!++;
          counts[BUCKETS + ((l >>> 11) & MASK)]!++;
          counts[2 * BUCKETS + (l >>> 22)]!++;
        }
        this.radix(lo, start, end);
      } else {
        for (let j = start + 1; j < end; j++) {
          const k = order[j]!;
          const l = lo[k]!;
          let m = j - 1;
          while (m >= start && lo[order[m]!]! > l) {
            order[m + 1] = order[m]!;
            m--;
          }
          order[m + 1] = k;
        }
      }
      let tie = start;
      while (tie < end) {
        const l = lo[order[tie]!]!;
        let tieEnd = tie + 1;
        while (tieEnd < end && lo[order[tieEnd]!] === l) tieEnd++;
        const r = (tie + 1 + tieEnd) / 2;
        for (let j = tie; j < tieEnd; j++) ranks[offset + order[j]! * stride] = r;
        tie = tieEnd;
      }
      start = end;
      first = next;
      h = nextHigh;
    }
  }

  /** Stable LSD sort of order[from … to) by `key` (histograms already counted), the result left in `order`. */
  private radix(key: Uint32Array, from: number, to: number, identity = false): void {
    const { counts, order, spare } = this;
    const n = to - from;
    let source = order;
    let target = spare;
    for (let pass = 0; pass < PASSES; pass++) {
      const base = pass * BUCKETS;
      // A digit every value shares orders nothing: skip its pass.
      let skip = false;
      let sum = from;
      for (let b = 0; b < BUCKETS; b++) {
        const c = counts[base + b]!;
        if (c === n) {
          skip = true;
          break;
        }
        counts[base + b] = sum;
        sum += c;
      }
      if (skip) continue;
      const shift = pass * DIGIT_BITS;
      if (identity) {
        // The first pass of a whole date sorts 0 … n − 1: the indices need no reading.
        for (let k = from; k < to; k++) target[counts[base + ((key[k]! >>> shift) & MASK)]!++] = k;
        identity = false;
      } else {
        for (let i = from; i < to; i++) {
          const k = source[i]!;
          target[counts[base + ((key[k]! >>> shift) & MASK)]!++] = k;
        }
      }
      const t = source;
      source = target;
      target = t;
    }
    // Every pass skipped: the order is the identity.
    if (identity) for (let k = from; k < to; k++) order[k] = k;
    else if (source !== order) order.set(source.subarray(from, to), from);
  }
}

/**
 * Ranks sets of values that take every path of `rank` (distinct values of both signs, ±0, short and long runs of
 * equal high words, with and without equal low words, all values equal) a few times, so the JIT has seen each path
 * before it compiles `rank`. Otherwise a path first taken after compilation (the first factor with ties, after
 * factors without) throws the compiled code away; measured: 17 such deoptimizations in one run of the library.
 */
function warmUp(): void {
  const values: number[] = [0, -0];
  for (let k = 0; k < 40; k++) values.push(k * 1.37 - 30, 1 + (k % 5) * 2 ** -40, 7, 100 + k * 2 ** -40);
  for (let k = 0; k < 4; k++) values.push(2.5, 50 + (4 - k) * 2 ** -40);
  const x = Float64Array.from(values);
  const ranker = new RadixRanker(x.length);
  const ranks = new Float64Array(x.length);
  // Equal values skip every radix pass (the order stays the identity).
  const equal = Float64Array.of(3, 3, 3);
  // Type feedback is collected from about the eighth call of a function on.
  for (let k = 0; k < 12; k++) {
    ranker.rank(x, x.length, ranks);
    ranker.rank(equal, equal.length, ranks);
  }
}

warmUp();
