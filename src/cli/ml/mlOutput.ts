// Shared by the `nautilus ml` subcommands: JSON numbers (non-finite as null, typed arrays as arrays) and error lines.
import type { MlInputError } from '../../core/ml/mlInputError';
import type { ReturnSeries } from './returnSeriesInput';

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v));
}

/** A model's refusal, pointing at the file line (CSV input) or the day (stored symbol) where it can. */
export function describeModelError(e: MlInputError, series: ReturnSeries): string {
  switch (e.code) {
    case 'NON_FINITE_VALUE':
    case 'NON_POSITIVE_PRICE': {
      const line = series.lines?.[e.index];
      const day = series.times?.[e.index];
      const where = line !== undefined ? `${series.source}:${line}` : day !== undefined ? `${series.source} ${new Date(day).toISOString().slice(0, 10)}` : series.source;
      return `${where}: ${e.code}: ${e.message}`;
    }
    case 'TOO_FEW_OBSERVATIONS':
    case 'CONSTANT_SERIES':
    case 'CONSTANT_FEATURE':
    case 'SHAPE_MISMATCH':
    case 'BAD_OPTION':
    case 'NOT_CONVERGED':
    case 'CANCELLED':
      return `${series.source}: ${e.code}: ${e.message}`;
    default: {
      const never: never = e;
      throw new Error(`unhandled model error ${JSON.stringify(never)}`);
    }
  }
}

/** A whole number in [min, max] from a flag, or the fallback when absent. */
export function intOption(text: string | undefined, flag: string, fallback: number, min: number, max: number): { ok: true; value: number } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, value: fallback };
  const v = Number(text);
  return /^\d+$/.test(text.trim()) && v >= min && v <= max ? { ok: true, value: v } : { ok: false, error: `${flag} must be a whole number from ${min} to ${max}, got '${text}'` };
}
