// "Export tear sheet": the run's stored daily equity through core's analytics and tear sheet (both pure), as one
// self-contained HTML file the browser downloads.
import { computePerformance } from '../../../core/analytics';
import { renderTearSheet } from '../../../core/report/tearSheet';
import type { BacktestRunSummary } from '../../../shared/contracts/backtest';
import { runLabel } from './metricTable';

export interface EquitySeries {
  readonly time: readonly number[];
  readonly equity: readonly number[];
}

/** The tear sheet's HTML for a run, or why it cannot be made (the analytics' own message). */
export function tearSheetHtml(run: BacktestRunSummary, series: EquitySeries, generatedAt: number): { ok: true; html: string } | { ok: false; error: string } {
  const report = computePerformance({ equity: { times: series.time, values: series.equity } });
  if (!report.ok) return { ok: false, error: report.error.message };
  return { ok: true, html: renderTearSheet({ strategyName: runLabel(run), report: report.value, generatedAt }) };
}

/** The file's name: strategy, first symbols and the run id's head, safe on every file system. */
export function tearSheetFileName(run: Pick<BacktestRunSummary, 'strategy' | 'symbols' | 'runId'>): string {
  const symbols = run.symbols.slice(0, 3).join('-') + (run.symbols.length > 3 ? `-and-${run.symbols.length - 3}` : '');
  return `${run.strategy}_${symbols}_${run.runId.slice(0, 8)}.html`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Hands the HTML to the browser as a download (an object URL on an anchor, released afterwards). */
export function downloadHtml(fileName: string, html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
