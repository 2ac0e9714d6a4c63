// One backtest job at a time from the panel: run or sweep under a job name of ours, its progress from
// research.progress (job `backtest:<name>`), and cancel by that name.
import { useCallback, useEffect } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contracts/api';
import type { ApiCallError } from '../../../shared/contracts/errors';
import { useApi } from '../../api/ApiContext';
import { useBacktests, type JobProgress } from './backtestRunStore';


type RunInput = Omit<MethodInput<'backtest.run'>, 'job'>;
type SweepInput = Omit<MethodInput<'backtest.sweep'>, 'job'>;
export type JobOutcome<M extends 'backtest.run' | 'backtest.sweep'> = { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiCallError | Error };

let jobCounter = 0;
/** The job in flight lives in the panel's store: a run started before the panel was tabbed away still reports there. */
const current = (): JobProgress | null => useBacktests.getState().progress;
const setCurrent = (progress: JobProgress | null): void => useBacktests.getState().set({ progress });
const newJobName = (kind: string) => `ui-${kind}-${Date.now().toString(36)}-${++jobCounter}`;

export function useBacktestJob() {
  const api = useApi();
  const progress = useBacktests((s) => s.progress);

  useEffect(
    () =>
      api.subscribe('research.progress', (p) => {
        const job = current();
        if (!job || p.job !== `backtest:${job.job}`) return;
        setCurrent({ ...job, done: p.done, total: p.total, detail: p.detail });
      }),
    [api],
  );

  const start = useCallback(
    async <M extends 'backtest.run' | 'backtest.sweep'>(method: M, input: M extends 'backtest.run' ? RunInput : SweepInput): Promise<JobOutcome<M>> => {
      const kind = method === 'backtest.run' ? 'run' : 'sweep';
      const job: JobProgress = { kind, job: newJobName(kind), done: 0, total: 0, detail: 'starting' };
      setCurrent(job);
      try {
        const value = (await api.call(method, { ...input, job: job.job } as MethodInput<M>)) as MethodOutput<M>;
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
      } finally {
        if (current()?.job === job.job) setCurrent(null);
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    const job = current();
    if (job) await api.call('backtest.cancel', { job: job.job });
  }, [api]);

  return { progress, start, cancel };
}
