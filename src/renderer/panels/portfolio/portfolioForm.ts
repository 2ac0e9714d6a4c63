// The Portfolio panel's inputs as typed (strings) → the portfolio API's requests, every refusal on the field it names.
import type { OptimizationMethod } from '../../../core/portfolio/methods';
import type { PortfolioError } from '../../../core/portfolio/errors';
import type { MethodInput } from '../../../shared/contracts/api';

export interface PortfolioForm {
  readonly method: OptimizationMethod;
  /** Comma or space separated. */
  readonly symbols: string;
  readonly window: string;
  readonly covariance: 'sample' | 'ledoit-wolf';
  readonly longOnly: boolean;
  /** Blank for none. */
  readonly maxWeight: string;
  /** "Technology=0.4, Energy=0.3"; blank for none. */
  readonly sectorCaps: string;
  /** Cash to put to work beside the positions held in these symbols. */
  readonly cash: string;
  readonly minOrderNotional: string;
}

export type PortfolioField = 'method' | 'symbols' | 'window' | 'covariance' | 'maxWeight' | 'sectorCaps' | 'cash' | 'minOrderNotional' | 'form';
export type PortfolioFieldErrors = Partial<Record<PortfolioField, string>>;

export const DEFAULT_PORTFOLIO_FORM: PortfolioForm = {
  method: 'min-variance',
  symbols: '',
  window: '250',
  covariance: 'ledoit-wolf',
  longOnly: true,
  maxWeight: '0.4',
  sectorCaps: '',
  cash: '100000',
  minOrderNotional: '0',
};

export type OptimizeInput = MethodInput<'portfolio.optimize'>;
type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: PortfolioFieldErrors };

const numberOf = (text: string): number | null => {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : Number.NaN;
};

export const parseSymbols = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);

function parseCaps(text: string): { ok: true; value: Record<string, number> } | { ok: false; error: string } {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*=\s*(.+)$/.exec(part);
    const v = m ? numberOf(m[2]!) : null;
    if (!m || v === null || !Number.isFinite(v) || v < 0 || v > 10) return { ok: false, error: `'${part}': write Sector=cap with a cap between 0 and 10` };
    out[m[1]!.trim()] = v;
  }
  return { ok: true, value: out };
}

/** The optimize request, or the fields that are wrong. */
export function formToOptimize(form: PortfolioForm): Parsed<OptimizeInput> {
  const errors: PortfolioFieldErrors = {};
  const symbols = parseSymbols(form.symbols);
  if (symbols.length === 0) errors.symbols = 'give at least one symbol';
  else if (new Set(symbols).size !== symbols.length) errors.symbols = 'a symbol appears twice';
  const window = numberOf(form.window);
  if (window === null || !Number.isInteger(window) || window < 2) errors.window = 'a whole number of days, at least 2';
  const maxWeight = numberOf(form.maxWeight);
  if (maxWeight !== null && !(maxWeight > 0 && maxWeight <= 10)) errors.maxWeight = 'a weight above 0 (1 = 100%), or blank for none';
  const caps = parseCaps(form.sectorCaps);
  if (!caps.ok) errors.sectorCaps = caps.error;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const sectorCaps = caps.ok && Object.keys(caps.value).length > 0 ? caps.value : undefined;
  return {
    ok: true,
    value: {
      method: form.method,
      symbols,
      window: window!,
      covariance: form.covariance,
      longOnly: form.longOnly,
      ...(maxWeight !== null ? { maxWeight } : {}),
      ...(sectorCaps ? { sectorCaps } : {}),
    },
  };
}

export type RebalanceInput = MethodInput<'portfolio.rebalance'>;

/** The rebalance request for the form's optimum, from the positions held now in the form's symbols. */
export function formToRebalance(form: PortfolioForm, held: Readonly<Record<string, number>>): Parsed<RebalanceInput> {
  const base = formToOptimize(form);
  const errors: PortfolioFieldErrors = base.ok ? {} : { ...base.errors };
  const cash = numberOf(form.cash);
  if (cash === null || !Number.isFinite(cash) || Math.abs(cash) > 1e12) errors.cash = 'an amount of cash (0 or more to invest)';
  const minOrderNotional = numberOf(form.minOrderNotional);
  if (minOrderNotional === null || !(minOrderNotional >= 0 && minOrderNotional <= 1e9)) errors.minOrderNotional = 'a notional of 0 or more';
  if (!base.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const positions = Object.fromEntries(base.value.symbols.flatMap((s) => (held[s] ? [[s, held[s]]] : [])));
  return { ok: true, value: { ...base.value, positions, cash: cash!, minOrderNotional: minOrderNotional! } };
}

/** A portfolio refusal on the field it is about. */
export function fieldErrorsFromPortfolio(error: PortfolioError): PortfolioFieldErrors {
  switch (error.code) {
    case 'INSUFFICIENT_HISTORY':
      return { window: error.message };
    case 'SINGULAR_COVARIANCE':
      return { symbols: error.message };
    case 'INFEASIBLE_CONSTRAINTS':
      return error.constraint.startsWith('sector') ? { sectorCaps: error.message } : { maxWeight: error.message };
    case 'NO_POSITIVE_EXCESS_RETURN':
      return { method: error.message };
    case 'INVALID_INPUT': {
      const head = error.path.split(/[.[]/)[0]!;
      const field: PortfolioField = head === 'sectorCaps' ? 'sectorCaps' : head === 'positions' || head === 'symbols' ? 'symbols' : head === 'maxWeight' ? 'maxWeight' : head === 'cash' ? 'cash' : 'form';
      return { [field]: error.message };
    }
    default: {
      const unreachable: never = error;
      return { form: String(unreachable) };
    }
  }
}

/** A validation failure's issues (input.maxWeight: …) on their fields. */
export function fieldErrorsFromIssues(message: string, issues: readonly { readonly path: string; readonly message: string }[] | undefined): PortfolioFieldErrors {
  if (!issues?.length) return { form: message };
  const out: PortfolioFieldErrors = {};
  const known: readonly PortfolioField[] = ['method', 'symbols', 'window', 'covariance', 'maxWeight', 'sectorCaps', 'cash', 'minOrderNotional'];
  for (const issue of issues) {
    const head = issue.path.replace(/^input\.?/, '').split(/[.[]/)[0] as PortfolioField;
    const field: PortfolioField = known.includes(head) ? head : 'form';
    out[field] = out[field] ? `${out[field]}; ${issue.message}` : issue.message;
  }
  return out;
}
