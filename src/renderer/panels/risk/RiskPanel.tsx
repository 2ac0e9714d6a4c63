// The risk panel: every limit with its utilization bar (breaches highlighted), the kill switch and reduce-only mode,
// limit editing and the breach history.
import type { KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import { useRisk } from '../../state/riskStore';
import { useWorkspace } from '../../state/workspaceStore';
import { LIMIT_KINDS } from '../../../core/trading/risk/limitKinds';
import { formatLimitFigure } from '../common/limitFigures';
import { askKillSwitch, askReduceOnly } from './killSwitchActions';
import { RiskReportExport } from './RiskReportExport';
import { BreachHistory } from './BreachHistory';
import { LimitEditor } from './LimitEditor';
import { PortfolioRiskView } from './PortfolioRiskView';

const level = (ratio: number) => (ratio >= 1 ? 'breach' : ratio >= 0.8 ? 'warn' : 'ok');

export function RiskPanel() {
  const api = useApi();
  const utilization = useRisk((s) => s.utilization);
  const connected = useWorkspace((s) => s.connection === 'connected');
  // Limits change rarely (risk.setLimits, from here or a script): a slow poll keeps list-only limits current.
  const limits = useQuery({ queryKey: ['risk.limits'], queryFn: () => api.call('risk.limits', {}), enabled: connected, refetchInterval: 5_000 }).data ?? [];
  const status = useRisk((s) => s.status);
  const killed = status?.killSwitch.engaged ?? false;
  const reduceOnly = status?.reduceOnly.engaged ?? false;
  const measured = new Set(utilization.map((u) => u.id));
  const listOnly = limits.filter((l) => !measured.has(l.id));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key.toLowerCase() === 'k' && !event.ctrlKey && !event.altKey) askKillSwitch(api);
    else if (event.key.toLowerCase() === 'r' && !event.ctrlKey && !event.altKey) askReduceOnly(api, !reduceOnly);
    else return;
    event.preventDefault();
  };

  return (
    <div className="risk" tabIndex={0} data-autofocus aria-label="Risk limits and controls" onKeyDown={onKeyDown}>
      <div className={`risk-controls${killed ? ' halted' : ''}`}>
        <span className="kill-state" data-testid="kill-state" data-engaged={killed}>
          {killed ? `TRADING HALTED${status?.killSwitch.reason ? ` — ${status.killSwitch.reason}` : ''}` : 'Trading enabled'}
        </span>
        <button className={killed ? 'primary' : 'danger'} data-testid="kill-switch" onClick={() => askKillSwitch(api)} title="K">
          {killed ? 'Re-enable trading' : 'Kill switch'}
        </button>
        <label title="R">
          <input type="checkbox" data-testid="reduce-only" checked={reduceOnly} onChange={(e) => askReduceOnly(api, e.target.checked)} /> reduce-only
        </label>
      </div>
      <ul className="limits" aria-label="Limits">
        {utilization.map((u) => {
          const ratio = u.ratio ?? 0;
          return (
            <li key={u.id} className={`limit ${level(ratio)}`} data-testid="limit" data-limit-id={u.id} data-level={level(ratio)}>
              <span className="limit-id" title={u.kind}>{u.id}</span>
              <span className="limit-scope muted">{u.scope}</span>
              <span className="bar" role="meter" aria-label={`${u.id} utilization`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(ratio * 100)}>
                <span style={{ width: `${Math.min(100, ratio * 100)}%` }} />
              </span>
              <span className="num">
                {u.ratio === null ? '—' : formatLimitFigure(u.used, LIMIT_KINDS[u.kind].unit)} / {formatLimitFigure(u.limit, LIMIT_KINDS[u.kind].unit)}
              </span>
              <span className="num">{u.ratio === null ? '' : `${(ratio * 100).toFixed(0)}%`}</span>
            </li>
          );
        })}
        {listOnly.map((l) => (
          <li key={l.id} className="limit ok" data-testid="limit" data-limit-id={l.id}>
            <span className="limit-id">{l.id}</span>
            <span className="limit-scope muted">{l.kind}</span>
          </li>
        ))}
        {utilization.length === 0 && listOnly.length === 0 && <li className="muted">No limits set.</li>}
      </ul>
      <PortfolioRiskView />
      <BreachHistory />
      <LimitEditor limits={limits} />
      <RiskReportExport />
      <p className="muted hint">K kill switch · R reduce-only · Ctrl+Shift+E export report</p>
    </div>
  );
}
