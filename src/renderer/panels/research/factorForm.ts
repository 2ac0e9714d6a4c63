// The Research panel's factor form: its state, the form turned into a factors.analyze request, and the expression
// editor's completion of field and operator names from the catalog.
import type { FactorCatalog, FactorRef } from '../../../shared/contracts/factors';
import type { MethodInput } from '../../../shared/contracts/api';
import { runOnField, type RunOn } from '../common/runOn';

export type FactorSource = 'library' | 'expression';
export type IcMethodChoice = 'spearman' | 'pearson';

export interface FactorForm {
  source: FactorSource;
  /** Library or saved factor names (several for a ranking and the correlation heatmap). */
  names: string[];
  expression: string;
  /** Comma- or space-separated symbols; empty for the whole universe. */
  symbols: string;
  /** YYYY-MM-DD or empty. */
  from: string;
  to: string;
  horizons: string;
  method: IcMethodChoice;
  quantiles: string;
  /** Where the analysis runs: this machine's factor engines, or the team's research queue. */
  on: RunOn;
}

export type FactorFormErrors = Partial<Record<'factors' | 'symbols' | 'from' | 'to' | 'horizons' | 'quantiles', string>>;
export type AnalyzeInput = Omit<MethodInput<'factors.analyze'>, 'job'>;

export const initialFactorForm = (): FactorForm => ({ source: 'library', names: [], expression: '', symbols: '', from: '', to: '', horizons: '1, 5, 20', method: 'spearman', quantiles: '5', on: 'local' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SYMBOL = /^[A-Z0-9][A-Z0-9.=^:-]{0,31}$/;

function parseDate(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  if (!DATE.test(t)) return 'invalid';
  const ms = Date.parse(`${t}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(t) ? ms : 'invalid';
}

/** The form as a factors.analyze request (main horizon: the middle one given, 5 by default), or what is wrong, by field. */
export function formToAnalysis(form: FactorForm): { ok: true; input: AnalyzeInput } | { ok: false; errors: FactorFormErrors } {
  const errors: FactorFormErrors = {};
  let factors: FactorRef[] = [];
  if (form.source === 'library') {
    if (form.names.length === 0) errors.factors = 'pick at least one factor';
    factors = form.names.map((name) => ({ name }));
  } else {
    if (form.expression.trim() === '') errors.factors = 'type an expression';
    factors = [{ expression: form.expression.trim() }];
  }
  const symbols = form.symbols.split(/[\s,]+/).filter((s) => s !== '').map((s) => s.toUpperCase());
  const badSymbol = symbols.find((s) => !SYMBOL.test(s));
  if (badSymbol) errors.symbols = `'${badSymbol}' is not a symbol`;
  const from = parseDate(form.from);
  const to = parseDate(form.to);
  if (from === 'invalid') errors.from = 'a date as YYYY-MM-DD';
  if (to === 'invalid') errors.to = 'a date as YYYY-MM-DD';
  if (typeof from === 'number' && typeof to === 'number' && from >= to) errors.from = 'must be before to';
  const horizonTexts = form.horizons.split(/[\s,]+/).filter((s) => s !== '');
  const horizons = horizonTexts.map(Number);
  if (horizons.length === 0 || horizons.length > 20 || horizons.some((h) => !Number.isInteger(h) || h < 1 || h > 250)) errors.horizons = '1 to 20 whole numbers of bars, each 1–250';
  const quantiles = Number(form.quantiles);
  if (!Number.isInteger(quantiles) || quantiles < 2 || quantiles > 20) errors.quantiles = 'a whole number 2–20';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const unique = [...new Set(horizons)];
  return {
    ok: true,
    input: {
      factors,
      ...(symbols.length > 0 ? { symbols } : {}),
      ...(typeof from === 'number' ? { from } : {}),
      ...(typeof to === 'number' ? { to } : {}),
      timeframe: '1D',
      horizon: unique.includes(5) ? 5 : unique[0]!,
      horizons: unique,
      method: form.method,
      quantiles,
      minSymbols: 5,
      correlation: factors.length > 1 && factors.length <= 200,
      ...runOnField(form.on),
    },
  };
}

export interface Completion {
  /** Where the word being typed starts, and the word so far. */
  readonly start: number;
  readonly prefix: string;
  readonly items: readonly { readonly name: string; readonly kind: 'field' | 'operator'; readonly detail: string }[];
}

/** Names from the catalog that complete the word ending at `cursor` (at most `limit`); none inside a string. */
export function completionsAt(text: string, cursor: number, catalog: Pick<FactorCatalog, 'fields' | 'operators'>, limit = 12): Completion {
  const before = text.slice(0, cursor);
  const quotes = (before.match(/"/g) ?? []).length;
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  if (!word || quotes % 2 === 1) return { start: cursor, prefix: '', items: [] };
  const prefix = word[0];
  const lower = prefix.toLowerCase();
  const fields = catalog.fields.filter((f) => f.toLowerCase().startsWith(lower)).map((name) => ({ name, kind: 'field' as const, detail: 'field' }));
  const operators = catalog.operators
    .filter((o) => o.name.toLowerCase().startsWith(lower))
    .map((o) => ({ name: o.name, kind: 'operator' as const, detail: `${o.name}(${o.args.join(', ')}) — ${o.doc}` }));
  const items = [...fields, ...operators].filter((i) => i.name !== prefix).slice(0, limit);
  return { start: word.index, prefix, items };
}

/** The text with the word at the completion replaced by `name` (an operator gets its opening parenthesis), and the new cursor. */
export function applyCompletion(text: string, cursor: number, completion: Completion, item: Completion['items'][number]): { text: string; cursor: number } {
  const insert = item.kind === 'operator' && text[cursor] !== '(' ? `${item.name}(` : item.name;
  const next = text.slice(0, completion.start) + insert + text.slice(cursor);
  return { text: next, cursor: completion.start + insert.length };
}

/** A caret line under the expression pointing at a 0-based position (clamped to the text). */
export function caretUnder(expression: string, position: number): string {
  const at = Math.max(0, Math.min(expression.length, Math.trunc(position)));
  return `${' '.repeat(at)}^`;
}
