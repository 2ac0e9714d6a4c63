// The ML API with real worker threads and a real DuckDB store: GARCH forecasts equal an in-process fit of the stored
// closes, the universe's daily σ (in parametric VaR's unit) comes from both workers, regimes come per day, and
// symbols without bars are reported rather than thrown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitGarch, fitGaussianHmm, forecastGarchSd, percentLogReturns, simpleReturnSd } from '../../../src/core/ml';
import { SeededRandom } from '../../../src/core/model/clock';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import type { SymbolGarchForecast, SymbolRegimes, VolatilityForecasts } from '../../../src/shared/contracts/ml';
import type { Result } from '../../../src/core/model/result';
import { waitFor } from '../../support/waitFor';

describe('ML API over the store and the ML workers', () => {
  let ws: Workstation;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-api-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['ml'], syntheticHistory: { seed: 5, years: 2, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const storedReturns = async (symbol: string) => {
    const bars = await ws.market.readBars(symbol, '1D');
    const r = percentLogReturns(bars.close);
    if (!r.ok) throw new Error(r.error.message);
    return { returns: r.value, times: bars.time };
  };

  it('ml.garch: the engine fits the stored closes as the core does, with σ in percent and the daily simple-return σ', async () => {
    const symbol = (await ws.market.listSymbols('1D'))[0]!;
    const reply = await ws.dispatch('ml.garch', { symbol, distribution: 't', horizon: 3 });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const result = reply.value as Result<SymbolGarchForecast, { code: string }>;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { returns, times } = await storedReturns(symbol);
    const core = fitGarch(returns, { distribution: 't' });
    if (!core.ok) throw new Error(core.error.message);
    const f = result.value;
    expect(f).toMatchObject({ symbol, distribution: 't', alpha: core.value.alpha, beta: core.value.beta, nu: core.value.nu, observations: returns.length, asOf: times[times.length - 1] });
    expect(f.forecastPct).toEqual(Array.from(forecastGarchSd(core.value, 3)));
    expect(f.dailySigma).toBe(simpleReturnSd(f.forecastPct[0]!, core.value.mu));
    // A percent log-return σ of s is a simple-return σ close to s / 100 for daily sizes.
    expect(Math.abs(f.dailySigma / (f.forecastPct[0]! / 100) - 1)).toBeLessThan(0.01);
  });

  it('ml.volatility: every symbol across the ML workers, keyed for volatilityOverride; a symbol without bars is a failure', async () => {
    const symbols = (await ws.market.listSymbols('1D')).slice(0, 8);
    const reply = await ws.dispatch('ml.volatility', { symbols: [...symbols, 'NOBARS'] });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const v = reply.value as VolatilityForecasts;
    expect(Object.keys(v.volatilityOverride).sort()).toEqual([...symbols].sort());
    for (const f of v.forecasts) expect(v.volatilityOverride[f.symbol]).toBe(f.dailySigma);
    expect(v.failures).toEqual([{ symbol: 'NOBARS', error: { code: 'NO_BARS', symbol: 'NOBARS', message: 'no daily bars stored for NOBARS' } }]);
  });

  it('ml.regimes: per-day probabilities and the Viterbi path of the last `limit` days, as the core fits them', async () => {
    const symbol = (await ws.market.listSymbols('1D'))[1]!;
    const reply = await ws.dispatch('ml.regimes', { symbol, states: 2, seed: 4, limit: 20 });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const result = reply.value as Result<SymbolRegimes, { code: string }>;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const r = result.value;
    const { returns, times } = await storedReturns(symbol);
    const core = fitGaussianHmm(returns, { states: 2, starts: 10, random: new SeededRandom(4) });
    if (!core.ok) throw new Error(core.error.message);
    expect(r.time).toEqual(Array.from(times.subarray(times.length - 20)));
    expect(r.smoothed).toHaveLength(20);
    expect(r.smoothed[19]).toEqual(Array.from(core.value.smoothed.subarray(2 * (returns.length - 1))));
    expect(r.path).toEqual(Array.from(core.value.path.subarray(returns.length - 20)));
    expect(r.regimes[0]!.sd).toBeLessThan(r.regimes[1]!.sd);
  });

  it('bad requests are refused at the boundary with the field named', async () => {
    const reply = await ws.dispatch('ml.regimes', { symbol: 'AAA', states: 5 });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).toContain('states');
  });
});
