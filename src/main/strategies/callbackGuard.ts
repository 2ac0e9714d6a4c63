// A live strategy's per-callback time budget, enforced from outside its code: each callback runs inside a vm script
// with a timeout, whose watchdog thread interrupts a loop that never returns, so a hung strategy stops the order
// path for at most its budget, then is stopped. (A callback's own promises are not followed: strategies are synchronous.)
import { createContext, Script } from 'node:vm';
import { StrategyFailure, type CallbackGuard } from '../../core/strategy/strategyHost';

/** The default budget of one callback: a strategy that needs longer belongs in a backtest, not on the order path. */
export const DEFAULT_CALLBACK_BUDGET_MS = 250;

export function timeBudgetGuard(budgetMs = DEFAULT_CALLBACK_BUDGET_MS): CallbackGuard {
  const sandbox = createContext({ run: null as (() => unknown) | null });
  // The completion value is the callback's result.
  const script = new Script('run()', { filename: 'nautilus-strategy-guard' });
  // A callback inside a guarded one (an order event while the strategy submits) is already under the outer watchdog:
  // it runs directly, so one budget covers the whole turn and no second watchdog thread is started (~0.1 ms each).
  let depth = 0;
  return <T>(callback: string, run: () => T): T => {
    if (depth > 0) return run();
    (sandbox as { run: (() => unknown) | null }).run = run;
    depth += 1;
    try {
      return script.runInContext(sandbox, { timeout: budgetMs, breakOnSigint: false }) as T;
    } catch (error) {
      if ((error as { code?: unknown })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new StrategyFailure(callback, `no return within its ${budgetMs} ms budget`, null, 'STRATEGY_TIMED_OUT');
      }
      throw error;
    } finally {
      depth -= 1;
    }
  };
}
