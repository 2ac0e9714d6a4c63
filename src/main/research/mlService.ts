// ML over stored symbols: reads daily closes, turns them into percent log returns, and has the ML engines fit them
// (GARCH σ per symbol, the universe spread across the ML workers; HMM regimes per day).
import * as Comlink from 'comlink';
import { percentLogReturns, simpleReturnSd } from '../../core/ml/returnSeries';
import { expectedDurations } from '../../core/ml/hmm';
import { err, ok, type Result } from '../../core/model/result';
import type { MlEngine } from '../../engines/ml/mlEngine';
import type { GarchRequest, MlServiceError, RegimesRequest, SymbolGarchForecast, SymbolRegimes, VolatilityForecasts, VolatilityRequest } from '../../shared/contracts/ml';
import { runOnPool } from '../engine-host/enginePool';
import { instancesForShortCalls } from './mlInstances';
import type { EngineSupervisor } from '../engine-host/supervisor';
import type { MarketStore } from '../storage/market/marketStore';

export interface MlServiceDeps {
  readonly store: Pick<MarketStore, 'readBars'>;
  readonly supervisor: EngineSupervisor;
}

async function dailyReturns(store: MlServiceDeps['store'], symbol: string): Promise<Result<{ returns: Float64Array; times: Float64Array }, MlServiceError>> {
  const bars = await store.readBars(symbol, '1D');
  if (bars.close.length === 0) return err({ code: 'NO_BARS', symbol, message: `no daily bars stored for ${symbol}` });
  const returns = percentLogReturns(bars.close);
  if (!returns.ok) return returns;
  return ok({ returns: returns.value, times: bars.time.slice(1) });
}

type GarchReply = Awaited<ReturnType<MlEngine['garch']>>;

/** A copy is moved to the engine, so a retry after an engine crash still has the series. */
const garchCall = (engine: Comlink.Remote<MlEngine>, returns: Float64Array, request: Pick<GarchRequest, 'distribution' | 'horizon'>): Promise<GarchReply> => {
  const copy = returns.slice();
  return engine.garch(Comlink.transfer(copy, [copy.buffer as ArrayBuffer]), { distribution: request.distribution, horizon: request.horizon });
};

function forecastOf(symbol: string, times: Float64Array, fit: GarchReply): Result<SymbolGarchForecast, MlServiceError> {
  if (!fit.ok) return fit;
  const { forecast, ...model } = fit.value;
  return ok({ symbol, asOf: times[times.length - 1]!, ...model, forecastPct: Array.from(forecast), dailySigma: simpleReturnSd(forecast[0]!, model.mu) });
}

/** A short call goes to the first instance no training holds. */
const firstInstance = (supervisor: EngineSupervisor): string => instancesForShortCalls(supervisor)[0]!;

export async function mlGarch(deps: MlServiceDeps, request: GarchRequest): Promise<Result<SymbolGarchForecast, MlServiceError>> {
  const series = await dailyReturns(deps.store, request.symbol);
  if (!series.ok) return series;
  const fit = await deps.supervisor.call<MlEngine, GarchReply>(firstInstance(deps.supervisor), (engine) => garchCall(engine, series.value.returns, request));
  return forecastOf(request.symbol, series.value.times, fit);
}

/** One-day σ per symbol across the ML workers (the engine pool); a symbol's failure is reported, not thrown. */
export async function mlVolatility(deps: MlServiceDeps, request: VolatilityRequest): Promise<VolatilityForecasts> {
  const failures: Array<{ symbol: string; error: MlServiceError }> = [];
  const inputs: Array<{ symbol: string; returns: Float64Array; times: Float64Array }> = [];
  for (const symbol of new Set(request.symbols)) {
    const series = await dailyReturns(deps.store, symbol);
    if (series.ok) inputs.push({ symbol, ...series.value });
    else failures.push({ symbol, error: series.error });
  }
  // Only instances no training holds take part: one held by a training would keep its share of the batch (and the
  // risk engine's VaR, which waits for it) until the training ends.
  const fits = await runOnPool<MlEngine, (typeof inputs)[number], GarchReply>(deps.supervisor, instancesForShortCalls(deps.supervisor), inputs, (engine, item) =>
    garchCall(engine, item.returns, { distribution: request.distribution, horizon: 1 }),
  );
  const forecasts: SymbolGarchForecast[] = [];
  fits.forEach((fit, i) => {
    const { symbol, times } = inputs[i]!;
    const forecast = forecastOf(symbol, times, fit);
    if (forecast.ok) forecasts.push(forecast.value);
    else failures.push({ symbol, error: forecast.error });
  });
  forecasts.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  failures.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  return { volatilityOverride: Object.fromEntries(forecasts.map((f) => [f.symbol, f.dailySigma])), forecasts, failures };
}

export async function mlRegimes(deps: MlServiceDeps, request: RegimesRequest): Promise<Result<SymbolRegimes, MlServiceError>> {
  const series = await dailyReturns(deps.store, request.symbol);
  if (!series.ok) return series;
  const { returns, times } = series.value;
  const fit = await deps.supervisor.call<MlEngine, Awaited<ReturnType<MlEngine['regimes']>>>(firstInstance(deps.supervisor), (engine) =>
    engine.regimes(Comlink.transfer(returns, [returns.buffer as ArrayBuffer]), { states: request.states, starts: request.starts, seed: request.seed }),
  );
  if (!fit.ok) return fit;
  const m = fit.value;
  const k = m.states;
  const n = m.path.length;
  const from = Math.max(0, n - (request.limit ?? n));
  const rowsOf = (flat: Float64Array) => Array.from({ length: n - from }, (_, i) => Array.from(flat.subarray((from + i) * k, (from + i + 1) * k)));
  const durations = expectedDurations({ ...m, initial: new Float64Array(k) });
  return ok({
    symbol: request.symbol,
    states: k,
    regimes: Array.from({ length: k }, (_, j) => ({ mean: m.means[j]!, sd: Math.sqrt(m.variances[j]!), expectedDuration: durations[j]! })),
    transition: Array.from({ length: k }, (_, i) => Array.from(m.transition.subarray(i * k, i * k + k))),
    logLikelihood: m.logLikelihood,
    converged: m.converged,
    time: Array.from(times.subarray(from)),
    path: Array.from(m.path.subarray(from)),
    filtered: rowsOf(m.filtered),
    smoothed: rowsOf(m.smoothed),
  });
}
