// Registers a strategy version (its file's code plus these parameters) at the backtest stage: strategy, symbols,
// parameters as name=value, and the stop policy.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { STOP_POLICIES, type StopPolicy } from '../../../core/strategy/deploymentLifecycle';
import { useApi } from '../../api/ApiContext';
import { parseParamText } from './strategyRows';

export function DeployForm({ onDeployed }: { onDeployed(message: string): void }) {
  const api = useApi();
  const strategies = useQuery({ queryKey: ['backtest.strategies'], queryFn: () => api.call('backtest.strategies', {}) });
  const [strategy, setStrategy] = useState('');
  const [symbols, setSymbols] = useState('');
  const [params, setParams] = useState('');
  const [policy, setPolicy] = useState<StopPolicy>('FLATTEN');
  const [error, setError] = useState<string | null>(null);
  const chosen = strategy || strategies.data?.[0]?.name || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseParamText(params);
    if (!parsed.ok) return setError(`parameters: ${parsed.error}`);
    const list = symbols.split(/[,\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
    if (list.length === 0) return setError('symbols: give at least one');
    const result = await api.call('strategies.deploy', { strategy: chosen, symbols: list, params: parsed.value, policy }).catch((x: Error) => ({ ok: false as const, error: { code: 'CALL_FAILED', message: x.message } }));
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
    setError(null);
    onDeployed(`${result.value.strategy} version ${result.value.version.slice(0, 10)} at the backtest stage`);
  };

  return (
    <form className="bt-form" aria-label="Deploy a strategy version" data-testid="strategy-deploy" onSubmit={(e) => void submit(e)}>
      <div className="bt-row">
        <label className="bt-field">
          <span className="muted">strategy</span>
          <select value={chosen} onChange={(e) => setStrategy(e.target.value)} onFocus={() => void strategies.refetch()} aria-label="Strategy" data-testid="strategy-deploy-name">
            {(strategies.data ?? []).map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="bt-field">
          <span className="muted">on stop</span>
          <select value={policy} onChange={(e) => setPolicy(e.target.value as StopPolicy)} aria-label="Stop policy">
            {STOP_POLICIES.map((p) => (
              <option key={p} value={p}>
                {p.toLowerCase().replace('_', '-')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="bt-row">
        <label className="bt-field">
          <span className="muted">symbols</span>
          <input value={symbols} onChange={(e) => setSymbols(e.target.value)} placeholder="NVTX, SMCN" aria-label="Symbols" data-testid="strategy-deploy-symbols" />
        </label>
        <label className="bt-field">
          <span className="muted">parameters</span>
          <input value={params} onChange={(e) => setParams(e.target.value)} placeholder="fast=5, slow=20" aria-label="Parameters" data-testid="strategy-deploy-params" />
        </label>
        <button type="submit" data-testid="strategy-deploy-submit">
          Deploy
        </button>
      </div>
      {error && (
        <p className="bt-error" role="alert" data-testid="strategy-deploy-error">
          {error}
        </p>
      )}
    </form>
  );
}
