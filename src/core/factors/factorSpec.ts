// What a factor request names (a library factor, a saved factor or an expression) resolved to checked
// expression text, and its evaluation over a panel, in symbol chunks when it has no cross-sectional operator.
import { err, ok, type Result } from '../model/result';
import { evaluateExpression, evaluateUncleaned, ScratchArrays, type EvaluationInput } from './expression/evaluate';
import { checkExpression, type CheckedExpression, type ExpressionError, type ValidationContext } from './expression/validate';
import { libraryFactor } from './library';
import { panelSize, toDateMajor, type Panel } from './panel';

export type FactorSpec = { readonly kind: 'library'; readonly name: string } | { readonly kind: 'expression'; readonly expression: string; readonly name?: string };

export type FactorSpecError = ExpressionError | { readonly code: 'UNKNOWN_FACTOR'; readonly message: string; readonly name: string };

export interface ResolvedFactor {
  readonly name: string;
  readonly checked: CheckedExpression;
}

export function resolveFactor(spec: FactorSpec, context: ValidationContext): Result<ResolvedFactor, FactorSpecError> {
  let name: string;
  let expression: string;
  if (spec.kind === 'library') {
    const found = libraryFactor(spec.name);
    if (!found) return err({ code: 'UNKNOWN_FACTOR', message: `no library factor named '${spec.name}' (nautilus factors list shows them)`, name: spec.name });
    name = found.name;
    expression = found.expression;
  } else {
    name = spec.name ?? spec.expression;
    expression = spec.expression;
  }
  const checked = checkExpression(expression, context);
  if (!checked.ok) return checked;
  return ok({ name, checked: checked.value });
}

/**
 * A panel as the evaluator's input: bar fields are the panel's columns by name (`vwap`, when absent, the typical
 * price), other fields (`feature:…`, `fundamental:…`) columns under that key.
 */
export function panelInput(panel: Panel, from = 0, to = panel.symbols.length): EvaluationInput {
  const T = panel.times.length;
  let vwap: Float64Array | undefined;
  const column = (key: string): Float64Array => {
    const name = key.startsWith('bar:') ? key.slice(4) : key;
    const full = panel.columns.get(name);
    if (full) return full.subarray(from * T, to * T);
    if (name === 'vwap') {
      if (!vwap) {
        const [h, l, c] = ['high', 'low', 'close'].map((f) => column(`bar:${f}`));
        vwap = new Float64Array((to - from) * T);
        for (let i = 0; i < vwap.length; i++) vwap[i] = (h![i]! + l![i]! + c![i]!) / 3;
      }
      return vwap;
    }
    throw new Error(`the panel has no column ${name}: the service loads every field an expression names`);
  };
  return {
    symbols: to - from,
    dates: T,
    field: column,
    group: (name) => {
      const g = panel.groups.get(name);
      if (!g) throw new Error(`the panel has no ${name} groups: validation checks them`);
      return g.subarray(from, to);
    },
  };
}

/** Symbols per evaluation chunk: keeps an expression's temporaries in cache instead of panel-sized. */
const CHUNK_SYMBOLS = 64;

/** How a factor's values are laid out: symbol-major (the panel's own layout) or date-major (the analytics'). */
export type ValuesLayout = 'symbol-major' | 'date-major';

/**
 * The factor's values over the panel, symbol-major (or date-major, written straight from each chunk, for the
 * analytics); into `out` (panel-sized, reused by the caller) when given. Chunks share one set of scratch arrays.
 */
export function evaluateOnPanel(factor: ResolvedFactor, panel: Panel, out: Float64Array = new Float64Array(panelSize(panel)), layout: ValuesLayout = 'symbol-major'): Float64Array {
  if (out.length !== panelSize(panel)) throw new Error(`an output of ${out.length} values for a panel of ${panelSize(panel)}`);
  const T = panel.times.length;
  const S = panel.symbols.length;
  if (factor.checked.crossSectional) {
    const values = evaluateExpression(factor.checked, panelInput(panel));
    if (layout === 'date-major') toDateMajor(values, T, out);
    else out.set(values);
    return out;
  }
  const scratch = new ScratchArrays(Math.min(CHUNK_SYMBOLS, S) * T);
  for (let from = 0; from < S; from += CHUNK_SYMBOLS) {
    const to = Math.min(S, from + CHUNK_SYMBOLS);
    // Cleaned (non-finite → NaN, as evaluateExpression does) while copied out: no copy of the chunk first.
    const raw = evaluateUncleaned(factor.checked, panelInput(panel, from, to), scratch);
    const chunk = raw.length === 1 ? new Float64Array((to - from) * T).fill(raw[0]!) : raw;
    if (layout === 'date-major') {
      // Transposed in blocks of dates: each block's rows stay in cache while the chunk's symbols fill them.
      const B = 64;
      for (let t0 = 0; t0 < T; t0 += B) {
        const t1 = Math.min(T, t0 + B);
        for (let s = from; s < to; s++) {
          const base = (s - from) * T;
          for (let t = t0; t < t1; t++) {
            const v = chunk[base + t]!;
            out[t * S + s] = v - v === 0 ? v : NaN;
          }
        }
      }
    } else {
      const base = from * T;
      const n = (to - from) * T;
      for (let i = 0; i < n; i++) {
        const v = chunk[i]!;
        out[base + i] = v - v === 0 ? v : NaN;
      }
    }
    scratch.release();
  }
  return out;
}
