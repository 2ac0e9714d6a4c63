// The Strategies panel: every deployed version with its stage, state, venue and live P&L; promote through the gate
// (its metrics shown), pause, resume, stop and roll back (both confirmed). Keyboard: ↑↓ move, P promote, Space pause
// or resume, S stop, B roll back; the deploy form registers a new version.
import { useState, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StrategyDeploymentView } from '../../../shared/contracts/strategies';
import { shortVersion } from '../../../core/model/strategyRef';
import { useApi } from '../../api/ApiContext';
import { useConfirm } from '../../state/confirmStore';
import { notify } from '../../state/notificationStore';
import { formatMoney, formatQuantity } from '../common/format';
import { DeployForm } from './DeployForm';
import { GateView } from './GateView';
import { canAct, type StrategyAction } from './strategyRows';

const LIST_REFRESH_MS = 2_000;

export function StrategiesPanel() {
  const api = useApi();
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ['strategies.list'], queryFn: () => api.call('strategies.list', {}), refetchInterval: LIST_REFRESH_MS });
  const deployments = list.data?.deployments ?? [];
  const [cursorId, setCursorId] = useState<number | null>(null);
  const [gateFor, setGateFor] = useState<StrategyDeploymentView | null>(null);
  const at = Math.max(0, deployments.findIndex((d) => d.id === cursorId));
  const current = deployments[at];
  const refresh = () => void queries.invalidateQueries({ queryKey: ['strategies.list'] });

  const report = (label: string, result: { ok: true } | { ok: false; error: { code: string; message: string } }) => {
    if (!result.ok) notify('error', `${label} refused`, `${result.error.code}: ${result.error.message}`);
    refresh();
  };
  const failed = (x: Error) => ({ ok: false as const, error: { code: 'CALL_FAILED', message: x.message } });

  const act = (d: StrategyDeploymentView | undefined, action: StrategyAction) => {
    if (!d || !canAct(d, action)) return;
    const name = `${d.strategy}@${shortVersion(d.version)}`;
    switch (action) {
      case 'promote':
        setGateFor(d);
        return;
      case 'pause':
        void api.call('strategies.pause', { deploymentId: d.id }).catch(failed).then((r) => report(`Pause ${name}`, r));
        return;
      case 'resume':
        void api.call('strategies.resume', { deploymentId: d.id }).catch(failed).then((r) => report(`Resume ${name}`, r));
        return;
      case 'stop':
        useConfirm.getState().ask({
          title: `Stop ${name}?`,
          message: `Stop ${name} (${d.stage.toLowerCase()}): its policy ${d.policy.toLowerCase().replace('_', '-')} is applied to its ${d.positions.length} position(s) and its working orders.`,
          confirmLabel: `Stop ${d.strategy}`,
          danger: true,
          destructive: true,
          onConfirm: () => void api.call('strategies.stop', { deploymentId: d.id }).catch(failed).then((r) => report(`Stop ${name}`, r)),
        });
        return;
      case 'rollback': {
        const stage = d.stage === 'LIVE' ? 'LIVE' : 'PAPER';
        useConfirm.getState().ask({
          title: `Roll back ${d.strategy} ${stage.toLowerCase()}?`,
          message: `Retire ${name} (its policy ${d.policy.toLowerCase().replace('_', '-')} applied) and run again the ${stage.toLowerCase()} version it replaced.`,
          confirmLabel: `Roll back ${d.strategy}`,
          danger: true,
          destructive: true,
          onConfirm: () => void api.call('strategies.rollback', { strategy: d.strategy, stage }).catch(failed).then((r) => report(`Roll back ${d.strategy}`, r)),
        });
        return;
      }
      default:
        return action satisfies never;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const move = (i: number) => setCursorId(deployments[Math.min(Math.max(i, 0), deployments.length - 1)]?.id ?? null);
    if (key === 'ArrowDown') move(at + 1);
    else if (key === 'ArrowUp') move(at - 1);
    else if (key === 'Home') move(0);
    else if (key === 'End') move(deployments.length - 1);
    else if (key === 'p') act(current, 'promote');
    else if (key === ' ') act(current, current && canAct(current, 'pause') ? 'pause' : 'resume');
    else if (key === 's') act(current, 'stop');
    else if (key === 'b') act(current, 'rollback');
    else return;
    e.preventDefault();
  };

  return (
    <div className="st-panel" data-testid="strategies-panel">
      <div className="st-list" role="grid" aria-label="Strategy deployments" aria-rowcount={deployments.length} tabIndex={0} data-autofocus onKeyDown={onKeyDown} aria-activedescendant={current ? `strategy-${current.id}` : undefined} data-testid="strategy-rows">
        <div className="st-row st-head" role="row">
          <span role="columnheader">Strategy</span>
          <span role="columnheader">Version</span>
          <span role="columnheader">Stage</span>
          <span role="columnheader">State</span>
          <span role="columnheader">Venue</span>
          <span role="columnheader" className="num">P&amp;L</span>
          <span role="columnheader" className="num">Position</span>
          <span role="columnheader">On stop</span>
        </div>
        {deployments.length === 0 && <p className="muted">No deployed strategies: deploy a version below, backtest it, then promote it to paper.</p>}
        {deployments.map((d, i) => (
          <div
            key={d.id}
            id={`strategy-${d.id}`}
            role="row"
            aria-selected={i === at}
            className={`st-row state-${d.state.toLowerCase()}${i === at ? ' cursor' : ''}`}
            data-testid="strategy-row"
            data-deployment-id={d.id}
            data-stage={d.stage}
            data-state={d.state}
            onMouseDown={() => setCursorId(d.id)}
          >
            <span>{d.strategy}</span>
            <span className="mono" title={`version ${d.version} · code ${d.codeHash} · ${JSON.stringify(d.params)}`}>
              {shortVersion(d.version)}
            </span>
            <span>{d.stage}</span>
            <span title={d.lastError ?? undefined}>{d.state}{d.lastError ? ' ⚠' : ''}</span>
            <span>{d.venue ?? '—'}{d.capitalLimit !== null ? ` ≤ ${formatMoney(d.capitalLimit)}` : ''}</span>
            <span className={`num${d.pnl && d.pnl.net < 0 ? ' down' : d.pnl && d.pnl.net > 0 ? ' up' : ''}`} data-testid="strategy-pnl">
              {d.pnl ? formatMoney(d.pnl.net, true) : '—'}
            </span>
            <span className="num">{d.positions.map((p) => `${p.symbol} ${formatQuantity(p.quantity)}`).join(', ') || '—'}</span>
            <span>{d.policy.toLowerCase().replace('_', '-')}</span>
          </div>
        ))}
      </div>
      <div className="bt-actions" role="toolbar" aria-label="Strategy actions">
        <button disabled={!current || !canAct(current, 'promote')} onClick={() => act(current, 'promote')} data-testid="strategy-promote" title="Promote through the gate (P)">
          Promote…
        </button>
        <button disabled={!current || !canAct(current, 'pause')} onClick={() => act(current, 'pause')} data-testid="strategy-pause" title="Pause (Space)">
          Pause
        </button>
        <button disabled={!current || !canAct(current, 'resume')} onClick={() => act(current, 'resume')} data-testid="strategy-resume" title="Resume (Space)">
          Resume
        </button>
        <button className="danger" disabled={!current || !canAct(current, 'stop')} onClick={() => act(current, 'stop')} data-testid="strategy-stop" title="Stop, applying its policy (S)">
          Stop…
        </button>
        <button className="danger" disabled={!current || !canAct(current, 'rollback')} onClick={() => act(current, 'rollback')} data-testid="strategy-rollback" title="Roll back to the version this one replaced (B)">
          Roll back…
        </button>
        <span className="muted hint">↑↓ move · P promote · Space pause/resume · S stop · B roll back</span>
      </div>
      {gateFor && (
        <GateView
          deployment={gateFor}
          onDone={(message) => {
            setGateFor(null);
            if (message) notify('success', message);
            refresh();
          }}
        />
      )}
      <DeployForm
        onDeployed={(message) => {
          notify('info', 'Deployed', message);
          refresh();
        }}
      />
    </div>
  );
}
