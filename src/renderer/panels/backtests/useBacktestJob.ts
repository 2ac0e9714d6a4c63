// One backtest job at a time from the panel: run or sweep under a job name of ours, its progress from
// research.progress (job `backtest:<name>`), and cancel by that name.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contracts/api';
import { ApiCallError } from '../../../shared/contracts/errors';
import { useApi } from '../../api/ApiContext';

export interface JobProgress {
  readonly kind: 'run' | 'sweep';
  readonly job: string;
  readonly done: number;
  readonly total: number;
  readonly detail: string;
}

type RunInput = Omit<MethodInput<'backtest.run'>, 'job'>;
type SweepInput = Omit<MethodInput<'backtest.sweep'>, 'job'>;
export type JobOutcome<M extends 'backtest.run' | 'backtest.sweep'> = { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiCallError | Error };

let jobCounter = 0;
const newJobName = (kind: string) => `ui-${kind}-${Date.now().toString(36)}-${++jobCounter}`;

export function useBacktestJob() {
  const api = useApi();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const current = useRef<JobProgress | null>(null);

  useEffect(
    () =>
      api.subscribe('research.progress', (p) => {
        const job = current.current;
        if (!job || p.job !== `backtest:${job.job}`) return;
        const next = { ...job, done: p.done, total: p.total, detail: p.detail };
        current.current = next;
        setProgress(next);
      }),
    [api],
  );

  const start = useCallback(
    async <M extends 'backtest.run' | 'backtest.sweep'>(method: M, input: M extends 'backtest.run' ? RunInput : SweepInput): Promise<JobOutcome<M>> => {
      const kind = method === 'backtest.run' ? 'run' : 'sweep';
      const job: JobProgress = { kind, job: newJobName(kind), done: 0, total: 0, detail: 'starting' };
      current.current = job;
      setProgress(job);
      try {
        const value = (await api.call(method, { ...input, job: job.job } as MethodInput<M>)) as MethodOutput<M>;
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
      } finally {
        if (current.current?.job === job.job) {
          current.current = null;
          setProgress(null);
        }
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    const job = current.current;
    if (job) await api.call('backtest.cancel', { job: job.job });
  }, [api]);

  return { progress, start, cancel };
}
