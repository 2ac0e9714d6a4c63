// VaR/ES of a valued book by every requested method and confidence, with components: the one entry point callers use.
import { err, ok, type Result } from '../model/result';
import type { ValuedBook } from './bookValuation';
import { historicalVar } from './historicalVar';
import type { RandomSource } from '../model/clock';
import { monteCarloVar } from './monteCarloVar';
import { parametricVar, type VolatilityOverride } from './parametricVar';
import type { RiskInputError } from './riskErrors';
import { RISK_CONVENTIONS } from './riskConventions';
import type { ReturnWindow } from './scenarioHistory';
import type { VarFigures, VarMethod } from './varFigures';

export interface BookVarOptions {
  readonly confidences: readonly number[];
  readonly methods: readonly VarMethod[];
  readonly volatilityOverride?: VolatilityOverride;
  /** Required when `methods` includes 'monteCarlo'. */
  readonly monteCarlo?: { readonly paths: number; readonly random: RandomSource };
}

export interface BookVar {
  readonly baseCurrency: string;
  /** Net value of the book in the base currency. */
  readonly value: number;
  readonly window: number;
  readonly firstDate: number;
  readonly lastDate: number;
  readonly figures: readonly VarFigures[];
  readonly conventions: typeof RISK_CONVENTIONS;
}

/** `window` must hold the book's symbols in book order (as `returnWindow(alignCloses(...))` of the book's closes). */
export function bookVar(book: ValuedBook, window: ReturnWindow, options: BookVarOptions): Result<BookVar, RiskInputError> {
  for (const c of options.confidences) {
    if (!(c > 0.5 && c < 1)) return err({ code: 'BAD_OPTION', option: 'confidence', reason: `each confidence must lie strictly between 0.5 and 1, got ${c}` });
  }
  if (book.positions.some((p, i) => window.symbols[i] !== p.symbol) || window.symbols.length !== book.positions.length) {
    throw new Error('bookVar: the return window does not list the book symbols in book order');
  }
  const figures: VarFigures[] = [];
  for (const method of options.methods) {
    switch (method) {
      case 'historical':
        figures.push(...historicalVar(book.values, window, options.confidences));
        break;
      case 'parametric': {
        const p = parametricVar(book.values, window, options.confidences, options.volatilityOverride);
        if (!p.ok) return p;
        figures.push(...p.value);
        break;
      }
      case 'monteCarlo': {
        const mc = options.monteCarlo;
        if (!mc || !Number.isInteger(mc.paths) || mc.paths < 1000) return err({ code: 'BAD_OPTION', option: 'paths', reason: 'Monte Carlo needs a seeded random source and at least 1,000 paths' });
        const m = monteCarloVar(book.values, window, options.confidences, { paths: mc.paths, random: mc.random, volatilityOverride: options.volatilityOverride });
        if (!m.ok) return m;
        figures.push(...m.value);
        break;
      }
      default: {
        const never: never = method;
        throw new Error(`unhandled VaR method ${String(never)}`);
      }
    }
  }
  return ok({
    baseCurrency: book.baseCurrency,
    value: book.net,
    window: window.days,
    firstDate: window.times[0]!,
    lastDate: window.times[window.days - 1]!,
    figures,
    conventions: RISK_CONVENTIONS,
  });
}

/** The figure key of a confidence: 0.95 → '95', 0.975 → '97.5'. */
export function confidenceKey(confidence: number): string {
  return String(Number((confidence * 100).toFixed(6)));
}
