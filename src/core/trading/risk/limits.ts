// Risk limits as data: a plain serializable array (stored in SQLite, edited through the API), plus its validation
// from each kind's parameter descriptor (the API's zod schema is derived from the same descriptors).
import { err, ok, type Result } from '../../model/result';
import { BREACH_ACTIONS, DRAWDOWN_REFERENCES, type ParamType } from './limitKind';
import { isLimitKind, kindOf, type RiskLimit, type RiskLimitKind } from './limitKinds';

export type { RiskLimit, RiskLimitKind } from './limitKinds';
export type { BreachAction, DrawdownReference } from './limitKind';

export interface InvalidLimit {
  readonly code: 'INVALID_LIMIT';
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
}

const SYMBOL = /^[A-Z0-9][A-Z0-9._\-/]{0,23}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Whether `value` is a valid value of a parameter of type `type` (optional types accept undefined). */
export function validParam(type: ParamType, value: unknown): boolean {
  switch (type) {
    case 'positive':
      return typeof value === 'number' && Number.isFinite(value) && value > 0;
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1;
    case 'confidence':
      return typeof value === 'number' && value > 0.5 && value < 1;
    case 'symbol?':
      return value === undefined || (typeof value === 'string' && SYMBOL.test(value));
    case 'symbols':
      return Array.isArray(value) && value.length <= 10_000 && value.every((s) => typeof s === 'string' && SYMBOL.test(s));
    case 'currency?':
      return value === undefined || (typeof value === 'string' && CURRENCY.test(value));
    case 'drawdownFrom':
      return DRAWDOWN_REFERENCES.includes(value as never);
    default:
      return assertNeverParam(type);
  }
}

function assertNeverParam(type: never): never {
  throw new Error(`unknown limit parameter type ${String(type)}`);
}

/** Refuses unknown kinds, invalid or missing parameters, unknown fields and duplicate ids. */
export function validateLimits(limits: readonly RiskLimit[]): Result<readonly RiskLimit[], InvalidLimit> {
  const ids = new Set<string>();
  for (const limit of limits) {
    if (typeof limit.id !== 'string' || limit.id.length === 0 || ids.has(limit.id)) {
      return err({ code: 'INVALID_LIMIT', id: String(limit.id), field: 'id', value: limit.id });
    }
    ids.add(limit.id);
    if (!isLimitKind(limit.kind)) return err({ code: 'INVALID_LIMIT', id: limit.id, field: 'kind', value: limit.kind });
    const record = limit as unknown as Record<string, unknown>;
    if (record.onBreach !== undefined && !BREACH_ACTIONS.includes(record.onBreach as never)) {
      return err({ code: 'INVALID_LIMIT', id: limit.id, field: 'onBreach', value: record.onBreach });
    }
    const params = kindOf(limit).params;
    for (const [field, type] of Object.entries(params)) {
      if (!validParam(type, record[field])) return err({ code: 'INVALID_LIMIT', id: limit.id, field, value: record[field] });
    }
    for (const field of Object.keys(record)) {
      if (field !== 'id' && field !== 'kind' && field !== 'onBreach' && !(field in params)) {
        return err({ code: 'INVALID_LIMIT', id: limit.id, field, value: record[field] });
      }
    }
  }
  return ok(limits);
}

/** Utilization of one limit for the risk panel; `ratio` is null for limits that are not a quantity (lists) or cannot be measured now. */
export interface LimitUtilization {
  readonly id: string;
  readonly kind: RiskLimitKind;
  readonly used: number;
  readonly limit: number;
  readonly ratio: number | null;
  /** What `used` refers to: a symbol, a sector, a currency, 'account', 'last order', or 'unavailable'. */
  readonly scope: string;
}

/** What is left of a limit once an order is counted (the ticket's preview). */
export interface LimitHeadroom {
  readonly id: string;
  readonly kind: RiskLimitKind;
  /** Usage with the order counted, and the threshold. */
  readonly used: number;
  readonly limit: number;
  /** limit − used: negative means the check would deny the order (unless it reduces risk). */
  readonly headroom: number;
}
