// The Portfolio panel: optimizer inputs, the weights with their risk contributions, the efficient frontier, and the
// rebalance preview (editable quantities, costs, risk after the trade) sent through the OMS or as a basket.
import type { ReactNode } from 'react';
import { OPTIMIZATION_METHODS } from '../../../core/portfolio/methods';
import { FrontierChart } from './FrontierChart';
import { percentOf } from './portfolioFigures';
import type { PortfolioField } from './portfolioForm';
import { usePortfolio } from './portfolioStore';
import { RebalanceView } from './RebalanceView';
import { usePortfolioActions } from './usePortfolioActions';

function Field({ id, label, error, hint, children }: { id: PortfolioField; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className={`bt-field${error ? ' bt-field-invalid' : ''}`} data-field={id}>
      <label htmlFor={`pf-${id}`} title={hint}>
        {label}
      </label>
      {children}
      {error && (
        <span className="bt-error" id={`pf-${id}-error`} role="alert" data-testid={`portfolio-error-${id}`}>
          {error}
        </span>
      )}
    </div>
  );
}

export function PortfolioPanel() {
  const { form, errors, busy, optimization, frontier, notice, patchForm } = usePortfolio();
  const actions = usePortfolioActions();
  const inv = (f: PortfolioField) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `pf-${f}-error` } : {});

  return (
    <div className="portfolio-panel" data-testid="portfolio-panel">
      <form
        className="bt-form"
        aria-label="Portfolio optimizer"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void actions.optimize();
        }}
      >
        <div className="bt-row">
          <Field id="method" label="Method" error={errors.method}>
            <select id="pf-method" data-autofocus data-testid="portfolio-method" value={form.method} onChange={(e) => patchForm({ method: e.target.value as typeof form.method })} {...inv('method')}>
              {OPTIMIZATION_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </Field>
          <Field id="covariance" label="Covariance" error={errors.covariance}>
            <select id="pf-covariance" value={form.covariance} onChange={(e) => patchForm({ covariance: e.target.value as typeof form.covariance })}>
              <option value="ledoit-wolf">Ledoit-Wolf</option>
              <option value="sample">sample</option>
            </select>
          </Field>
          <Field id="window" label="Window (days)" error={errors.window}>
            <input id="pf-window" data-testid="portfolio-window" inputMode="numeric" value={form.window} onChange={(e) => patchForm({ window: e.target.value })} {...inv('window')} />
          </Field>
        </div>
        <Field id="symbols" label="Symbols" error={errors.symbols} hint="comma or space separated">
          <input id="pf-symbols" data-testid="portfolio-symbols" placeholder="NVTX, QBIT, CLDR" value={form.symbols} onChange={(e) => patchForm({ symbols: e.target.value })} {...inv('symbols')} />
        </Field>
        <div className="bt-row">
          <Field id="maxWeight" label="Max weight" error={errors.maxWeight} hint="1 = 100%; blank for none">
            <input id="pf-maxWeight" data-testid="portfolio-max-weight" inputMode="decimal" value={form.maxWeight} onChange={(e) => patchForm({ maxWeight: e.target.value })} {...inv('maxWeight')} />
          </Field>
          <Field id="sectorCaps" label="Sector caps" error={errors.sectorCaps} hint="Sector=cap, comma separated">
            <input id="pf-sectorCaps" data-testid="portfolio-sector-caps" placeholder="Technology=0.4" value={form.sectorCaps} onChange={(e) => patchForm({ sectorCaps: e.target.value })} {...inv('sectorCaps')} />
          </Field>
          <label className="bt-check">
            <input type="checkbox" data-testid="portfolio-long-only" checked={form.longOnly} onChange={(e) => patchForm({ longOnly: e.target.checked })} /> Long only
          </label>
        </div>
        <div className="bt-actions">
          <button type="submit" className="primary" data-testid="portfolio-optimize" disabled={busy !== null}>
            Optimize
          </button>
          {busy && <span className="muted" role="status">{busy}</span>}
        </div>
        {errors.form && (
          <p className="bt-error" role="alert" data-testid="portfolio-error-form">
            {errors.form}
          </p>
        )}
        {notice && <p className="muted" data-testid="portfolio-notice">{notice}</p>}
      </form>

      {optimization && (
        <section aria-label="Optimal weights" className="portfolio-result">
          <h4>
            {optimization.method} · expected return <b data-testid="portfolio-expected-return">{percentOf(optimization.expectedReturn)}</b> · volatility{' '}
            <b data-testid="portfolio-volatility">{percentOf(optimization.volatility)}</b>
            <span className="muted">
              {' '}
              · {optimization.covariance}
              {optimization.covariance === 'ledoit-wolf' ? ` (shrinkage ${optimization.shrinkage.toFixed(3)})` : ''} · {optimization.window} days
            </span>
          </h4>
          <div className="portfolio-result-row">
            <table className="grid" data-testid="portfolio-weights" aria-label="Weights and risk contributions">
              <thead>
                <tr><th>Symbol</th><th className="num">Weight</th><th className="num">Risk contribution</th><th className="num">Share of risk</th></tr>
              </thead>
              <tbody>
                {optimization.symbols.map((s) => (
                  <tr key={s} data-symbol={s}>
                    <td className="sym">{s}</td>
                    <td className="num" data-figure="weight">{percentOf(optimization.weights[s])}</td>
                    <td className="num" data-figure="risk">{percentOf(optimization.riskContributions[s])}</td>
                    <td className="num">{percentOf(optimization.volatility > 0 ? optimization.riskContributions[s]! / optimization.volatility : null, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {frontier && <FrontierChart frontier={frontier} chosen={optimization} label={`Efficient frontier with ${optimization.method} marked`} />}
          </div>
        </section>
      )}

      <RebalanceView onPreview={actions.preview} onReestimate={actions.reestimate} onSend={actions.send} onCancelBasket={actions.cancelBasket} />
    </div>
  );
}
