// ML over stored symbols: reads daily closes, turns them into percent log returns, and has the ML engines fit them
// (GARCH σ per symbol, the universe spread across the ML workers; HMM regimes per day).
import * as Comlink from 'comlink';
import { percentLogReturns, simpleReturnSd } from '../../core/ml/returnSeries';
import { expectedDurations } from '../../core/ml/hmm';
import { err, ok, type Result } from '../../core/model/result';
import type { MlEngine } from '../../engines/ml/mlEngine';
import type { GarchRequest, MlServiceError, RegimesRequest, SymbolGarchForecast, SymbolRegimes, VolatilityForecasts, VolatilityRequest } from '../../shared/contracts/ml';
import type { EngineSupervisor } from '../engine-host/supervisor';
import type { MarketStore } from '../storage/market/marketStore';

export interface MlServiceDeps {
  readonly store: Pick<MarketStore, 'readBars'>;
  readonly supervisor: Pick<EngineSupervisor, 'call' | 'instancesOf'>;
}

async function dailyReturns(store: MlServiceDeps['store'], symbol: string): Promise<Result<{ returns: Float64Array; times: Float64Array }, MlServiceError>> {
  const bars = await store.readBars(symbol, '1D');
  if (bars.close.length === 0) return err({ code: 'NO_BARS', symbol, message: `no daily bars stored for ${symbol}` });
  const returns = percentLogReturns(bars.close);
  if (!returns.ok) return returns;
  return ok({ returns: returns.value, times: bars.time.slice(1) });
}

async function garchOn(deps: MlServiceDeps, instance: string, request: GarchRequest): Promise<Result<SymbolGarchForecast, MlServiceError>> {
  const series = await dailyReturns(deps.store, request.symbol);
  if (!series.ok) return series;
  const { returns, times } = series.value;
  const fit = await deps.supervisor.call<MlEngine, Awaited<ReturnType<MlEngine['garch']>>>(instance, (engine) =>
    engine.garch(Comlink.transfer(returns, [returns.buffer as ArrayBuffer]), { distribution: request.distribution, horizon: request.horizon }),
  );
  if (!fit.ok) return fit;
  const { forecast, ...model } = fit.value;
  return ok({ symbol: request.symbol, asOf: times[times.length - 1]!, ...model, forecastPct: Array.from(forecast), dailySigma: simpleReturnSd(forecast[0]!, model.mu) });
}

export function mlGarch(deps: MlServiceDeps, request: GarchRequest): Promise<Result<SymbolGarchForecast, MlServiceError>> {
  return garchOn(deps, deps.supervisor.instancesOf('ml')[0] ?? 'ml', request);
}

/** One-day σ per symbol, each ML worker taking the next symbol as it frees up; a symbol's failure is reported, not thrown. */
export async function mlVolatility(deps: MlServiceDeps, request: VolatilityRequest): Promise<VolatilityForecasts> {
  const instances = deps.supervisor.instancesOf('ml');
  const queue = [...new Set(request.symbols)];
  const forecasts: SymbolGarchForecast[] = [];
  const failures: Array<{ symbol: string; error: MlServiceError }> = [];
  const worker = async (instance: string) => {
    for (let symbol = queue.shift(); symbol !== undefined; symbol = queue.shift()) {
      const result = await garchOn(deps, instance, { symbol, distribution: request.distribution, horizon: 1 });
      if (result.ok) forecasts.push(result.value);
      else failures.push({ symbol, error: result.error });
    }
  };
  await Promise.all((instances.length > 0 ? instances : ['ml']).map(worker));
  forecasts.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  failures.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  return { volatilityOverride: Object.fromEntries(forecasts.map((f) => [f.symbol, f.dailySigma])), forecasts, failures };
}

export async function mlRegimes(deps: MlServiceDeps, request: RegimesRequest): Promise<Result<SymbolRegimes, MlServiceError>> {
  const series = await dailyReturns(deps.store, request.symbol);
  if (!series.ok) return series;
  const { returns, times } = series.value;
  const fit = await deps.supervisor.call<MlEngine, Awaited<ReturnType<MlEngine['regimes']>>>(deps.supervisor.instancesOf('ml')[0] ?? 'ml', (engine) =>
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
