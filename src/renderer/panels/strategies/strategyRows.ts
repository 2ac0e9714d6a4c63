// The Strategies panel's pure helpers: which actions a deployment's state allows (from the lifecycle table itself),
// the gate's metrics side by side, and the deploy form's parameter text.
import { nextDeploymentState, type DeploymentEvent, type StageMetrics } from '../../../core/strategy/deploymentLifecycle';
import type { StrategyDeploymentView } from '../../../shared/contracts/strategies';

export type StrategyAction = 'promote' | 'pause' | 'resume' | 'stop' | 'rollback';

const EVENT_OF: Readonly<Record<Exclude<StrategyAction, 'rollback'>, DeploymentEvent>> = { promote: 'PROMOTED', pause: 'PAUSE', resume: 'RESUME', stop: 'STOP' };

/** Whether the action can apply now: the same (state, event) table the backend applies; rollback needs a paper/live holder. */
export function canAct(d: StrategyDeploymentView, action: StrategyAction): boolean {
  switch (action) {
    case 'promote':
      return d.stage !== 'LIVE' && nextDeploymentState(d.state, EVENT_OF.promote).ok;
    case 'pause':
    case 'resume':
    case 'stop':
      return d.stage !== 'BACKTEST' && nextDeploymentState(d.state, EVENT_OF[action]).ok;
    case 'rollback':
      return d.stage !== 'BACKTEST' && d.state !== 'RETIRED';
    default:
      return action satisfies never;
  }
}

export interface MetricRow {
  readonly name: string;
  readonly backtest: number | null;
  readonly previous: number | null;
}

/** Every metric either stage reports, the backtest's first, each with both values (null where a stage lacks it). */
export function metricRows(backtest: StageMetrics | null, previous: StageMetrics | null): MetricRow[] {
  const names = [...Object.keys(backtest?.values ?? {}), ...Object.keys(previous?.values ?? {})].filter((n, i, all) => all.indexOf(n) === i);
  return names.map((name) => ({ name, backtest: backtest?.values[name] ?? null, previous: previous?.values[name] ?? null }));
}

/** "fast=5, slow=20" → { fast: 5, slow: 20 }; an error names the part it could not read. */
export function parseParamText(text: string): { ok: true; value: Record<string, number> } | { ok: false; error: string } {
  const value: Record<string, number> = {};
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(part);
    const n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(n)) return { ok: false, error: `"${part}" is not name=number` };
    value[m[1]!] = n;
  }
  return { ok: true, value };
}

export const formatMetric = (x: number | null): string => (x === null ? '—' : Math.abs(x) >= 1000 ? x.toFixed(0) : Number.isInteger(x) ? String(x) : x.toFixed(4));
