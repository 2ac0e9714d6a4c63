// Injected time and randomness: core code never calls Date.now() or Math.random(), so runs replay from a seed.

/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number;

export interface Clock {
  now(): EpochMs;
}

/** A clock that only moves when told to: for tests, backtests and simulations. */
export class ManualClock implements Clock {
  constructor(private time: EpochMs = 0) {}
  now(): EpochMs {
    return this.time;
  }
  set(time: EpochMs): void {
    this.time = time;
  }
  advance(ms: number): EpochMs {
    this.time += ms;
    return this.time;
  }
}

/** Uniform random numbers in [0, 1). */
export interface RandomSource {
  next(): number;
}

/** Small, fast, seedable PRNG (mulberry32). Good enough for simulation, not for cryptography. */
export class SeededRandom implements RandomSource {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Standard normal draw (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
