// Every way a backtest request can fail, said in one sentence that names what was wrong.
import { describeParamError } from '../../core/strategy/params';
import type { BacktestError } from '../../shared/contracts/backtest';
import { describeStrategyError } from '../strategies/strategyLoader';
import type { BacktestServiceError } from './backtestService';

export function describeBacktestError(e: BacktestServiceError): string {
  switch (e.code) {
    case 'UNKNOWN_STRATEGY':
    case 'STRATEGY_COMPILE_FAILED':
    case 'STRATEGY_THREW_ON_LOAD':
    case 'STRATEGY_IMPORT_REFUSED':
    case 'STRATEGY_SHAPE_INVALID':
      return describeStrategyError(e);
    case 'UNKNOWN_PARAMETER':
    case 'PARAMETER_NOT_FINITE':
    case 'PARAMETER_NOT_INTEGER':
    case 'PARAMETER_OUT_OF_RANGE':
      return describeParamError(e);
    case 'UNKNOWN_SYMBOL':
      return `unknown symbol '${e.symbol}': it is not in the market store`;
    case 'EMPTY_RANGE':
      return `nothing to test: ${e.detail}`;
    case 'NO_BARS':
      return `nothing to test: ${e.detail}`;
    case 'BARS_NOT_ASCENDING':
      return `the stored bars of ${e.symbol} are not in time order at bar ${e.index}`;
    case 'BAD_BAR':
      return `bar ${e.index} of ${e.symbol} has a bad ${e.field}: ${e.value}`;
    case 'BACKTEST_CANCELLED':
      return `cancelled after ${e.barsDone} bars`;
    case 'STRATEGY_THREW':
      return `the strategy threw in ${e.callback}: ${e.message}`;
    case 'RESEARCH_QUEUE_NOT_CONFIGURED':
      return 'this workstation has no research queue: start it with `nautilus serve --redis URL` (or run the sweep locally)';
    default:
      return e satisfies never;
  }
}

/** The error as it crosses the API: its code, the sentence, and its own fields. */
export const backtestErrorJson = (e: BacktestServiceError): BacktestError => ({ ...e, message: describeBacktestError(e) });
