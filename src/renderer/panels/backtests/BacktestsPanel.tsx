// The Backtests panel: the form, Run and Sweep with progress and cancel (Escape), the open run's result (or two runs
// compared), a sweep's ranked runs, the stored runs, and the tear sheet export.
import { useCallback, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BacktestRunSummary } from '../../../shared/contracts/backtest';
import { ApiCallError } from '../../../shared/contracts/errors';
import { useApi } from '../../api/ApiContext';
import { fieldErrorsFromApi, fieldErrorsFromBacktest, formToRun, gridSize, parseGrid, type FieldErrors } from './backtestForm';
import { BacktestFormView } from './BacktestFormView';
import { useBacktests, type OpenRun } from './backtestRunStore';
import { runOnField } from '../common/runOn';
import { RunList } from './RunList';
import { RunResult } from './RunResult';
import { downloadHtml, tearSheetFileName, tearSheetHtml } from './tearSheetExport';
import { useBacktestJob, type JobOutcome } from './useBacktestJob';

export function BacktestsPanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { form, errors, notice, open, compare, sweep, patchForm } = useBacktests();
  const set = useBacktests.getState().set;
  const setErrors = (e: FieldErrors) => set({ errors: e });
  const setNotice = (n: string | null) => set({ notice: n });
  // Read at the time of use: a run finishing while the panel is tabbed away still reads the latest form.
  const currentForm = () => useBacktests.getState().form;
  const job = useBacktestJob();
  const strategies = useQuery({ queryKey: ['backtest.strategies'], queryFn: () => api.call('backtest.strategies', {}) });
  const runs = useQuery({ queryKey: ['backtest.runs'], queryFn: () => api.call('backtest.runs', { limit: 200 }) });

  const load = useCallback(async (summary: BacktestRunSummary): Promise<OpenRun> => {
    const series = await api.call('backtest.equity', { runId: summary.runId });
    return { summary, series: series.equity, fills: series.fills, executions: series.executions };
  }, [api]);

  const openRun = useCallback(
    async (summary: BacktestRunSummary) => {
      const run = await load(summary);
      useBacktests.getState().set({ open: run, compare: null });
    },
    [load],
  );

  const compareWith = useCallback(async (summary: BacktestRunSummary) => useBacktests.getState().set({ compare: await load(summary) }), [load]);

  /** A transport or validation failure on its fields; a run's refusal on the field it names. */
  const refused = (outcome: JobOutcome<'backtest.run'> | JobOutcome<'backtest.sweep'>, benchmark: string | undefined): boolean => {
    if (!outcome.ok) {
      setErrors(outcome.error instanceof ApiCallError ? fieldErrorsFromApi(outcome.error.detail) : { form: outcome.error.message });
      return true;
    }
    if (!outcome.value.ok) {
      const e = outcome.value.error;
      if (e.code === 'BACKTEST_CANCELLED') setNotice(`Cancelled: ${e.message}`);
      else setErrors(fieldErrorsFromBacktest(e, benchmark));
      return true;
    }
    return false;
  };

  const run = async () => {
    setNotice(null);
    const parsed = formToRun(currentForm());
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    const outcome = await job.start('backtest.run', parsed.value);
    if (refused(outcome, parsed.value.benchmark) || !outcome.ok || !outcome.value.ok) return;
    set({ sweep: null });
    await openRun(outcome.value.value);
    void queryClient.invalidateQueries({ queryKey: ['backtest.runs'] });
  };

  const runSweep = async () => {
    setNotice(null);
    const form = currentForm();
    const parsed = formToRun(form);
    const grid = parseGrid(form.grid);
    const fieldErrors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(grid.ok ? {} : { grid: grid.error }) };
    if (!parsed.ok || !grid.ok) return setErrors(fieldErrors);
    setErrors({});
    setNotice(`Sweeping ${gridSize(grid.value)} runs${form.sweepOn === 'queue' ? ' on the research queue' : ''}…`);
    const outcome = await job.start('backtest.sweep', { ...parsed.value, grid: grid.value, rankBy: form.rankBy, ...runOnField(form.sweepOn) });
    setNotice(null);
    if (refused(outcome, parsed.value.benchmark) || !outcome.ok || !outcome.value.ok) return;
    const summary = outcome.value.value;
    set({ sweep: summary });
    if (summary.failed.length) setNotice(`${summary.failed.length} of the sweep's runs failed: ${summary.failed[0]!.message}`);
    if (summary.runs[0]) await openRun(summary.runs[0]);
    void queryClient.invalidateQueries({ queryKey: ['backtest.runs'] });
  };

  const exportTearSheet = () => {
    if (!open) return;
    const sheet = tearSheetHtml(open.summary, open.series, Date.now());
    if (!sheet.ok) return setNotice(`No tear sheet: ${sheet.error}`);
    downloadHtml(tearSheetFileName(open.summary), sheet.html);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && job.progress) {
      e.preventDefault();
      e.stopPropagation();
      void job.cancel();
    }
  };

  const p = job.progress;
  return (
    <div className="bt-panel" onKeyDown={onKeyDown} data-testid="backtests-panel">
      <div className="bt-side">
        <BacktestFormView form={form} strategies={strategies.data} errors={errors} busy={p !== null} onChange={patchForm} onRun={() => void run()} onSweep={() => void runSweep()} onRefreshStrategies={() => void strategies.refetch()} />
        <h3>Stored runs</h3>
        <RunList compact runs={runs.data ?? []} label="Stored runs" testId="backtest-runs" openRunId={open?.summary.runId ?? null} onOpen={(r) => void openRun(r)} onCompare={(r) => void compareWith(r)} />
      </div>
      {/* A focused button near the right edge scrolls the column sideways by a few pixels (a table rounds wider than
          the column): the column never scrolls sideways, so its left edge stays in view. */}
      <div className="bt-main" onScroll={(e) => void (e.currentTarget.scrollLeft && (e.currentTarget.scrollLeft = 0))}>
        {p && (
          <div className="bt-progress" data-testid="backtest-progress" data-done={p.done} data-total={p.total} role="status">
            <progress max={p.total || 1} value={p.done} aria-label={`${p.kind} progress`} />
            <span>
              {p.kind === 'run' ? 'Running' : 'Sweeping'} {p.detail}: {p.total ? `${Math.floor((100 * p.done) / p.total)}%` : 'starting'}
            </span>
            <button type="button" className="danger" data-testid="backtest-cancel" onClick={() => void job.cancel()} title="Cancel (Escape)">
              Cancel
            </button>
          </div>
        )}
        {notice && (
          <p className="bt-notice" role="status" data-testid="backtest-notice">
            {notice}
          </p>
        )}
        {sweep && (
          <section className="bt-sweep-result" aria-label="Sweep result">
            <h3>
              Sweep ranked by {sweep.rankBy} ({sweep.runs.length} runs{sweep.failed.length ? `, ${sweep.failed.length} failed` : ''})
            </h3>
            <RunList runs={sweep.runs} label="Sweep runs" testId="backtest-sweep-runs" rankBy={sweep.rankBy} openRunId={open?.summary.runId ?? null} onOpen={(r) => void openRun(r)} onCompare={(r) => void compareWith(r)} />
          </section>
        )}
        {open ? (
          <RunResult run={open} compare={compare} onExport={exportTearSheet} onCloseCompare={() => set({ compare: null })} />
        ) : (
          !p && <p className="muted bt-empty">Choose a strategy and symbols, then Run (Enter). Escape cancels a run. Open a stored run to see its equity, metrics, fills and executions.</p>
        )}
      </div>
    </div>
  );
}
