// Benchmark figures, in the JSON shape DESIGN.md fixes for `nautilus bench <suite> --json`.

export interface BenchFigure {
  suite: string;
  name: string;
  value: number;
  unit: string;
  p50?: number;
  p99?: number;
  peer?: string;
  peerValue?: number;
  /** ours / peer, above 1 meaning we are ahead (for rates; for latencies, peer / ours). */
  ratio?: number;
}

export interface BenchOptions {
  /** Shrinks the workload for a smoke run (tests); figures from a quick run are not recorded. */
  quick: boolean;
  progress(message: string): void;
  /** The suite's own flags from the command line (`--clients 500` → { clients: '500' }), already checked. */
  flags?: Readonly<Record<string, string>>;
}

export interface BenchSuite {
  readonly name: string;
  readonly summary: string;
  /** Flags this suite takes, each with its help line; the command refuses any flag no chosen suite takes. */
  readonly flags?: Readonly<Record<string, string>>;
  /** Checks the flags' values before anything runs: what is wrong, naming the flag, or undefined. */
  checkFlags?(flags: Readonly<Record<string, string>>): string | undefined;
  run(options: BenchOptions): Promise<BenchFigure[]>;
}

/** Percentile of an ascending-sorted sample. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Runs `fn` until at least `minMs` has passed; returns operations per second. */
export function measureRate(fn: () => number, minMs = 500): number {
  let operations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    operations += fn();
    elapsed = performance.now() - start;
  }
  return (operations / elapsed) * 1000;
}
