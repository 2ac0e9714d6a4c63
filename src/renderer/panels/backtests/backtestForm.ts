// The Backtests panel's form as text fields, turned into a backtest.run / backtest.sweep request, and the backend's
// refusals mapped back onto the field they name. Pure.
import type { BacktestError, SweepMetric } from '../../../shared/contracts/backtest';
import type { ApiError } from '../../../shared/contracts/errors';
import type { RunOn } from '../common/runOn';

export const FORM_FIELDS = ['strategy', 'params', 'symbols', 'from', 'to', 'timeframe', 'cash', 'fill', 'commission', 'slippageBps', 'maxVolumeShare', 'limits', 'benchmark', 'grid', 'form'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FieldErrors = Partial<Record<FormField, string>>;

export interface BacktestForm {
  strategy: string;
  symbols: string[];
  /** YYYY-MM-DD (UTC), or empty for the whole store. */
  from: string;
  to: string;
  timeframe: '1m' | '5m' | '15m' | '1h' | '1D';
  cash: string;
  fill: 'next-open' | 'close';
  commission: 'zero' | 'sim';
  slippageBps: string;
  maxVolumeShare: string;
  limits: 'none' | 'current';
  benchmark: string;
  /** Per parameter, the text typed (empty: the strategy's default). */
  params: Record<string, string>;
  /** The sweep's grid text, e.g. `fast=5,10,20; slow=50,100`. */
  grid: string;
  rankBy: SweepMetric;
  /** Where a sweep runs: this machine's backtest engines, or the team's research queue. */
  sweepOn: RunOn;
}

export const DEFAULT_FORM: BacktestForm = {
  strategy: 'sma-cross',
  symbols: [],
  from: '',
  to: '',
  timeframe: '1D',
  cash: '100000',
  fill: 'next-open',
  commission: 'zero',
  slippageBps: '0',
  maxVolumeShare: '0.1',
  limits: 'none',
  benchmark: '',
  params: {},
  grid: '',
  rankBy: 'sharpe',
  sweepOn: 'local',
};

/** The request fields every run and sweep share (without `job`). */
export interface RunFields {
  strategy: string;
  symbols: string[];
  from?: number;
  to?: number;
  timeframe: BacktestForm['timeframe'];
  params: Record<string, number>;
  cash: number;
  fill: BacktestForm['fill'];
  commission: BacktestForm['commission'];
  slippageBps: number;
  maxVolumeShare: number;
  limits: BacktestForm['limits'];
  benchmark?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date as UTC midnight epoch ms; null when it is not a real date. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? ms : null;
}

/** A number typed in a field; null when the text is not a finite number. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/_/g, '');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The form as the request's fields; only what cannot be sent at all (not a number, not a date) is refused here. */
export function formToRun(form: BacktestForm): Parsed<RunFields> {
  const errors: FieldErrors = {};
  const num = (field: FormField, text: string): number => {
    const n = parseNumber(text);
    if (n === null) errors[field] = `must be a number, got '${text}'`;
    return n ?? 0;
  };
  const date = (field: FormField, text: string): number | undefined => {
    if (!text.trim()) return undefined;
    const ms = parseDate(text);
    if (ms === null) errors[field] = `must be a date YYYY-MM-DD, got '${text}'`;
    return ms ?? undefined;
  };
  const params: Record<string, number> = {};
  for (const [name, text] of Object.entries(form.params)) {
    if (!text.trim()) continue;
    const n = parseNumber(text);
    if (n === null) errors.params = `${name} must be a number, got '${text}'`;
    else params[name] = n;
  }
  if (!form.strategy) errors.strategy = 'choose a strategy';
  if (form.symbols.length === 0) errors.symbols = 'add at least one symbol';
  const from = date('from', form.from);
  const to = date('to', form.to);
  const value: RunFields = {
    strategy: form.strategy,
    symbols: [...form.symbols],
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    timeframe: form.timeframe,
    params,
    cash: num('cash', form.cash),
    fill: form.fill,
    commission: form.commission,
    slippageBps: num('slippageBps', form.slippageBps),
    maxVolumeShare: num('maxVolumeShare', form.maxVolumeShare),
    limits: form.limits,
    ...(form.benchmark.trim() ? { benchmark: form.benchmark.trim().toUpperCase() } : {}),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/**
 * A sweep grid typed as `name=v1,v2,…` per parameter, separated by `;` or new lines (e.g. `fast=5,10,20; slow=50,100`).
 * Refuses an empty grid, a repeated parameter, a missing `=`, and values that are not finite numbers, naming each.
 */
export function parseGrid(text: string): { ok: true; value: Record<string, number[]> } | { ok: false; error: string } {
  const grid: Record<string, number[]> = {};
  const parts = text.split(/[;\n]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: 'give at least one parameter, e.g. fast=5,10,20' };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, error: `'${part}' is not name=v1,v2,…` };
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { ok: false, error: `'${name}' is not a parameter name` };
    if (Object.hasOwn(grid, name)) return { ok: false, error: `${name} is given twice` };
    const values: number[] = [];
    for (const raw of part.slice(eq + 1).split(',')) {
      const n = parseNumber(raw);
      if (n === null) return { ok: false, error: `${name}: '${raw.trim()}' is not a number` };
      if (!values.includes(n)) values.push(n);
    }
    grid[name] = values;
  }
  return { ok: true, value: grid };
}

/** How many runs a grid makes. */
export const gridSize = (grid: Readonly<Record<string, readonly number[]>>): number => Object.values(grid).reduce((n, v) => n * v.length, 1);

const FIELD_OF_PATH = (path: string): FormField => {
  const key = path.replace(/^input\.?/, '').split(/[.[]/)[0] ?? '';
  return (FORM_FIELDS as readonly string[]).includes(key) ? (key as FormField) : 'form';
};

/** A validation failure (zod issues with paths like `input.cash`) as messages on the fields they name. */
export function fieldErrorsFromApi(error: Pick<ApiError, 'message' | 'issues'>): FieldErrors {
  if (!error.issues?.length) return { form: error.message };
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = FIELD_OF_PATH(issue.path);
    out[field] = out[field] ? `${out[field]}; ${issue.message}` : issue.message;
  }
  return out;
}

/** A run's refusal (its code and sentence) on the field it is about: the strategy, a parameter, a symbol, the dates. */
export function fieldErrorsFromBacktest(error: BacktestError, benchmark: string | undefined): FieldErrors {
  const code = error.code;
  if (code.startsWith('STRATEGY_') || code === 'UNKNOWN_STRATEGY') return { strategy: error.message };
  if (code.startsWith('PARAMETER_') || code === 'UNKNOWN_PARAMETER') return { params: error.message };
  if (code === 'UNKNOWN_SYMBOL') return error.symbol !== undefined && error.symbol === benchmark ? { benchmark: error.message } : { symbols: error.message };
  if (code === 'EMPTY_RANGE' || code === 'NO_BARS') return { from: error.message };
  return { form: error.message };
}
