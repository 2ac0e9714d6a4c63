// Evaluates a checked expression over a panel of symbols (symbol-major columns, `dates` per symbol).
import { seriesOf } from '../panel';
import type { Expr } from './ast';
import { BINARY, OPERATORS } from './operators';
import type { CheckedExpression } from './validate';

export interface EvaluationInput {
  readonly symbols: number;
  readonly dates: number;
  /** A field's column: `bar:close`, `feature:rsi:14`, `fundamental:pe` (symbols × dates, symbol-major). */
  readonly field: (key: string) => Float64Array;
  readonly group: (name: string) => Int32Array;
}

/** The expression's values; non-finite results (a division by zero) are NaN, that is missing. */
export function evaluateExpression(checked: CheckedExpression, input: EvaluationInput): Float64Array {
  const out = evaluateNode(checked.expr, input);
  const root = checked.expr.kind;
  // A bare field evaluates to the field's own column: copy it before cleaning.
  const result = out.length === 1 ? new Float64Array(input.symbols * input.dates).fill(out[0]!) : root === 'name' || root === 'call' ? out.slice() : out;
  for (let i = 0; i < result.length; i++) if (!Number.isFinite(result[i]!)) result[i] = NaN;
  return result;
}

/** A constant evaluates to a one-element array, broadcast where it meets a series. */
function evaluateNode(e: Expr, input: EvaluationInput): Float64Array {
  const size = input.symbols * input.dates;
  const at = (x: Float64Array, i: number) => (x.length === 1 ? x[0]! : x[i]!);
  const broadcast = (x: Float64Array) => (x.length === 1 ? new Float64Array(size).fill(x[0]!) : x);
  switch (e.kind) {
    case 'number':
      return Float64Array.of(e.value);
    case 'string':
      throw new Error('a string outside feature()/fundamental() passed validation');
    case 'name':
      return input.field(`bar:${e.name}`);
    case 'neg': {
      const x = evaluateNode(e.arg, input);
      return x.map((v) => -v);
    }
    case 'binary': {
      const a = evaluateNode(e.left, input);
      const b = evaluateNode(e.right, input);
      const fn = BINARY[e.op]!;
      if (a.length === 1 && b.length === 1) return Float64Array.of(fn(a[0]!, b[0]!));
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = fn(at(a, i), at(b, i));
      return out;
    }
    case 'call': {
      if (e.name === 'feature' || e.name === 'fundamental') return input.field(`${e.name}:${(e.args[0] as { value: string }).value}`);
      const op = OPERATORS[e.name]!;
      const numberArgs = op.args.flatMap((kind, i) => (kind === 'number' ? [numeric(e.args[i]!)] : []));
      switch (op.family) {
        case 'element': {
          const xs = e.args.map((a) => evaluateNode(a, input));
          const out = new Float64Array(size);
          const [a, b, c] = [xs[0]!, xs[1] ?? Float64Array.of(NaN), xs[2] ?? Float64Array.of(NaN)];
          for (let i = 0; i < size; i++) out[i] = op.apply(at(a, i), at(b, i), at(c, i));
          return out;
        }
        case 'time-series': {
          const window = numeric(e.args[op.args.indexOf('window')]!);
          const series = op.args.flatMap((kind, i) => (kind === 'series' ? [broadcast(evaluateNode(e.args[i]!, input))] : []));
          const out = new Float64Array(size);
          for (let s = 0; s < input.symbols; s++) {
            op.apply(
              series.map((x) => seriesOf(x, input.dates, s)),
              window,
              numberArgs,
              seriesOf(out, input.dates, s),
            );
          }
          return out;
        }
        case 'cross-section': {
          const x = broadcast(evaluateNode(e.args[0]!, input));
          const groupArg = op.args.indexOf('group');
          const group = groupArg >= 0 ? input.group((e.args[groupArg] as { name: string }).name) : undefined;
          const out = new Float64Array(size);
          op.apply(x, input.dates, numberArgs, group, out);
          return out;
        }
        default: {
          const never: never = op;
          throw new Error(`unknown operator family ${JSON.stringify(never)}`);
        }
      }
    }
    default: {
      const never: never = e;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

const numeric = (e: Expr): number => (e.kind === 'number' ? e.value : e.kind === 'neg' && e.arg.kind === 'number' ? -e.arg.value : NaN);
