// Parameter sweeps: every combination of a grid, run in parallel across the backtest engine's workers (each worker
// takes the next combination when free), each run stored under the sweep's id, ranked by the chosen metric.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../core/model/result';
import { resolveParams } from '../../core/strategy/params';
import type { BacktestEngine } from '../../engines/backtest/backtestEngine';
import type { BacktestRunSummary, BacktestSweepRequest, BacktestSweepSummary } from '../../shared/contracts/backtest';
import { runOnPool } from '../engine-host/enginePool';
import { executeBacktest, prepareBacktest, recordRun, type BacktestDeps, type BacktestServiceError, type PreparedBacktest, type RunControl } from './backtestService';

/** Every combination of the grid's values, over the base parameters; in a fixed order (keys sorted). */
export function gridCombinations(base: Readonly<Record<string, number>>, grid: Readonly<Record<string, readonly number[]>>): Record<string, number>[] {
  let combos: Record<string, number>[] = [{ ...base }];
  for (const key of Object.keys(grid).sort()) {
    const values = grid[key] as readonly number[];
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

/** Higher is better, except drawdown (a negative fraction, so higher is better too); undefined figures rank last. */
export function rankRuns(runs: readonly BacktestRunSummary[], metric: string): BacktestRunSummary[] {
  const value = (r: BacktestRunSummary) => r.metrics[metric] ?? null;
  return [...runs].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1;
    return vb - va;
  });
}

/** A sweep ready to run: its backtest prepared and every combination resolved against the strategy's parameters. */
export interface PlannedSweep {
  readonly prepared: PreparedBacktest;
  readonly combinations: readonly Record<string, number>[];
  readonly rankBy: BacktestSweepSummary['rankBy'];
}

/** Every combination is checked before anything runs: a bad value anywhere refuses the sweep. */
export async function planSweep(deps: BacktestDeps, request: BacktestSweepRequest): Promise<Result<PlannedSweep, BacktestServiceError>> {
  const { grid, rankBy, on: _where, ...single } = request;
  const prepared = await prepareBacktest(deps, single);
  if (!prepared.ok) return prepared;
  const definition = prepared.value.strategy.definition;
  const combinations: Record<string, number>[] = [];
  for (const combo of gridCombinations(prepared.value.request.params, grid)) {
    const params = resolveParams(definition.params, combo);
    if (!params.ok) return err(params.error);
    combinations.push({ ...params.value });
  }
  return ok({ prepared: prepared.value, combinations, rankBy });
}

export async function runSweep(deps: BacktestDeps, request: BacktestSweepRequest, control: RunControl = {}): Promise<Result<BacktestSweepSummary, BacktestServiceError>> {
  const plan = await planSweep(deps, request);
  if (!plan.ok) return plan;
  const { prepared, combinations: resolved, rankBy } = plan.value;
  const sweepId = randomUUID();
  const runs: BacktestRunSummary[] = [];
  const failed: BacktestSweepSummary['failed'][number][] = [];
  const instances = deps.supervisor.instancesOf('backtest');
  let done = 0;
  await runOnPool<BacktestEngine, Record<string, number>, void>(
    deps.supervisor,
    instances,
    resolved,
    async (_engine, params, lane) => {
      if (control.signal?.aborted) return;
      const instance = instances[lane % instances.length];
      const result = await executeBacktest(deps, prepared, params, { signal: control.signal }, instance);
      if (result.ok) runs.push((await recordRun(deps, prepared, params, result.value, sweepId)).summary);
      else failed.push({ params, code: result.error.code, message: 'message' in result.error ? String(result.error.message) : JSON.stringify(result.error) });
      control.onProgress?.(++done, resolved.length);
    },
  );
  if (control.signal?.aborted) return err({ code: 'BACKTEST_CANCELLED', barsDone: 0 });
  return ok({ sweepId, rankBy, runs: rankRuns(runs, rankBy), failed });
}
