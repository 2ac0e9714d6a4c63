// Runs as a table (the stored runs, or a sweep's ranked runs): Enter or a click opens one, "Compare" sets it beside
// the open run. Arrow keys move the cursor.
import { useState, type KeyboardEvent } from 'react';
import type { BacktestRunSummary } from '../../../shared/contracts/backtest';
import { formatRunMetric, runLabel } from './metricTable';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function RunList({ runs, label, testId, openRunId, rankBy, compact = false, onOpen, onCompare }: {
  runs: readonly BacktestRunSummary[];
  label: string;
  testId: string;
  openRunId: string | null;
  rankBy?: string;
  /** Narrow: the run's name, symbols under it, total and Sharpe only. */
  compact?: boolean;
  onOpen(run: BacktestRunSummary): void;
  onCompare(run: BacktestRunSummary): void;
}) {
  const [at, setAt] = useState(0);
  const cursor = Math.min(at, Math.max(0, runs.length - 1));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown') setAt(Math.min(cursor + 1, runs.length - 1));
    else if (e.key === 'ArrowUp') setAt(Math.max(cursor - 1, 0));
    else if (e.key === 'Enter' && runs[cursor]) onOpen(runs[cursor]!);
    else if (e.key.toLowerCase() === 'c' && runs[cursor]) onCompare(runs[cursor]!);
    else return;
    e.preventDefault();
  };
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <table className="grid bt-runs" role="grid" tabIndex={0} aria-label={label} data-testid={testId} onKeyDown={onKeyDown} title="↑↓ move · Enter opens · C compares with the open run">
      <thead>
        <tr>
          {rankBy && <th className="bt-rank">#</th>}
          <th>Run</th>
          {!compact && <th>Symbols</th>}
          {!compact && <th>Range</th>}
          <th className="num">Total</th>
          <th className="num">Sharpe</th>
          {!compact && <th className="num">Max DD</th>}
          {rankBy && !['totalReturn', 'sharpe', 'maxDrawdown'].includes(rankBy) && <th className="num">{rankBy}</th>}
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((r, i) => (
          <tr key={r.runId} className={`${i === cursor ? 'cursor' : ''}${r.runId === openRunId ? ' selected' : ''}`} data-testid="backtest-run-row" data-run-id={r.runId} onClick={() => (setAt(i), onOpen(r))}>
            {rankBy && <td className="bt-rank">{i + 1}</td>}
            <td className="sym" title={`${runLabel(r)} · ${r.symbols.join(' ')} · ${day(r.from)}…${day(r.to)} · run ${r.runId}`}>
              {runLabel(r)}
              {compact && <div className="muted bt-run-symbols">{r.symbols.join(' ')}</div>}
            </td>
            {!compact && <td>{r.symbols.join(' ')}</td>}
            {!compact && (
              <td>
                {day(r.from)}…{day(r.to)}
              </td>
            )}
            <td className="num">{formatRunMetric(r.metrics.totalReturn, 'percent', r)}</td>
            <td className="num">{formatRunMetric(r.metrics.sharpe, 'ratio', r)}</td>
            {!compact && <td className="num">{formatRunMetric(r.metrics.maxDrawdown, 'percent', r)}</td>}
            {rankBy && !['totalReturn', 'sharpe', 'maxDrawdown'].includes(rankBy) && <td className="num" data-testid="rank-value">{formatRunMetric(r.metrics[rankBy], rankBy === 'cagr' ? 'percent' : 'ratio', r)}</td>}
            <td className="bt-compare-cell">
              <button type="button" tabIndex={-1} disabled={r.runId === openRunId || openRunId === null} onClick={(e) => (e.stopPropagation(), onCompare(r))} data-testid="backtest-compare" title="Compare with the open run (C)">
                {compact ? 'vs' : 'Compare'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
