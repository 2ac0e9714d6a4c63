// Builds a training set from a panel of dated, per-symbol rows: the chosen features by name, the target as the
// forward return over h bars (or its direction), rows ordered by date then symbol; refuses unknown features and
// non-finite values naming the symbol, date and feature. A row's features use only its own bar and earlier.
import { err, ok, type Result } from '../model/result';
import type { TrainingSet } from './walkForwardTraining';

export interface PanelRow {
  readonly date: number;
  readonly symbol: string;
  readonly close: number;
  readonly features: Readonly<Record<string, number>>;
}

export type TargetKind = 'return' | 'direction';

export type TrainingSetError =
  | { readonly code: 'UNKNOWN_FEATURE'; readonly feature: string; readonly known: readonly string[]; readonly message: string }
  | { readonly code: 'NON_FINITE_VALUE'; readonly symbol: string; readonly date: number; readonly field: string; readonly value: number; readonly message: string }
  | { readonly code: 'TOO_FEW_OBSERVATIONS'; readonly observations: number; readonly minimum: number; readonly message: string };

export interface BuiltTrainingSet extends TrainingSet {
  readonly symbols: readonly string[];
  readonly features: readonly string[];
  /** Rows left out because a feature was missing (only with missing: 'skip'). */
  readonly skipped: number;
}

/**
 * 'refuse': a non-finite feature or close is an error (a file is expected complete). 'skip': NaN is "missing", as in
 * a factor panel (a window's warm-up, a day without a bar): such rows are left out and counted.
 */
export type MissingPolicy = 'refuse' | 'skip';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** `rows` in any order; the last `horizon` bars of each symbol have no target and are left out. */
export function buildTrainingSet(rows: readonly PanelRow[], features: readonly string[], horizon: number, target: TargetKind, missing: MissingPolicy = 'refuse'): Result<BuiltTrainingSet, TrainingSetError> {
  const known = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.features)) known.add(k);
  for (const f of features) if (!known.has(f)) return err({ code: 'UNKNOWN_FEATURE', feature: f, known: [...known].sort(), message: `no feature named '${f}' (known: ${[...known].sort().join(', ')})` });
  const bySymbol = new Map<string, PanelRow[]>();
  for (const r of rows) {
    if (missing === 'skip' && Number.isNaN(r.close)) continue;
    (bySymbol.get(r.symbol) ?? bySymbol.set(r.symbol, []).get(r.symbol)!).push(r);
  }
  const out: Array<{ row: PanelRow; y: number }> = [];
  let skipped = 0;
  for (const [symbol, list] of bySymbol) {
    list.sort((a, b) => a.date - b.date);
    for (let t = 0; t < list.length; t++) {
      const r = list[t]!;
      if (!(r.close > 0) || !Number.isFinite(r.close)) return err({ code: 'NON_FINITE_VALUE', symbol, date: r.date, field: 'close', value: r.close, message: `${symbol} ${day(r.date)}: close is ${r.close}` });
      if (t + horizon >= list.length) continue;
      if (missing === 'skip' && features.some((f) => Number.isNaN(r.features[f]))) {
        skipped++;
        continue;
      }
      for (const f of features) {
        const v = r.features[f];
        if (v === undefined || !Number.isFinite(v)) return err({ code: 'NON_FINITE_VALUE', symbol, date: r.date, field: f, value: v ?? NaN, message: `${symbol} ${day(r.date)}: feature ${f} is ${v ?? 'missing'}` });
      }
      const forward = list[t + horizon]!.close / r.close - 1;
      out.push({ row: r, y: target === 'direction' ? (forward > 0 ? 1 : 0) : forward });
    }
  }
  if (out.length < 2) return err({ code: 'TOO_FEW_OBSERVATIONS', observations: out.length, minimum: 2, message: `only ${out.length} rows have a ${horizon}-bar forward return` });
  out.sort((a, b) => a.row.date - b.row.date || (a.row.symbol < b.row.symbol ? -1 : a.row.symbol > b.row.symbol ? 1 : 0));
  const p = features.length;
  const x = new Float64Array(out.length * p);
  out.forEach((o, i) => features.forEach((f, j) => (x[i * p + j] = o.row.features[f]!)));
  return ok({
    design: { x, rows: out.length, features: p },
    y: Float64Array.from(out, (o) => o.y),
    time: Float64Array.from(out, (o) => o.row.date),
    symbols: out.map((o) => o.row.symbol),
    features: [...features],
    skipped,
  });
}
