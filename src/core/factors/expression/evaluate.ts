// Evaluates a checked expression over a panel of symbols (symbol-major columns, `dates` per symbol). Element-wise
// operators run as one loop per operator (no per-value closure call), and a subexpression that appears more than
// once (`delta(close, 1)` three times in SUMD) is computed once per evaluation.
import { seriesOf } from '../panel';
import type { BinaryOp, Expr } from './ast';
import { OPERATORS } from './operators';
import type { CheckedExpression } from './validate';

export interface EvaluationInput {
  readonly symbols: number;
  readonly dates: number;
  /** A field's column: `bar:close`, `feature:rsi:14`, `fundamental:pe` (symbols × dates, symbol-major). */
  readonly field: (key: string) => Float64Array;
  readonly group: (name: string) => Int32Array;
}

/**
 * Arrays of one size for an evaluation's temporaries, taken and handed back all at once: evaluating chunk after
 * chunk of a panel then allocates (and collects) nothing after the first chunk.
 */
export class ScratchArrays {
  private readonly free: Float64Array[] = [];
  private readonly used: Float64Array[] = [];

  constructor(readonly size: number) {}

  /** An array of `size` values with arbitrary contents (every writer here writes every value). */
  take(): Float64Array {
    const a = this.free.pop() ?? new Float64Array(this.size);
    this.used.push(a);
    return a;
  }

  /** Every array taken since the last release is free again: the caller has copied what it keeps. */
  release(): void {
    for (const a of this.used) this.free.push(a);
    this.used.length = 0;
  }
}

/**
 * The expression's values; non-finite results (a division by zero) are NaN, that is missing. With `scratch` (arrays
 * of symbols × dates values) the result may be one of its arrays: copy it before the scratch is released.
 */
export function evaluateExpression(checked: CheckedExpression, input: EvaluationInput, scratch?: ScratchArrays): Float64Array {
  const out = new Evaluation(input, scratch).node(checked.expr);
  const root = checked.expr.kind;
  // A bare field or a reused subexpression is not ours to clean in place: copy it first.
  const result = out.length === 1 ? new Float64Array(input.symbols * input.dates).fill(out[0]!) : root === 'name' || root === 'call' ? out.slice() : out;
  for (let i = 0; i < result.length; i++) if (!Number.isFinite(result[i]!)) result[i] = NaN;
  return result;
}

/**
 * The expression's values as computed, not yet cleaned: may be a field's own column, one of `scratch`'s arrays or a
 * one-element constant, and may hold ±Infinity. For a caller that copies them out anyway (evaluateOnPanel cleans
 * while it transposes): read, never write.
 */
export function evaluateUncleaned(checked: CheckedExpression, input: EvaluationInput, scratch?: ScratchArrays): Float64Array {
  return new Evaluation(input, scratch).node(checked.expr);
}

/** A node's identity for reuse: its text without positions. */
export function nodeKey(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'name':
      return e.name;
    case 'neg':
      return `-(${nodeKey(e.arg)})`;
    case 'binary':
      return `(${nodeKey(e.left)}${e.op}${nodeKey(e.right)})`;
    case 'call':
      return `${e.name}(${e.args.map(nodeKey).join(',')})`;
    default: {
      const never: never = e;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

/** One evaluation: its input and the values of the subexpressions computed so far (never written after). */
class Evaluation {
  private readonly done = new Map<string, Float64Array>();
  private readonly size: number;

  constructor(
    private readonly input: EvaluationInput,
    private readonly scratch?: ScratchArrays,
  ) {
    this.size = input.symbols * input.dates;
  }

  /** A series-sized array to overwrite completely. */
  private allocate(): Float64Array {
    return this.scratch && this.scratch.size === this.size ? this.scratch.take() : new Float64Array(this.size);
  }

  /** A constant evaluates to a one-element array, broadcast where it meets a series. */
  node(e: Expr): Float64Array {
    if (e.kind === 'number') return Float64Array.of(e.value);
    const key = nodeKey(e);
    let values = this.done.get(key);
    if (!values) {
      values = this.compute(e);
      this.done.set(key, values);
    }
    return values;
  }

  private broadcast(x: Float64Array): Float64Array {
    return x.length === 1 ? this.allocate().fill(x[0]!) : x;
  }

  private compute(e: Expr): Float64Array {
    const input = this.input;
    const size = this.size;
    switch (e.kind) {
      case 'number':
        return Float64Array.of(e.value);
      case 'string':
        throw new Error('a string outside feature()/fundamental() passed validation');
      case 'name':
        return input.field(`bar:${e.name}`);
      case 'neg': {
        const x = this.node(e.arg);
        const out = x.length === 1 ? new Float64Array(1) : this.allocate();
        for (let i = 0; i < x.length; i++) out[i] = -x[i]!;
        return out;
      }
      case 'binary':
        return binary(e.op, this.node(e.left), this.node(e.right), size, () => this.allocate());
      case 'call': {
        if (e.name === 'feature' || e.name === 'fundamental') return input.field(`${e.name}:${(e.args[0] as { value: string }).value}`);
        const op = OPERATORS[e.name]!;
        const numberArgs = op.args.flatMap((kind, i) => (kind === 'number' ? [numeric(e.args[i]!)] : []));
        switch (op.family) {
          case 'element':
            return element(e.name, op.apply, e.args.map((a) => this.node(a)), size, () => this.allocate());
          case 'time-series': {
            const window = numeric(e.args[op.args.indexOf('window')]!);
            const series = op.args.flatMap((kind, i) => (kind === 'series' ? [this.broadcast(this.node(e.args[i]!))] : []));
            const out = this.allocate();
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
            const x = this.broadcast(this.node(e.args[0]!));
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
}

/**
 * a op b element-wise, a constant (length 1) broadcast; comparisons give 1 or 0, NaN when either side is NaN (the
 * same results as operators.ts's BINARY table, one loop per operator).
 */
function binary(op: BinaryOp, a: Float64Array, b: Float64Array, size: number, allocate: () => Float64Array): Float64Array {
  const n = a.length === 1 && b.length === 1 ? 1 : size;
  const out = n === 1 ? new Float64Array(1) : allocate();
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i * sa]! + b[i * sb]!;
      return out;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i * sa]! - b[i * sb]!;
      return out;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i * sa]! * b[i * sb]!;
      return out;
    case '/':
      for (let i = 0; i < n; i++) out[i] = a[i * sa]! / b[i * sb]!;
      return out;
    case '<':
      for (let i = 0; i < n; i++) out[i] = compared(a[i * sa]!, b[i * sb]!, a[i * sa]! < b[i * sb]!);
      return out;
    case '>':
      for (let i = 0; i < n; i++) out[i] = compared(a[i * sa]!, b[i * sb]!, a[i * sa]! > b[i * sb]!);
      return out;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = compared(a[i * sa]!, b[i * sb]!, a[i * sa]! <= b[i * sb]!);
      return out;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = compared(a[i * sa]!, b[i * sb]!, a[i * sa]! >= b[i * sb]!);
      return out;
    case '==':
      for (let i = 0; i < n; i++) out[i] = compared(a[i * sa]!, b[i * sb]!, a[i * sa]! === b[i * sb]!);
      return out;
    case '!=':
      for (let i = 0; i < n; i++) out[i] = compared(a[i * sa]!, b[i * sb]!, a[i * sa]! !== b[i * sb]!);
      return out;
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

const compared = (a: number, b: number, holds: boolean): number => (a !== a || b !== b ? NaN : holds ? 1 : 0);

/** An element-wise operator: the common ones as their own loop, the rest through the table's function. */
function element(name: string, apply: (a: number, b: number, c: number) => number, xs: readonly Float64Array[], size: number, allocate: () => Float64Array): Float64Array {
  const a = xs[0]!;
  const b = xs[1] ?? Float64Array.of(NaN);
  const c = xs[2] ?? Float64Array.of(NaN);
  const n = xs.every((x) => x.length === 1) ? 1 : size;
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  const sc = c.length === 1 ? 0 : 1;
  const out = n === 1 ? new Float64Array(1) : allocate();
  switch (name) {
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(a[i * sa]!);
      return out;
    case 'log':
      for (let i = 0; i < n; i++) {
        const v = a[i * sa]!;
        out[i] = v > 0 ? Math.log(v) : NaN;
      }
      return out;
    case 'max':
      for (let i = 0; i < n; i++) {
        const u = a[i * sa]!;
        const v = b[i * sb]!;
        out[i] = u !== u || v !== v ? NaN : Math.max(u, v);
      }
      return out;
    case 'min':
      for (let i = 0; i < n; i++) {
        const u = a[i * sa]!;
        const v = b[i * sb]!;
        out[i] = u !== u || v !== v ? NaN : Math.min(u, v);
      }
      return out;
    default:
      for (let i = 0; i < n; i++) out[i] = apply(a[i * sa]!, b[i * sb]!, c[i * sc]!);
      return out;
  }
}

const numeric = (e: Expr): number => (e.kind === 'number' ? e.value : e.kind === 'neg' && e.arg.kind === 'number' ? -e.arg.value : NaN);
