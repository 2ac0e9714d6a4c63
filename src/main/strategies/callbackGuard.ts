// A live strategy's per-callback time budget, enforced from outside its code: each callback runs inside a vm script
// with a timeout, whose watchdog thread interrupts a loop that never returns, so a hung strategy stops the order
// path for at most its budget, then is stopped. (A callback's own promises are not followed: strategies are synchronous.)
import { createContext, Script } from 'node:vm';
import { StrategyFailure, type CallbackGuard } from '../../core/strategy/strategyHost';

/** The default budget of one callback: a strategy that needs longer belongs in a backtest, not on the order path. */
export const DEFAULT_CALLBACK_BUDGET_MS = 250;

export function timeBudgetGuard(budgetMs = DEFAULT_CALLBACK_BUDGET_MS): CallbackGuard {
  const sandbox = createContext({ run: null as (() => unknown) | null });
  // The completion value is the callback's result; nested guarded calls (an order event inside a callback) each read
  // `run` before the next one sets it, so they nest safely.
  const script = new Script('run()', { filename: 'nautilus-strategy-guard' });
  return <T>(callback: string, run: () => T): T => {
    (sandbox as { run: (() => unknown) | null }).run = run;
    try {
      return script.runInContext(sandbox, { timeout: budgetMs, breakOnSigint: false }) as T;
    } catch (error) {
      if ((error as { code?: unknown })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new StrategyFailure(callback, `no return within its ${budgetMs} ms budget`, null, 'STRATEGY_TIMED_OUT');
      }
      throw error;
    }
  };
}
