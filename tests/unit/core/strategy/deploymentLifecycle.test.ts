// The deployment tables: every (state, event) pair either moves as the table says or is refused; the promotion gate
// asks for the backtest of the version, then its paper record and a capital limit, and never skips a stage.
import { describe, expect, it } from 'vitest';
import { checkPromotion, DEPLOYMENT_STATES, nextDeploymentState, type DeploymentEvent, type StageMetrics } from '../../../../src/core/strategy/deploymentLifecycle';
import { stopPolicyActions } from '../../../../src/core/strategy/stopPolicy';
import { canonicalParams, versionMaterial } from '../../../../src/core/strategy/strategyVersion';
import type { Order } from '../../../../src/core/model/order';

const EVENTS: DeploymentEvent[] = ['PROMOTED', 'PAUSE', 'RESUME', 'STOP', 'FAIL', 'RETIRE', 'RESTORE'];
const BT: StageMetrics = { stage: 'BACKTEST', source: 'run 1', values: { sharpe: 1.2 } };
const PAPER: StageMetrics = { stage: 'PAPER', source: 'paper', values: { netPnl: 10 } };

describe('deployment state table', () => {
  it('moves exactly as listed and refuses every other pair', () => {
    const allowed: string[] = [];
    for (const state of DEPLOYMENT_STATES) {
      for (const event of EVENTS) {
        const next = nextDeploymentState(state, event);
        if (next.ok) allowed.push(`${state} ${event} ${next.value}`);
        else expect(next.error).toEqual({ code: 'INVALID_DEPLOYMENT_TRANSITION', state, event });
      }
    }
    expect(allowed).toEqual([
      'READY PROMOTED RUNNING', 'READY RETIRE RETIRED',
      'RUNNING PROMOTED RUNNING', 'RUNNING PAUSE PAUSED', 'RUNNING STOP STOPPED', 'RUNNING FAIL FAILED', 'RUNNING RETIRE RETIRED',
      'PAUSED PROMOTED RUNNING', 'PAUSED RESUME RUNNING', 'PAUSED STOP STOPPED', 'PAUSED FAIL FAILED', 'PAUSED RETIRE RETIRED',
      'STOPPED PROMOTED RUNNING', 'STOPPED RESUME RUNNING', 'STOPPED RETIRE RETIRED',
      'FAILED RETIRE RETIRED',
      'RETIRED RESTORE RUNNING',
    ]);
  });
});

describe('promotion gate', () => {
  it('backtest → paper needs a backtest of this version and shows its metrics', () => {
    expect(checkPromotion({ stage: 'BACKTEST', state: 'READY', backtest: null, previous: null, capitalLimit: null })).toEqual({ ok: false, error: { code: 'NO_BACKTEST_OF_VERSION' } });
    expect(checkPromotion({ stage: 'BACKTEST', state: 'READY', backtest: BT, previous: null, capitalLimit: null })).toEqual({ ok: true, value: { from: 'BACKTEST', to: 'PAPER', backtest: BT, previous: null } });
  });
  it('paper → live needs the paper record and a positive finite capital limit', () => {
    expect(checkPromotion({ stage: 'PAPER', state: 'RUNNING', backtest: BT, previous: null, capitalLimit: 1_000 }).ok).toBe(false);
    for (const capitalLimit of [null, 0, -5, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(checkPromotion({ stage: 'PAPER', state: 'RUNNING', backtest: BT, previous: PAPER, capitalLimit })).toEqual({ ok: false, error: { code: 'CAPITAL_LIMIT_REQUIRED' } });
    }
    expect(checkPromotion({ stage: 'PAPER', state: 'PAUSED', backtest: BT, previous: PAPER, capitalLimit: 5_000 })).toEqual({ ok: true, value: { from: 'PAPER', to: 'LIVE', backtest: BT, previous: PAPER } });
  });
  it('refuses past live, and a failed or retired version', () => {
    expect(checkPromotion({ stage: 'LIVE', state: 'RUNNING', backtest: BT, previous: PAPER, capitalLimit: 1 })).toEqual({ ok: false, error: { code: 'NOT_PROMOTABLE', stage: 'LIVE' } });
    expect(checkPromotion({ stage: 'PAPER', state: 'FAILED', backtest: BT, previous: PAPER, capitalLimit: 1 }).ok).toBe(false);
    expect(checkPromotion({ stage: 'PAPER', state: 'RETIRED', backtest: BT, previous: PAPER, capitalLimit: 1 }).ok).toBe(false);
  });
});

describe('version material', () => {
  it('is the same for the same parameters in any key order and differs for any change', () => {
    expect(canonicalParams({ slow: 50, fast: 10 })).toBe('{"fast":10,"slow":50}');
    expect(versionMaterial('abc', { b: 2, a: 1 })).toBe(versionMaterial('abc', { a: 1, b: 2 }));
    expect(versionMaterial('abc', { a: 1 })).not.toBe(versionMaterial('abd', { a: 1 }));
    expect(versionMaterial('abc', { a: 1 })).not.toBe(versionMaterial('abc', { a: 1.5 }));
  });
});

describe('stop policies', () => {
  const order = (id: string, side: 'BUY' | 'SELL', quantity: number, filledQuantity = 0) => ({ clientOrderId: id, symbol: 'ACME', side, quantity, filledQuantity }) as unknown as Order;
  const working = [order('buy', 'BUY', 5), order('exit', 'SELL', 10), order('big-exit', 'SELL', 30, 5)];
  it('FLATTEN cancels everything and closes each position at market', () => {
    expect(stopPolicyActions('FLATTEN', working, [{ symbol: 'ACME', quantity: 10 }, { symbol: 'ZED', quantity: -4 }, { symbol: 'NIL', quantity: 0 }])).toEqual({
      cancel: ['buy', 'exit', 'big-exit'],
      close: [
        { symbol: 'ACME', side: 'SELL', type: 'MARKET', quantity: 10, timeInForce: 'DAY', tag: 'strategy stopped: flatten' },
        { symbol: 'ZED', side: 'BUY', type: 'MARKET', quantity: 4, timeInForce: 'DAY', tag: 'strategy stopped: flatten' },
      ],
    });
  });
  it('HOLD cancels everything and closes nothing', () => {
    expect(stopPolicyActions('HOLD', working, [{ symbol: 'ACME', quantity: 10 }])).toEqual({ cancel: ['buy', 'exit', 'big-exit'], close: [] });
  });
  it('REDUCE_ONLY keeps only orders that shrink the position without flipping it', () => {
    expect(stopPolicyActions('REDUCE_ONLY', working, [{ symbol: 'ACME', quantity: 10 }])).toEqual({ cancel: ['buy', 'big-exit'], close: [] });
    expect(stopPolicyActions('REDUCE_ONLY', working, [])).toEqual({ cancel: ['buy', 'exit', 'big-exit'], close: [] });
  });
});
