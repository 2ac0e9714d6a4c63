// The Backtests panel's state, in a store so the chart can read the open run's fills and a job finishing reports
// here whatever the panel shows: the form, the refusals, the open run and the one compared with it, a sweep's
// result, and the job in flight with its progress.
import { create } from 'zustand';
import type { ExecutionRecord } from '../../../core/backtest/executionRecord';
import type { BacktestRunSummary, BacktestSweepSummary } from '../../../shared/contracts/backtest';
import { DEFAULT_FORM, type BacktestForm, type FieldErrors } from './backtestForm';

export interface BacktestFill {
  readonly time: number;
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  readonly price: number;
}

export interface OpenRun {
  readonly summary: BacktestRunSummary;
  readonly series: { readonly time: readonly number[]; readonly equity: readonly number[] };
  readonly fills: readonly BacktestFill[];
  /** The SMART orders and algorithms its strategy sent, with their TCA and children. */
  readonly executions: readonly ExecutionRecord[];
}

export interface JobProgress {
  readonly kind: 'run' | 'sweep';
  readonly job: string;
  readonly done: number;
  readonly total: number;
  readonly detail: string;
}

interface BacktestsState {
  form: BacktestForm;
  errors: FieldErrors;
  notice: string | null;
  open: OpenRun | null;
  compare: OpenRun | null;
  sweep: BacktestSweepSummary | null;
  progress: JobProgress | null;
  set(patch: Partial<Omit<BacktestsState, 'set' | 'patchForm'>>): void;
  patchForm(patch: Partial<BacktestForm>): void;
}

export const useBacktests = create<BacktestsState>((set) => ({
  form: DEFAULT_FORM,
  errors: {},
  notice: null,
  open: null,
  compare: null,
  sweep: null,
  progress: null,
  set: (patch) => set(patch),
  patchForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
}));
