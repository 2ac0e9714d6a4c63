// The promotion gate as the trader approves it: the backtest's metrics beside the stage being left (paper before live),
// who approves, a note, and the capital limit a live step needs; Enter approves, Escape closes.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { StrategyDeploymentView } from '../../../shared/contracts/strategies';
import { shortVersion } from '../../../core/model/strategyRef';
import { useApi } from '../../api/ApiContext';
import { formatMetric, metricRows } from './strategyRows';

export function GateView({ deployment, onDone }: { deployment: StrategyDeploymentView; onDone(message: string | null): void }) {
  const api = useApi();
  const gate = useQuery({ queryKey: ['strategies.gate', deployment.id], queryFn: () => api.call('strategies.gate', { deploymentId: deployment.id }) });
  const [approvedBy, setApprovedBy] = useState('trader');
  const [note, setNote] = useState('');
  const [capital, setCapital] = useState(deployment.capitalLimit === null ? '' : String(deployment.capitalLimit));
  const [error, setError] = useState<string | null>(null);
  const view = gate.data?.ok ? gate.data.value : null;
  const toLive = view?.to === 'LIVE';

  const approve = async (e?: FormEvent) => {
    e?.preventDefault();
    const capitalLimit = capital.trim() === '' ? undefined : Number(capital);
    if (toLive && (capitalLimit === undefined || !(capitalLimit > 0) || !Number.isFinite(capitalLimit))) return setError('A live deployment needs a capital limit greater than 0');
    const result = await api.call('strategies.promote', { deploymentId: deployment.id, approvedBy, ...(note ? { note } : {}), ...(capitalLimit !== undefined && toLive ? { capitalLimit } : {}) }).catch((x: Error) => ({ ok: false as const, error: { code: 'CALL_FAILED', message: x.message } }));
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
    onDone(`${deployment.strategy}@${shortVersion(deployment.version)} promoted to ${result.value.stage.toLowerCase()}`);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onDone(null);
    }
  };

  const rows = view ? metricRows(view.backtest, view.previous) : [];
  return (
    <form className="st-gate" aria-label="Promotion gate" data-testid="strategy-gate" onSubmit={(e) => void approve(e)} onKeyDown={onKeyDown}>
      <h3>
        Promote {deployment.strategy}@{shortVersion(deployment.version)}: {view ? `${view.from.toLowerCase()} → ${view.to?.toLowerCase() ?? '—'}` : '…'}
      </h3>
      {gate.data && !gate.data.ok && <p className="bt-error" role="alert">{gate.data.error.message}</p>}
      {view?.blocked && (
        <p className="bt-error" role="alert" data-testid="strategy-gate-blocked">
          {view.blocked.message}
        </p>
      )}
      {view && (
        <table className="st-metrics" data-testid="strategy-gate-metrics">
          <thead>
            <tr>
              <th>metric</th>
              <th className="num" title={view.backtest?.source}>backtest</th>
              {view.previous && <th className="num" title={view.previous.source}>{view.previous.stage.toLowerCase()}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} data-metric={r.name}>
                <td>{r.name}</td>
                <td className="num">{formatMetric(r.backtest)}</td>
                {view.previous && <td className="num">{formatMetric(r.previous)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="bt-row">
        <label className="bt-field">
          <span className="muted">approved by</span>
          <input autoFocus value={approvedBy} onChange={(e) => setApprovedBy(e.target.value)} maxLength={64} required aria-label="Approved by" />
        </label>
        {toLive && (
          <label className="bt-field">
            <span className="muted">capital limit</span>
            <input inputMode="decimal" value={capital} onChange={(e) => setCapital(e.target.value)} aria-label="Capital limit" data-testid="strategy-capital-limit" />
          </label>
        )}
      </div>
      <label className="bt-field">
        <span className="muted">note</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} aria-label="Note" />
      </label>
      {error && (
        <p className="bt-error" role="alert" data-testid="strategy-gate-error">
          {error}
        </p>
      )}
      <div className="bt-actions">
        <button type="submit" disabled={!view || view.blocked !== null} data-testid="strategy-approve">
          Approve
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Close
        </button>
      </div>
    </form>
  );
}
