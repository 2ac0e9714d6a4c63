// An open run (or two, compared): the equity and drawdown chart, the metrics table with each figure's convention on
// hover, the run's fills, its executions (parents with TCA, expanding to children), and the tear sheet export.
import { useMemo } from 'react';
import { formatPrice } from '../common/format';
import type { OpenRun } from './backtestRunStore';
import { EquityChart, type ChartedRun } from './EquityChart';
import { ExecutionsTable } from './ExecutionsTable';
import { metricTableRows, runLabel } from './metricTable';


const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function RunResult({ run, compare, onExport, onCloseCompare }: { run: OpenRun; compare: OpenRun | null; onExport(): void; onCloseCompare(): void }) {
  const runs = useMemo(() => (compare ? [run, compare] : [run]), [run, compare]);
  const charted = useMemo<ChartedRun[]>(() => runs.map((r) => ({ label: runLabel(r.summary), series: r.series })), [runs]);
  const rows = useMemo(() => metricTableRows(runs.map((r) => r.summary)), [runs]);
  const s = run.summary;

  return (
    <section className="bt-result" aria-label="Run result" data-testid="backtest-result" data-run-id={s.runId} data-compare-id={compare?.summary.runId}>
      <header className="bt-result-head">
        <strong title={`run ${s.runId} · strategy hash ${s.strategyHash}`}>{runLabel(s)}</strong>
        <span className="muted">
          {s.symbols.join(', ')} · {s.timeframe} · {day(s.from)} → {day(s.to)} · {s.barCount.toLocaleString('en-US')} bars · {s.fillCount} fills · {s.tradeCount} trades
          {s.denialCount ? ` · ${s.denialCount} denials` : ''}
        </span>
        <span data-testid="backtest-final-equity">
          {money(s.initialCash)} → {money(s.finalEquity)}
        </span>
        <button type="button" data-testid="backtest-export" onClick={onExport} title="Download the tear sheet (one HTML file, no network)">
          Export tear sheet
        </button>
        {compare && (
          <button type="button" onClick={onCloseCompare} title="Stop comparing">
            Close compare
          </button>
        )}
      </header>
      <EquityChart runs={charted} />
      <div className="bt-tables">
        <table className="grid bt-metrics" data-testid="backtest-metrics" aria-label="Metrics">
          <thead>
            <tr>
              <th>Metric</th>
              {runs.map((r, i) => (
                <th key={r.summary.runId} className="num" title={runLabel(r.summary)} data-testid={`metrics-head-${i}`}>
                  {compare ? runLabel(r.summary) : 'Value'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-metric={row.key} title={row.convention}>
                <td>
                  {row.label}
                  {row.convention && <abbr className="bt-convention" title={row.convention} aria-label={`convention: ${row.convention}`}>?</abbr>}
                </td>
                {row.cells.map((c, i) => (
                  <td key={i} className="num" data-value={c.value ?? ''}>
                    {c.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="bt-fills">
          <table className="grid" data-testid="backtest-fills" aria-label="Fills">
            <thead>
              <tr>
                <th>Time</th>
                <th>Symbol</th>
                <th>Side</th>
                <th className="num">Qty</th>
                <th className="num">Price</th>
              </tr>
            </thead>
            <tbody>
              {run.fills.slice(0, 500).map((f, i) => (
                <tr key={i} data-testid="backtest-fill">
                  <td>{day(f.time)}</td>
                  <td>{f.symbol}</td>
                  <td className={f.side === 'BUY' ? 'up' : 'down'}>{f.side}</td>
                  <td className="num">{f.quantity.toLocaleString('en-US')}</td>
                  <td className="num">{formatPrice(f.price, 0.01)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {run.fills.length > 500 && <p className="muted">first 500 of {run.fills.length} fills</p>}
        </div>
      </div>
      <section className="bt-exec-section" aria-label="Executions">
        <h3>
          Executions{run.executions.length ? ` (${run.executions.length})` : ''}
          {compare && <span className="muted"> · {runLabel(s)}</span>}
        </h3>
        <ExecutionsTable key={s.runId} executions={run.executions} />
      </section>
      <details className="bt-conventions">
        <summary>Conventions</summary>
        <dl>
          {Object.entries(s.conventions).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
