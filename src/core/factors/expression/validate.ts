// Checks a parsed expression against the operator table and the data: unknown names, wrong arguments and windows
// longer than the data are refused with the offending token's position. Nothing is computed before this passes.
import { err, ok, type Result } from '../../model/result';
import type { Expr } from './ast';
import { BAR_FIELDS, FIELD_FUNCTIONS, GROUPS, OPERATORS, type FieldFunction } from './operators';
import { parseExpression, type SyntaxError } from './parser';

export type ExpressionError =
  | SyntaxError
  | { readonly code: 'UNKNOWN_FIELD' | 'UNKNOWN_OPERATOR' | 'BAD_ARGUMENT' | 'WINDOW_TOO_LARGE' | 'UNKNOWN_GROUP'; readonly message: string; readonly position: number; readonly token: string };

/** A value the expression reads: a bar field, a stored feature or a fundamental. */
export interface FieldRef {
  readonly source: 'bar' | FieldFunction;
  readonly name: string;
  /** Where the expression first names it. */
  readonly position: number;
}

export interface CheckedExpression {
  readonly source: string;
  readonly expr: Expr;
  readonly fields: readonly FieldRef[];
  readonly groups: readonly string[];
  /** True when a cross-sectional operator appears: it must then see every symbol at once. */
  readonly crossSectional: boolean;
  /** Bars of history the value at t depends on (t − lookback … t). */
  readonly lookback: number;
}

export interface ValidationContext {
  /** Dates in the data: a window longer than this is refused. */
  readonly dates: number;
  /** Groupings the data has (e.g. sector); neutralize by another is refused. */
  readonly groups: readonly string[];
}

export const MAX_WINDOW = 2_520;

class Refusal extends Error {
  constructor(readonly error: ExpressionError) {
    super(error.message);
  }
}

const tokenOf = (e: Expr): string => {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'name':
    case 'call':
      return e.name;
    case 'neg':
      return '-';
    case 'binary':
      return e.op;
    default: {
      const never: never = e;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
};

export function checkExpression(source: string, context: ValidationContext): Result<CheckedExpression, ExpressionError> {
  const parsed = parseExpression(source);
  if (!parsed.ok) return parsed;
  const fields = new Map<string, FieldRef>();
  const groups = new Set<string>();
  let crossSectional = false;
  const refuse = (code: Exclude<ExpressionError['code'], 'PARSE_ERROR'>, node: Expr, message: string): never => {
    throw new Refusal({ code, message: `${message} (at ${node.position})`, position: node.position, token: tokenOf(node) });
  };

  /** Returns the lookback of the node. */
  const visit = (e: Expr): number => {
    switch (e.kind) {
      case 'number':
        return 0;
      case 'string':
        return refuse('BAD_ARGUMENT', e, `a string can only name a feature or fundamental, as in feature(${JSON.stringify(e.value)})`);
      case 'name':
        if ((BAR_FIELDS as readonly string[]).includes(e.name)) {
          if (!fields.has(`bar:${e.name}`)) fields.set(`bar:${e.name}`, { source: 'bar', name: e.name, position: e.position });
          return 0;
        }
        if (OPERATORS[e.name] || (FIELD_FUNCTIONS as readonly string[]).includes(e.name)) return refuse('BAD_ARGUMENT', e, `${e.name} is an operator: call it as ${e.name}(…)`);
        return refuse('UNKNOWN_FIELD', e, `unknown field '${e.name}': fields are ${BAR_FIELDS.join(', ')}, feature("name") and fundamental("name")`);
      case 'neg':
        return visit(e.arg);
      case 'binary':
        return Math.max(visit(e.left), visit(e.right));
      case 'call':
        return visitCall(e);
      default: {
        const never: never = e;
        throw new Error(`unknown node ${JSON.stringify(never)}`);
      }
    }
  };

  const visitCall = (e: Extract<Expr, { kind: 'call' }>): number => {
    if ((FIELD_FUNCTIONS as readonly string[]).includes(e.name)) {
      const arg = e.args[0];
      if (e.args.length !== 1 || arg?.kind !== 'string') return refuse('BAD_ARGUMENT', e, `${e.name} takes one quoted name, as in ${e.name}("name")`);
      if (!fields.has(`${e.name}:${arg.value}`)) fields.set(`${e.name}:${arg.value}`, { source: e.name as FieldFunction, name: arg.value, position: e.position });
      return 0;
    }
    const op = OPERATORS[e.name];
    if (!op) return refuse('UNKNOWN_OPERATOR', e, `unknown operator '${e.name}'`);
    if (e.args.length !== op.args.length) return refuse('BAD_ARGUMENT', e, `${e.name} takes ${op.args.length} argument${op.args.length === 1 ? '' : 's'} (${op.args.join(', ')}), got ${e.args.length}`);
    if (op.family === 'cross-section') crossSectional = true;
    let lookback = 0;
    let window = 0;
    op.args.forEach((kind, i) => {
      const arg = e.args[i]!;
      switch (kind) {
        case 'series':
          lookback = Math.max(lookback, visit(arg));
          break;
        case 'window':
          if (arg.kind !== 'number' || !Number.isInteger(arg.value) || arg.value < 1) refuse('BAD_ARGUMENT', arg, `the window of ${e.name} must be a whole number of bars, at least 1`);
          else if (arg.value > MAX_WINDOW) refuse('WINDOW_TOO_LARGE', arg, `a window of ${arg.value} bars is over the limit of ${MAX_WINDOW}`);
          else if (arg.value > context.dates) refuse('WINDOW_TOO_LARGE', arg, `a window of ${arg.value} bars is larger than the data (${context.dates} dates)`);
          else window = arg.value;
          break;
        case 'number':
          if (!(arg.kind === 'number' || (arg.kind === 'neg' && arg.arg.kind === 'number'))) refuse('BAD_ARGUMENT', arg, `argument ${i + 1} of ${e.name} must be a number`);
          if (e.name === 'ts_quantile' && arg.kind === 'number' && !(arg.value >= 0 && arg.value <= 1)) refuse('BAD_ARGUMENT', arg, 'the quantile must be from 0 to 1');
          if (e.name === 'winsorize' && !(arg.kind === 'number' && arg.value > 0)) refuse('BAD_ARGUMENT', arg, 'winsorize needs a positive number of standard deviations');
          break;
        case 'group':
          if (arg.kind !== 'name' || !(GROUPS as readonly string[]).includes(arg.name)) refuse('UNKNOWN_GROUP', arg, `${e.name} groups by ${GROUPS.join(' or ')}`);
          else if (!context.groups.includes(arg.name)) refuse('UNKNOWN_GROUP', arg, `the data has no ${arg.name} for its symbols`);
          else groups.add(arg.name);
          break;
        default: {
          const never: never = kind;
          throw new Error(`unknown argument kind ${String(never)}`);
        }
      }
    });
    return op.family === 'time-series' ? lookback + window - (e.name === 'ts_delay' || e.name === 'delta' ? 0 : 1) : lookback;
  };

  try {
    const lookback = visit(parsed.value);
    return ok({ source, expr: parsed.value, fields: [...fields.values()], groups: [...groups], crossSectional, lookback });
  } catch (e) {
    if (e instanceof Refusal) return err(e.error);
    throw e;
  }
}

/** The source with a caret under the offending token, for terminals and logs. */
export function pointAt(source: string, position: number): string {
  return `${source}\n${' '.repeat(Math.max(0, Math.min(position, source.length)))}^`;
}
