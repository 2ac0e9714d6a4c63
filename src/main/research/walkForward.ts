// Walk-forward analysis: windows of in-sample bar times where the grid is optimized across the backtest workers, each
// followed by an out-of-sample stretch where the best parameters are tested; every run stored under one id, and the
// out-of-sample equity chained window after window and measured as one curve.
import { randomUUID } from 'node:crypto';
import { computePerformance } from '../../core/analytics';
import { buildTimeline, type BacktestResult, type BacktestSeries } from '../../core/backtest';
import { err, ok, type Result } from '../../core/model/result';
import { resolveParams } from '../../core/strategy/params';
import type { BacktestEngine } from '../../engines/backtest/backtestEngine';
import type { BacktestRunSummary, BacktestSweepSummary, BacktestWalkForwardRequest, MetricsJson, WalkForwardSummary, WalkForwardWindow } from '../../shared/contracts/backtest';
import { runOnPool } from '../engine-host/enginePool';
import { executeBacktest, prepareBacktest, recordRun, type BacktestDeps, type BacktestServiceError, type PreparedBacktest, type RunControl } from './backtestService';
import { gridCombinations, rankRuns } from './backtestSweep';

/** Index ranges [start, end) into the distinct bar times: in-sample then out-of-sample, windows `step` apart. */
export interface WindowRange {
  readonly inSample: readonly [number, number];
  readonly outOfSample: readonly [number, number];
}

export function walkForwardWindows(count: number, inSample: number, outOfSample: number, step = outOfSample): WindowRange[] {
  const out: WindowRange[] = [];
  for (let start = 0; start + inSample + outOfSample <= count; start += step) {
    out.push({ inSample: [start, start + inSample], outOfSample: [start + inSample, start + inSample + outOfSample] });
  }
  return out;
}

/** The bars of each series with times in [from, to] (views, not copies); series with none are dropped. */
function slice(series: readonly BacktestSeries[], from: number, to: number): BacktestSeries[] {
  const out: BacktestSeries[] = [];
  for (const s of series) {
    const t = s.bars.time;
    let a = 0;
    while (a < t.length && (t[a] as number) < from) a++;
    let b = a;
    while (b < t.length && (t[b] as number) <= to) b++;
    if (b === a) continue;
    const bars = s.bars;
    out.push({ instrument: s.instrument, bars: { time: t.subarray(a, b), open: bars.open.subarray(a, b), high: bars.high.subarray(a, b), low: bars.low.subarray(a, b), close: bars.close.subarray(a, b), volume: bars.volume.subarray(a, b) } });
  }
  return out;
}

function within(prepared: PreparedBacktest, from: number, to: number): PreparedBacktest {
  const benchmark = prepared.benchmark;
  let cut = benchmark;
  if (benchmark) {
    const keep = Array.from(benchmark.times, (t, i) => (t >= from && t <= to ? i : -1)).filter((i) => i >= 0);
    cut = { times: Float64Array.from(keep, (i) => benchmark.times[i] as number), values: Float64Array.from(keep, (i) => benchmark.values[i] as number) };
  }
  return { ...prepared, request: { ...prepared.request, from, to }, series: slice(prepared.series, from, to), benchmark: cut };
}

/** Out-of-sample daily equity, window after window: each window's curve rescaled to start where the last ended. */
export function chainEquity(curves: readonly { readonly time: Float64Array; readonly equity: Float64Array }[], initialCash: number): { time: number[]; equity: number[] } {
  const time: number[] = [];
  const equity: number[] = [];
  let level = initialCash;
  for (const c of curves) {
    const scale = level / initialCash;
    for (let i = 0; i < c.time.length; i++) {
      if (time.length > 0 && (c.time[i] as number) <= (time[time.length - 1] as number)) continue;
      time.push(c.time[i] as number);
      equity.push((c.equity[i] as number) * scale);
    }
    if (c.equity.length > 0) level = (c.equity[c.equity.length - 1] as number) * scale;
  }
  return { time, equity };
}

const metricsJson = (record: object): MetricsJson =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, Number.isFinite(v) ? (v as number) : null]));

/** One window's in-sample runs: each combination's stored summary, or why it failed. */
export interface GridBatch {
  readonly runs: BacktestRunSummary[];
  readonly failed: BacktestSweepSummary['failed'][number][];
}

/** Runs one window's in-sample grid (this machine's engines by default; the team's queue with `on: 'queue'`). */
export type InSampleRunner = (
  prepared: PreparedBacktest,
  combinations: readonly Readonly<Record<string, number>>[],
  window: { readonly walkForwardId: string; readonly index: number },
  control: RunControl,
) => Promise<Result<GridBatch, BacktestServiceError>>;

/** The in-sample grid across this machine's backtest engines. */
export function localInSample(deps: BacktestDeps): InSampleRunner {
  return async (prepared, combinations, window, control) => {
    const instances = deps.supervisor.instancesOf('backtest');
    const runs: BacktestRunSummary[] = [];
    const failed: GridBatch['failed'] = [];
    let done = 0;
    await runOnPool<BacktestEngine, Readonly<Record<string, number>>, void>(deps.supervisor, instances, combinations, async (_engine, params, lane) => {
      if (control.signal?.aborted) return;
      const result = await executeBacktest(deps, prepared, params, { signal: control.signal }, instances[lane % instances.length]);
      if (result.ok) runs.push((await recordRun(deps, prepared, params, result.value, window.walkForwardId)).summary);
      else failed.push(failureOf({ ...params }, result.error));
      control.onProgress?.(++done, combinations.length);
    });
    return control.signal?.aborted ? err({ code: 'BACKTEST_CANCELLED', barsDone: 0 }) : ok({ runs, failed });
  };
}

const failureOf = (params: Record<string, number>, e: BacktestServiceError): GridBatch['failed'][number] => ({ params, code: e.code, message: 'message' in e ? String(e.message) : JSON.stringify(e) });

export async function runWalkForward(
  deps: BacktestDeps,
  request: BacktestWalkForwardRequest,
  control: RunControl = {},
  inSampleRunner: InSampleRunner = localInSample(deps),
): Promise<Result<WalkForwardSummary, BacktestServiceError>> {
  const { grid, rankBy, inSample, outOfSample, step, ...single } = request;
  const prepared = await prepareBacktest(deps, single);
  if (!prepared.ok) return prepared;
  const whole = prepared.value;
  const combos: Record<string, number>[] = [];
  for (const combo of gridCombinations(whole.request.params, grid)) {
    const params = resolveParams(whole.strategy.definition.params, combo);
    if (!params.ok) return err(params.error);
    combos.push({ ...params.value });
  }
  const times = buildTimeline(whole.series).times;
  const ranges = walkForwardWindows(times.length, inSample, outOfSample, step);
  if (ranges.length === 0) {
    return err({ code: 'EMPTY_RANGE', from: request.from ?? null, to: request.to ?? null, detail: `${times.length} bar times cannot hold one window of ${inSample} in-sample and ${outOfSample} out-of-sample bars` });
  }
  const walkForwardId = randomUUID();
  const total = ranges.length * (combos.length + 1);
  let done = 0;
  const windows: WalkForwardWindow[] = [];
  const curves: BacktestResult['equity'][] = [];
  const failed: BacktestSweepSummary['failed'][number][] = [];
  const failure = (params: Record<string, number>, e: BacktestServiceError) => failed.push(failureOf(params, e));
  const at = (i: number) => times[i] as number;
  for (const [index, range] of ranges.entries()) {
    const isPrepared = within(whole, at(range.inSample[0]), at(range.inSample[1] - 1));
    const before = done;
    const batch = await inSampleRunner(isPrepared, combos, { walkForwardId, index }, { signal: control.signal, onProgress: (n) => control.onProgress?.((done = before + n), total) });
    done = before + combos.length;
    if (!batch.ok) return batch;
    failed.push(...batch.value.failed);
    const runs = batch.value.runs;
    if (control.signal?.aborted) return err({ code: 'BACKTEST_CANCELLED', barsDone: 0 });
    const best = rankRuns(runs, rankBy)[0];
    if (!best) continue;
    const oosPrepared = within(whole, at(range.outOfSample[0]), at(range.outOfSample[1] - 1));
    const oos = await executeBacktest(deps, oosPrepared, best.params, { signal: control.signal });
    control.onProgress?.(++done, total);
    if (!oos.ok) {
      if (oos.error.code === 'BACKTEST_CANCELLED') return oos;
      failure({ ...best.params }, oos.error);
      continue;
    }
    const stored = await recordRun(deps, oosPrepared, best.params, oos.value, walkForwardId);
    curves.push(oos.value.equity);
    windows.push({
      index,
      inSample: { from: at(range.inSample[0]), to: at(range.inSample[1] - 1) },
      outOfSample: { from: at(range.outOfSample[0]), to: at(range.outOfSample[1] - 1) },
      bestParams: best.params,
      inSampleMetric: best.metrics[rankBy] ?? null,
      inSampleRunIds: runs.map((r) => r.runId),
      outOfSampleRun: stored.summary,
    });
  }
  const chained = chainEquity(curves, whole.config.initialCash);
  const measured = chained.time.length > 1 ? computePerformance({ equity: { times: Float64Array.from(chained.time), values: Float64Array.from(chained.equity) } }) : null;
  return ok({
    walkForwardId,
    rankBy,
    windows,
    outOfSampleMetrics: measured?.ok ? metricsJson(measured.value.metrics) : {},
    outOfSampleEquity: chained,
    failed,
  });
}
