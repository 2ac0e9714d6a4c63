// The Strategies panel's helpers: actions offered exactly where the lifecycle table allows them, the gate's metrics
// side by side with gaps where a stage lacks one, and the deploy form's parameter text.
import { describe, expect, it } from 'vitest';
import { canAct, metricRows, parseParamText } from '../../../src/renderer/panels/strategies/strategyRows';
import type { StrategyDeploymentView } from '../../../src/shared/contracts/strategies';

const d = (stage: StrategyDeploymentView['stage'], state: StrategyDeploymentView['state']) => ({ stage, state }) as StrategyDeploymentView;

describe('strategy actions', () => {
  it('follow the state table and the stage', () => {
    const offered = (x: StrategyDeploymentView) => (['promote', 'pause', 'resume', 'stop', 'rollback'] as const).filter((a) => canAct(x, a));
    expect(offered(d('BACKTEST', 'READY'))).toEqual(['promote']);
    expect(offered(d('PAPER', 'RUNNING'))).toEqual(['promote', 'pause', 'stop', 'rollback']);
    expect(offered(d('PAPER', 'PAUSED'))).toEqual(['promote', 'resume', 'stop', 'rollback']);
    expect(offered(d('LIVE', 'RUNNING'))).toEqual(['pause', 'stop', 'rollback']);
    expect(offered(d('LIVE', 'FAILED'))).toEqual(['rollback']);
    expect(offered(d('PAPER', 'RETIRED'))).toEqual([]);
  });
});

describe('gate metrics', () => {
  it('lists every metric of either stage, the backtest first', () => {
    expect(metricRows({ stage: 'BACKTEST', source: 'b', values: { sharpe: 1.1, fills: 8 } }, { stage: 'PAPER', source: 'p', values: { netPnl: -3, fills: 2 } })).toEqual([
      { name: 'sharpe', backtest: 1.1, previous: null },
      { name: 'fills', backtest: 8, previous: 2 },
      { name: 'netPnl', backtest: null, previous: -3 },
    ]);
    expect(metricRows(null, null)).toEqual([]);
  });
});

describe('parameter text', () => {
  it('reads name=number pairs and names what it cannot read', () => {
    expect(parseParamText('fast=5, slow=20')).toEqual({ ok: true, value: { fast: 5, slow: 20 } });
    expect(parseParamText('')).toEqual({ ok: true, value: {} });
    expect(parseParamText('fast=five')).toEqual({ ok: false, error: '"fast=five" is not name=number' });
    expect(parseParamText('slow=Infinity')).toEqual({ ok: false, error: '"slow=Infinity" is not name=number' });
  });
});
