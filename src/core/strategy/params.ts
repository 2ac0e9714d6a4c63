// A run's parameters: the strategy's defaults overridden by what the user gave, each checked against its spec.
import { err, ok, type Result } from '../model/result';
import type { ParamSpecs, ParamValues } from './strategy';

export type ParamError =
  | { readonly code: 'UNKNOWN_PARAMETER'; readonly name: string; readonly known: readonly string[] }
  | { readonly code: 'PARAMETER_NOT_FINITE'; readonly name: string; readonly value: number }
  | { readonly code: 'PARAMETER_NOT_INTEGER'; readonly name: string; readonly value: number }
  | { readonly code: 'PARAMETER_OUT_OF_RANGE'; readonly name: string; readonly value: number; readonly min: number | null; readonly max: number | null };

export function resolveParams(specs: ParamSpecs, given: Readonly<Record<string, number>>): Result<ParamValues, ParamError> {
  const known = Object.keys(specs);
  for (const name of Object.keys(given)) if (!Object.hasOwn(specs, name)) return err({ code: 'UNKNOWN_PARAMETER', name, known });
  const values: Record<string, number> = {};
  for (const name of known) {
    const spec = specs[name] as ParamSpecs[string];
    const value = Object.hasOwn(given, name) ? (given[name] as number) : spec.default;
    if (!Number.isFinite(value)) return err({ code: 'PARAMETER_NOT_FINITE', name, value });
    if (spec.integer && !Number.isInteger(value)) return err({ code: 'PARAMETER_NOT_INTEGER', name, value });
    if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
      return err({ code: 'PARAMETER_OUT_OF_RANGE', name, value, min: spec.min ?? null, max: spec.max ?? null });
    }
    values[name] = value;
  }
  return ok(values);
}

export function describeParamError(e: ParamError): string {
  switch (e.code) {
    case 'UNKNOWN_PARAMETER':
      return `unknown parameter '${e.name}' (this strategy takes: ${e.known.join(', ') || 'none'})`;
    case 'PARAMETER_NOT_FINITE':
      return `parameter '${e.name}' must be a finite number, got ${e.value}`;
    case 'PARAMETER_NOT_INTEGER':
      return `parameter '${e.name}' must be a whole number, got ${e.value}`;
    case 'PARAMETER_OUT_OF_RANGE':
      return `parameter '${e.name}' = ${e.value} is outside [${e.min ?? '−∞'}, ${e.max ?? '∞'}]`;
    default:
      return e satisfies never;
  }
}
