// Indicator spec strings (`rsi:14,macd:12:26:9,bbands:20:2`): parsing and validation into typed specs.

import { err, ok } from '../model/result';
import type { Result } from '../model/result';
import { getIndicator, indicatorIds } from './registry';
import type { IndicatorDef } from './registry';

/** A validated indicator with every parameter resolved (defaults filled in). */
export interface IndicatorSpec {
  readonly id: string;
  readonly params: readonly number[];
  /** Column-name stem: id and parameters joined by `_`, e.g. `macd_12_26_9`. */
  readonly key: string;
}

export type SpecError =
  | { readonly code: 'UNKNOWN_INDICATOR'; readonly id: string; readonly message: string }
  | {
      readonly code: 'BAD_PARAMETER';
      readonly id: string;
      readonly param: string;
      readonly value: string;
      readonly reason: string;
      readonly message: string;
    }
  | { readonly code: 'EMPTY_SPEC'; readonly position: number; readonly message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function badParameter(id: string, param: string, value: string, reason: string): SpecError {
  return { code: 'BAD_PARAMETER', id, param, value, reason, message: `${id}: parameter ${param} = '${value}' ${reason}` };
}

function unknown(id: string): SpecError {
  return { code: 'UNKNOWN_INDICATOR', id, message: `unknown indicator '${id}' (known: ${indicatorIds().join(', ')})` };
}

/** Validates raw parameter texts against the definition; missing trailing parameters take their defaults. */
function resolve(def: IndicatorDef, raw: readonly string[]): Result<IndicatorSpec, SpecError> {
  if (raw.length > def.params.length) {
    const extra = raw[def.params.length]!;
    const takes = def.params.length === 0 ? 'no parameters' : `at most ${def.params.length} (${def.params.map((p) => p.name).join(', ')})`;
    return err(badParameter(def.id, `#${def.params.length + 1}`, extra, `is one too many: ${def.id} takes ${takes}`));
  }
  const params: number[] = [];
  for (let i = 0; i < def.params.length; i++) {
    const p = def.params[i]!;
    const text = raw[i];
    if (text === undefined || text === '') {
      params.push(p.default);
      continue;
    }
    if (!NUMBER.test(text)) return err(badParameter(def.id, p.name, text, 'is not a number'));
    const v = Number(text);
    if (!Number.isFinite(v)) return err(badParameter(def.id, p.name, text, 'is not finite'));
    if (p.integer && !Number.isInteger(v)) return err(badParameter(def.id, p.name, text, 'must be an integer'));
    if (v < p.min || v > p.max) return err(badParameter(def.id, p.name, text, `must be between ${p.min} and ${p.max}`));
    params.push(v);
  }
  const problem = def.check?.(params);
  if (problem) {
    const i = def.params.findIndex((p) => p.name === problem.param);
    return err(badParameter(def.id, problem.param, String(params[i]), problem.reason));
  }
  return ok({ id: def.id, params, key: [def.id, ...params.map(String)].join('_') });
}

/** Validates one indicator by id and numeric parameters (for callers that do not hold a spec string). */
export function makeSpec(id: string, params: readonly number[] = []): Result<IndicatorSpec, SpecError> {
  const def = getIndicator(id.trim());
  if (!def) return err(unknown(id.trim()));
  return resolve(def, params.map(String));
}

/** Parses `id[:p1[:p2…]]` items separated by commas. Never throws: bad input comes back as a SpecError. */
export function parseIndicatorSpecs(text: string): Result<IndicatorSpec[], SpecError> {
  const items = text.split(',');
  const specs: IndicatorSpec[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!.trim();
    if (item === '') return err({ code: 'EMPTY_SPEC', position: i + 1, message: `indicator #${i + 1} in '${text}' is empty` });
    const [rawId, ...raw] = item.split(':').map((s) => s.trim());
    const id = rawId!.toLowerCase();
    const def = getIndicator(id);
    if (!def) return err(unknown(id));
    const r = resolve(def, raw);
    if (!r.ok) return r;
    specs.push(r.value);
  }
  return ok(specs);
}

/** The column name of one output: the spec key, plus the output name unless it is the indicator's id. */
export function outputColumnName(spec: IndicatorSpec, output: string): string {
  return output === spec.id ? spec.key : `${spec.key}_${output}`;
}
