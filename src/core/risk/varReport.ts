// The VaR/ES report every surface prints (CLI --json, API, engine, reports): totals by method, components, conventions.
import { ok, type Result } from '../model/result';
import { bookVar, confidenceKey } from './bookVar';
import type { RandomSource } from '../model/clock';
import type { VolatilityOverride } from './parametricVar';
import type { RiskInputError } from './riskErrors';
import { RISK_CONVENTIONS } from './riskConventions';
import { bookWindow, prepareBook, type RiskBookInput } from './riskInputs';
import type { VarMethod } from './varFigures';

export interface VarRequestOptions {
  readonly window: number;
  readonly confidences: readonly number[];
  readonly methods: readonly VarMethod[];
  readonly paths: number;
  readonly volatilityOverride?: VolatilityOverride;
}

/** `var95`, `es95`, … per confidence; marginal VaR appears on components only. */
export type MethodFigures = Readonly<Record<string, number>>;

export interface VarComponent {
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
  readonly currency: string;
  readonly value: number;
  readonly historical: MethodFigures | null;
  readonly parametric: MethodFigures | null;
  readonly monteCarlo: MethodFigures | null;
}

export interface VarReport {
  /** Net value of the book in the base currency. */
  readonly value: number;
  readonly window: number;
  readonly historical: MethodFigures | null;
  readonly parametric: MethodFigures | null;
  readonly monteCarlo: MethodFigures | null;
  readonly components: readonly VarComponent[];
  readonly conventions: string;
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The conventions as one paragraph, opening with the base currency, the dates and the Monte Carlo set-up of this run. */
export function conventionsText(baseCurrency: string, window: number, first: number, last: number, paths: number | null): string {
  const head = `Base currency ${baseCurrency}. Window ${window} daily returns, ${isoDay(first)} to ${isoDay(last)}.${paths === null ? '' : ` Monte Carlo ${paths} paths.`}`;
  return [head, ...Object.values(RISK_CONVENTIONS)].join(' ');
}

export function varReport(input: RiskBookInput, options: VarRequestOptions, random: RandomSource): Result<VarReport, RiskInputError> {
  const prepared = prepareBook(input);
  if (!prepared.ok) return prepared;
  const window = bookWindow(input, prepared.value, options.window);
  if (!window.ok) return window;
  const book = prepared.value.book;
  const measured = bookVar(book, window.value, {
    confidences: options.confidences,
    methods: options.methods,
    volatilityOverride: options.volatilityOverride,
    monteCarlo: { paths: options.paths, random },
  });
  if (!measured.ok) return measured;
  const totals: Record<VarMethod, Record<string, number> | null> = { historical: null, parametric: null, monteCarlo: null };
  const perPosition = book.positions.map(() => ({ historical: null, parametric: null, monteCarlo: null }) as Record<VarMethod, Record<string, number> | null>);
  for (const f of measured.value.figures) {
    const key = confidenceKey(f.confidence);
    const total = (totals[f.method] ??= {});
    total[`var${key}`] = f.var;
    total[`es${key}`] = f.es;
    perPosition.forEach((p, i) => {
      const c = (p[f.method] ??= {});
      c[`var${key}`] = f.componentVar[i]!;
      c[`es${key}`] = f.componentEs[i]!;
      c[`marginalVar${key}`] = f.marginalVar[i]!;
    });
  }
  return ok({
    value: book.net,
    window: options.window,
    historical: totals.historical,
    parametric: totals.parametric,
    monteCarlo: totals.monteCarlo,
    components: book.positions.map((p, i) => ({ symbol: p.symbol, quantity: p.quantity, price: p.price, currency: p.currency, value: p.value, ...perPosition[i]! })),
    conventions: conventionsText(book.baseCurrency, options.window, measured.value.firstDate, measured.value.lastDate, options.methods.includes('monteCarlo') ? options.paths : null),
  });
}
