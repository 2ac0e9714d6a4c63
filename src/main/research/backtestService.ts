// Backtests from the backend: checks a request (strategy, symbols, dates, parameters), reads the bars, runs the
// strategy on the backtest engine's workers, measures the result and stores the run. Sweeps spread runs over the pool.
import * as Comlink from 'comlink';
import { randomUUID } from 'node:crypto';
import type { BacktestConfig, BacktestResult, BacktestSeries } from '../../core/backtest';
import type { PerformanceReport } from '../../core/analytics';
import { TIMEFRAME_MS, type Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import { resolveParams, type ParamError } from '../../core/strategy/params';
import { IB_FIXED_US_EQUITY } from '../../core/trading/commission';
import type { RiskLimit } from '../../core/trading/risk/limits';
import type { BacktestEngine, BacktestJobError } from '../../engines/backtest/backtestEngine';
import type { BacktestRequest, BacktestRunSummary } from '../../shared/contracts/backtest';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { storeBacktestRun } from '../storage/market/backtestStore';
import type { MarketStore } from '../storage/market/marketStore';
import { loadStrategy, type LoadedStrategy, type StrategyDirs, type StrategyError } from '../strategies/strategyLoader';
import { summarizeRun } from './backtestSummary';
import type { QueueConnection } from '../team/researchQueue';

export interface BacktestDeps {
  readonly store: MarketStore;
  readonly supervisor: EngineSupervisor;
  readonly strategyDirs: StrategyDirs;
  /** The workstation's limits, for `limits: 'current'`. */
  readonly currentLimits: () => readonly RiskLimit[];
  readonly now: () => number;
  /** Worker threads share memory (a cancel flag); Electron's utility-process ports do not. */
  readonly sharedMemory: boolean;
  /** The team's research queue, when this workstation was started with one (sweeps with `on: 'queue'` go there). */
  readonly researchQueue?: QueueConnection;
  /** Told of each run once it is stored (the workstation puts it in the sync outbox). */
  readonly recorded?: (run: { readonly run: BacktestRunSummary; readonly createdAt: number; readonly sweepId: string | null }) => void;
}

export type BacktestServiceError =
  | StrategyError
  | ParamError
  | BacktestJobError
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly symbol: string }
  | { readonly code: 'EMPTY_RANGE'; readonly from: number | null; readonly to: number | null; readonly detail: string }
  /** A sweep asked for the research queue on a workstation started without one. */
  | { readonly code: 'RESEARCH_QUEUE_NOT_CONFIGURED' };

export interface PreparedBacktest {
  readonly request: BacktestRequest;
  readonly strategy: LoadedStrategy;
  readonly series: readonly BacktestSeries[];
  readonly benchmark: { readonly times: Float64Array; readonly values: Float64Array } | null;
  readonly config: BacktestConfig;
}

export interface RunControl {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

const US_OFFSET_MINUTES = -300;

export async function prepareBacktest(deps: BacktestDeps, request: BacktestRequest): Promise<Result<PreparedBacktest, BacktestServiceError>> {
  const strategy = await loadStrategy(request.strategy, deps.strategyDirs);
  if (!strategy.ok) return strategy;
  const params = resolveParams(strategy.value.definition.params, request.params);
  if (!params.ok) return params;
  const instruments = new Map((await deps.store.listInstruments()).map((i) => [i.symbol, i]));
  for (const symbol of [...request.symbols, ...(request.benchmark ? [request.benchmark] : [])]) {
    if (!instruments.has(symbol)) return err({ code: 'UNKNOWN_SYMBOL', symbol });
  }
  const range = { ...(request.from !== undefined ? { from: request.from } : {}), ...(request.to !== undefined ? { to: request.to } : {}) };
  const series: BacktestSeries[] = [];
  for (const symbol of request.symbols) {
    const bars = await deps.store.readBars(symbol, request.timeframe, range);
    if (bars.time.length > 0) series.push({ instrument: instruments.get(symbol)!, bars });
  }
  if (series.length === 0) {
    return err({ code: 'EMPTY_RANGE', from: request.from ?? null, to: request.to ?? null, detail: `no ${request.timeframe} bars for ${request.symbols.join(', ')} in that range` });
  }
  let benchmark: PreparedBacktest['benchmark'] = null;
  if (request.benchmark) {
    const b = await deps.store.readBars(request.benchmark, request.timeframe, range);
    benchmark = { times: b.time, values: b.close };
  }
  const config: BacktestConfig = {
    timeframeMs: TIMEFRAME_MS[request.timeframe as Timeframe],
    initialCash: request.cash,
    baseCurrency: 'USD',
    fill: request.fill,
    commission: request.commission === 'sim' ? IB_FIXED_US_EQUITY : { kind: 'NONE', currency: 'USD' },
    slippageBps: request.slippageBps,
    maxVolumeShare: request.maxVolumeShare,
    limits: request.limits === 'current' ? deps.currentLimits() : [],
    seed: request.seed,
    accountUtcOffsetMinutes: US_OFFSET_MINUTES,
  };
  return ok({ request: { ...request, params: params.value }, strategy: strategy.value, series, benchmark, config });
}

/** One run on an engine instance (any free one when `instance` is absent). */
export async function executeBacktest(deps: BacktestDeps, prepared: PreparedBacktest, params: Readonly<Record<string, number>>, control: RunControl = {}, instance?: string): Promise<Result<BacktestResult, BacktestServiceError>> {
  const shared = deps.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const abort = () => shared && Atomics.store(shared, 0, 1);
  control.signal?.addEventListener('abort', abort, { once: true });
  try {
    const job = {
      strategyJs: prepared.strategy.js,
      strategyFile: prepared.strategy.file,
      params,
      series: prepared.series,
      config: prepared.config,
      ...(shared ? { cancelFlag: shared } : {}),
    };
    const progress = control.onProgress ? Comlink.proxy(control.onProgress) : undefined;
    const name = instance ?? deps.supervisor.instancesOf('backtest')[0];
    if (!name) throw new Error('no backtest engine is running');
    return await deps.supervisor.call<BacktestEngine, Result<BacktestResult, BacktestJobError>>(name, (engine) => engine.run(job, progress));
  } finally {
    control.signal?.removeEventListener('abort', abort);
  }
}

export async function runBacktestRequest(deps: BacktestDeps, request: BacktestRequest, control: RunControl = {}, sweepId: string | null = null): Promise<Result<{ summary: BacktestRunSummary; report: PerformanceReport | null; benchmarkReport: PerformanceReport | null }, BacktestServiceError>> {
  const prepared = await prepareBacktest(deps, request);
  if (!prepared.ok) return prepared;
  const result = await executeBacktest(deps, prepared.value, prepared.value.request.params, control);
  if (!result.ok) return result;
  return ok(await recordRun(deps, prepared.value, prepared.value.request.params, result.value, sweepId));
}

export async function recordRun(deps: BacktestDeps, prepared: PreparedBacktest, params: Readonly<Record<string, number>>, result: BacktestResult, sweepId: string | null) {
  const runId = randomUUID();
  const { summary, report, benchmarkReport } = summarizeRun(runId, prepared, params, result);
  const createdAt = deps.now();
  await storeBacktestRun(
    deps.store,
    {
      runId,
      createdAt,
      strategy: prepared.strategy.name,
      strategyHash: prepared.strategy.contentHash,
      params,
      symbols: prepared.request.symbols,
      timeframe: prepared.request.timeframe,
      config: { ...prepared.request, params },
      seed: prepared.request.seed,
      sweepId,
      summary,
    },
    result,
  );
  deps.recorded?.({ run: summary, createdAt, sweepId });
  return { summary, report, benchmarkReport };
}

