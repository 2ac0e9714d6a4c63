// Turns a strategy file's compiled JavaScript into a StrategyDefinition. The module may import only the strategy
// API and the indicators ('nautilus/strategy', 'nautilus/indicators'); anything else is refused by name.
import { err, ok, type Result } from '../model/result';
import * as indicators from '../indicators';
import * as strategyApi from './strategy';
import type { StrategyDefinition } from './strategy';

export const STRATEGY_IMPORTS: Readonly<Record<string, unknown>> = {
  'nautilus/indicators': indicators,
  'nautilus/strategy': strategyApi,
};

export type StrategyLoadError =
  | { readonly code: 'STRATEGY_THREW_ON_LOAD'; readonly file: string; readonly message: string; readonly stack: string | null }
  | { readonly code: 'STRATEGY_IMPORT_REFUSED'; readonly file: string; readonly specifier: string; readonly allowed: readonly string[] }
  | { readonly code: 'STRATEGY_SHAPE_INVALID'; readonly file: string; readonly problem: string };

/** `js`: a CommonJS module (what the loader's TypeScript transform emits). */
export function instantiateStrategy(js: string, file: string): Result<StrategyDefinition, StrategyLoadError> {
  const module = { exports: {} as Record<string, unknown> };
  let refused: string | null = null;
  const require = (specifier: string): unknown => {
    if (Object.hasOwn(STRATEGY_IMPORTS, specifier)) return STRATEGY_IMPORTS[specifier];
    refused = specifier;
    throw new Error(`import of '${specifier}' is not allowed in a strategy`);
  };
  try {
    // The file name makes the strategy's own frames readable in a stack trace.
    const factory = new Function('module', 'exports', 'require', `${js}\n//# sourceURL=${file.replace(/[\r\n]/g, '')}`) as (
      m: typeof module,
      e: Record<string, unknown>,
      r: typeof require,
    ) => void;
    factory(module, module.exports, require);
  } catch (error) {
    if (refused !== null) return err({ code: 'STRATEGY_IMPORT_REFUSED', file, specifier: refused, allowed: Object.keys(STRATEGY_IMPORTS) });
    const e = error instanceof Error ? error : new Error(String(error));
    return err({ code: 'STRATEGY_THREW_ON_LOAD', file, message: e.message, stack: e.stack ?? null });
  }
  const candidate = (module.exports.default ?? module.exports) as Partial<StrategyDefinition> | undefined;
  const problem = shapeProblem(candidate);
  if (problem) return err({ code: 'STRATEGY_SHAPE_INVALID', file, problem });
  return ok(candidate as StrategyDefinition);
}

function shapeProblem(c: Partial<StrategyDefinition> | undefined): string | null {
  if (!c || typeof c !== 'object') return 'the module has no default export (export default defineStrategy({ … }))';
  if (typeof c.name !== 'string' || c.name.length === 0) return "the strategy has no 'name'";
  if (typeof c.create !== 'function') return "the strategy has no 'create(params, ctx)' function";
  if (!c.params || typeof c.params !== 'object') return "the strategy has no 'params' object";
  for (const [name, spec] of Object.entries(c.params)) {
    if (!spec || typeof spec !== 'object' || typeof spec.default !== 'number') return `parameter '${name}' has no numeric default`;
  }
  return null;
}
