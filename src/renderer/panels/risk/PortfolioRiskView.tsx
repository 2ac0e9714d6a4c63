// The book's VaR/ES with a method switch and component VaR per position, refreshed every 5 s from risk.var.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { VarMethod } from '../../../core/risk/varFigures';
import { useApi } from '../../api/ApiContext';
import { useWorkspace } from '../../state/workspaceStore';
import { formatMoney } from '../common/format';
import { RiskBreakdowns } from './RiskBreakdowns';

const METHODS: readonly { method: VarMethod; label: string }[] = [
  { method: 'historical', label: 'Historical' },
  { method: 'parametric', label: 'Parametric' },
  { method: 'monteCarlo', label: 'Monte Carlo' },
];
const FIGURES = ['var95', 'es95', 'var99', 'es99'] as const;
const FIGURE_LABEL: Record<(typeof FIGURES)[number], string> = { var95: 'VaR 95%', es95: 'ES 95%', var99: 'VaR 99%', es99: 'ES 99%' };
export const RISK_REFRESH_MS = 5_000;

export function PortfolioRiskView() {
  const api = useApi();
  const connected = useWorkspace((s) => s.connection === 'connected');
  const [method, setMethod] = useState<VarMethod>('historical');
  // Parametric and Monte Carlo take σ from the window's sample or from each symbol's GARCH(1,1) one-day forecast.
  const [volatility, setVolatility] = useState<'sample' | 'garch'>('sample');
  const sigma = method === 'historical' ? 'sample' : volatility;
  // One method per request: the panel shows one, and Monte Carlo is not paid for when it is not on screen.
  const query = useQuery({
    queryKey: ['risk.var', method, sigma],
    queryFn: () => api.call('risk.var', { methods: [method], volatility: sigma }),
    enabled: connected,
    refetchInterval: RISK_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
  const result = query.data;
  const report = result?.ok ? result.value : undefined;
  const totals = report?.[method] ?? undefined;

  return (
    <section className="portfolio-risk" aria-label="Portfolio VaR and ES">
      <div className="portfolio-risk-head">
        <strong>Portfolio risk</strong>
        <span role="group" aria-label="VaR method" className="method-switch">
          {METHODS.map((m) => (
            <button key={m.method} data-testid="var-method" data-method={m.method} aria-pressed={m.method === method} onClick={() => setMethod(m.method)}>
              {m.label}
            </button>
          ))}
        </span>
        {method !== 'historical' && (
          <span role="group" aria-label="Volatility" className="method-switch">
            {(['sample', 'garch'] as const).map((v) => (
              <button key={v} data-testid="var-volatility" data-volatility={v} aria-pressed={v === volatility} onClick={() => setVolatility(v)}>
                {v === 'sample' ? 'Sample σ' : 'GARCH σ'}
              </button>
            ))}
          </span>
        )}
        {report && <span className="muted">book {formatMoney(report.value)} · {report.window} days</span>}
      </div>
      {query.error && !result && (
        <p className="muted" data-testid="portfolio-risk-message">
          Portfolio risk unavailable: {query.error.message}
        </p>
      )}
      {result && !result.ok && (
        <p className="muted" data-testid="portfolio-risk-message">
          {result.error.message}
        </p>
      )}
      {totals && (
        <dl className="var-figures" data-testid="var-figures" data-method={method}>
          {FIGURES.map((k) => (
            <div key={k} data-testid="var-figure" data-key={k} data-value={totals[k]}>
              <dt>{FIGURE_LABEL[k]}</dt>
              <dd className="num">{formatMoney(totals[k])}</dd>
            </div>
          ))}
        </dl>
      )}
      {report && (
        <table className="var-components" aria-label="Component VaR by position">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Value</th>
              <th className="num">VaR 95%</th>
              <th className="num">VaR 99%</th>
              <th className="num">ES 99%</th>
            </tr>
          </thead>
          <tbody>
            {report.components.map((c) => (
              <tr key={c.symbol} data-testid="var-component" data-symbol={c.symbol} data-var95={c[method]?.var95}>
                <td>{c.symbol}</td>
                <td className="num">{formatMoney(c.value)}</td>
                <td className="num">{formatMoney(c[method]?.var95)}</td>
                <td className="num">{formatMoney(c[method]?.var99)}</td>
                <td className="num">{formatMoney(c[method]?.es99)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && <RiskBreakdowns />}
      {report && <p className="muted hint conventions">{report.conventions}</p>}
    </section>
  );
}
