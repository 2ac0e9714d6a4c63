// The workstation's side of portfolio risk: its current book from the trading core, and the supervised risk engine.
import type { Instrument } from '../../core/model/instrument';
import type { TradingCore } from '../../core/trading/tradingCore';
import type { RiskEngine } from '../../engines/risk/riskEngine';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { netBySymbol, type CurrentBook } from './riskBookSource';
import type { PortfolioRiskDeps, RiskCompute } from './portfolioRiskService';

/** The trading core's positions netted by symbol, with its base currency and every known rate to it. */
export function currentRiskBook(core: TradingCore, instruments: readonly Instrument[]): CurrentBook {
  const positions = core.positions.positions();
  const fxRates: Record<string, number> = {};
  for (const currency of new Set([...instruments.map((i) => i.currency), ...positions.map((p) => p.currency)])) {
    const rate = core.fx.rate(currency);
    if (rate !== undefined && currency !== core.fx.baseCurrency) fxRates[currency] = rate;
  }
  const known = new Map(instruments.map((i) => [i.symbol, i]));
  const held = netBySymbol(positions);
  return {
    baseCurrency: core.fx.baseCurrency,
    fxRates,
    positions: held,
    instruments: held.map((p) => known.get(p.symbol) ?? core.instrument(p.symbol)).filter((i): i is Instrument => i !== undefined),
  };
}

/** Calls go to the supervisor's `risk` instance (its remote has the engine's async methods, arguments cloned). */
export function supervisedRiskEngine(supervisor: EngineSupervisor): PortfolioRiskDeps['onEngine'] {
  return <R>(fn: (engine: RiskCompute) => Promise<R>) => supervisor.call<RiskEngine, R>('risk', (remote) => fn(remote));
}
