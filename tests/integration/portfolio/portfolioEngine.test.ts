// portfolio.* through the API contract: zod-validated input, bars from a real DuckDB store, math in the portfolio engine on a worker thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineInstances } from '../../../src/engines/registry';
import type { PortfolioEngine } from '../../../src/engines/portfolio/portfolioEngine';
import { portfolioHandlers } from '../../../src/main/api/portfolioHandlers';
import { EngineSupervisor } from '../../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { optimizeFromHistory } from '../../../src/main/portfolio/portfolioService';
import { MarketStore } from '../../../src/main/storage/market/marketStore';
import { workstationContract } from '../../../src/shared/contracts/api';
import { euStockSeries } from '../../unit/core/portfolio/euStocks';

let dir: string;
let store: MarketStore;
let supervisor: EngineSupervisor;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nautilus-portfolio-engine-'));
  store = await MarketStore.open(join(dir, 'market.duckdb'));
  for (const s of euStockSeries()) {
    const time = Float64Array.from(s.time, (i) => Date.UTC(1991, 6, 1) + i * 86_400_000);
    const r = await store.writeBars(s.symbol, '1D', { time, open: s.close, high: s.close, low: s.close, close: s.close, volume: new Float64Array(s.close.length).fill(5e5) });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['portfolio']), onHealth: () => undefined });
  supervisor.start();
  await supervisor.call<PortfolioEngine, unknown>('portfolio', (e) => e.ping());
});
afterAll(async () => {
  await supervisor.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('portfolio.optimize and portfolio.rebalance', () => {
  it('the engine answers exactly what the same job gives in process', async () => {
    const api = portfolioHandlers(store, supervisor);
    const request = workstationContract['portfolio.optimize'].input.parse({ method: 'hrp', symbols: ['DAX', 'SMI', 'CAC', 'FTSE'], longOnly: true, covariance: 'ledoit-wolf' });
    const viaEngine = await api['portfolio.optimize'](request);
    const inProcess = await optimizeFromHistory(store, request);
    expect(viaEngine.ok).toBe(true);
    expect(viaEngine).toEqual(inProcess);
    if (viaEngine.ok) expect(Object.values(viaEngine.value.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('a rebalance preview comes back with orders; a cause-naming error comes back as a Result', async () => {
    const api = portfolioHandlers(store, supervisor);
    const plan = await api['portfolio.rebalance'](workstationContract['portfolio.rebalance'].input.parse({ method: 'risk-parity', longOnly: true, symbols: ['DAX', 'SMI', 'CAC', 'FTSE'], cash: 1e6 }));
    expect(plan.ok && plan.value.orders.length).toBe(4);
    const short = await api['portfolio.optimize'](workstationContract['portfolio.optimize'].input.parse({ method: 'min-variance', symbols: ['DAX', 'SMI'], window: 5000 }));
    expect(short).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_HISTORY', symbol: 'DAX', required: 5001 } });
  });

  it('the efficient frontier starts at the minimum-variance portfolio and trades risk for return upward', async () => {
    const api = portfolioHandlers(store, supervisor);
    const base = { symbols: ['DAX', 'SMI', 'CAC', 'FTSE'], longOnly: true, maxWeight: 0.6 };
    const frontier = await api['portfolio.frontier'](workstationContract['portfolio.frontier'].input.parse({ ...base, points: 12 }));
    const minVar = await api['portfolio.optimize'](workstationContract['portfolio.optimize'].input.parse({ ...base, method: 'min-variance' }));
    if (!frontier.ok || !minVar.ok) throw new Error('frontier or min-variance failed');
    const { points, assets } = frontier.value;
    expect(points.length).toBeGreaterThan(5);
    expect(points[0]!.volatility).toBeCloseTo(minVar.value.volatility, 9);
    for (let k = 1; k < points.length; k++) {
      expect(points[k]!.expectedReturn).toBeGreaterThan(points[k - 1]!.expectedReturn);
      expect(points[k]!.volatility).toBeGreaterThanOrEqual(points[k - 1]!.volatility - 1e-12);
      for (const w of Object.values(points[k]!.weights)) expect(w).toBeLessThanOrEqual(0.6 + 1e-9);
    }
    // No frontier point is beaten by the max-Sharpe portfolio under the same constraints: it lies on or below the curve.
    const sharpe = await api['portfolio.optimize'](workstationContract['portfolio.optimize'].input.parse({ ...base, method: 'max-sharpe' }));
    if (!sharpe.ok) throw new Error('max-sharpe failed');
    const ratio = (p: { expectedReturn: number; volatility: number }) => p.expectedReturn / p.volatility;
    expect(Math.max(...points.map(ratio))).toBeLessThanOrEqual(ratio(sharpe.value) + 1e-9);
    expect(assets.map((a) => a.symbol)).toEqual(base.symbols);
  });

  it('the contract refuses non-finite and unknown fields, naming them', () => {
    const bad = workstationContract['portfolio.optimize'].input.safeParse({ method: 'hrp', symbols: ['DAX'], maxWeight: Infinity });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]!.path).toEqual(['maxWeight']);
    const extra = workstationContract['portfolio.rebalance'].input.safeParse({ method: 'hrp', symbols: ['DAX'], cash: 1, leverage: 2 });
    expect(extra.success).toBe(false);
  });
});
