// The `nautilus bench serve` workload: its flags (--clients, --seconds, --rate), their defaults and their checks.
import { err, ok, type Result } from '../../src/core/model/result';

export interface ServeBenchConfig {
  /** WebSocket clients, each authenticated and subscribed to every quote. */
  readonly clients: number;
  /** The measured window per server, after the warm-up. */
  readonly seconds: number;
  /** Quotes the server publishes per second (each goes to every client: offered messages/s = rate × clients). */
  readonly rate: number;
  /** The publisher's cadence: rate × tickMs / 1000 quotes every tick. */
  readonly tickMs: number;
  /** Streaming before the window opens (JIT, socket buffers, first frames). */
  readonly warmupSeconds: number;
}

/** The flags the suite takes, with their help lines (the bench command refuses any other). */
export const SERVE_BENCH_FLAGS = {
  clients: 'WebSocket clients (default 1,000; quick 50; 1 to 10,000)',
  seconds: 'measured seconds per server (default 10; quick 2; 1 to 600)',
  rate: 'quotes published per second, each sent to every client (default 100; 1 to 10,000)',
} as const;

type FlagName = keyof typeof SERVE_BENCH_FLAGS;

const LIMITS: Readonly<Record<FlagName, { min: number; max: number }>> = {
  clients: { min: 1, max: 10_000 },
  seconds: { min: 1, max: 600 },
  rate: { min: 1, max: 10_000 },
};

export const SERVE_BENCH_DEFAULTS: ServeBenchConfig = { clients: 1_000, seconds: 10, rate: 100, tickMs: 50, warmupSeconds: 2 };
export const SERVE_BENCH_QUICK: ServeBenchConfig = { clients: 50, seconds: 2, rate: 100, tickMs: 50, warmupSeconds: 1 };

/** A whole number within the flag's limits, or a message naming the flag and what was wrong. */
function wholeNumber(flag: FlagName, text: string): Result<number, string> {
  const { min, max } = LIMITS[flag];
  // Digits only: refuses '', '1e3', '0x10', '1.5', '-1', 'Infinity', 'NaN' and surrounding spaces alike.
  if (!/^\d{1,9}$/.test(text)) return err(`--${flag} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) return err(`--${flag} must be from ${min} to ${max.toLocaleString('en-US')}, got ${value}`);
  return ok(value);
}

/** The workload from the command line's flags (absent ones take the defaults, or the quick run's). */
export function serveBenchConfig(flags: Readonly<Record<string, string>>, quick: boolean): Result<ServeBenchConfig, string> {
  const unknown = Object.keys(flags).filter((f) => !(f in SERVE_BENCH_FLAGS));
  if (unknown.length > 0) return err(`bench serve takes --${Object.keys(SERVE_BENCH_FLAGS).join(', --')}; not --${unknown.join(', --')}`);
  const base = quick ? SERVE_BENCH_QUICK : SERVE_BENCH_DEFAULTS;
  const values: Record<FlagName, number> = { clients: base.clients, seconds: base.seconds, rate: base.rate };
  for (const flag of Object.keys(SERVE_BENCH_FLAGS) as FlagName[]) {
    const text = flags[flag];
    if (text === undefined) continue;
    const parsed = wholeNumber(flag, text);
    if (!parsed.ok) return parsed;
    values[flag] = parsed.value;
  }
  return ok({ ...base, ...values });
}
