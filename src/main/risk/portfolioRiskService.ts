// The portfolio risk service: the book from the trading node (or a what-if book), closes from the market store, compute on the risk engine.
import { err, ok, type Result } from '../../core/model/result';
import { describeRiskError, type ExposureReport, type RiskInputError, type StressReport, type VarReport } from '../../core/risk';
import type { RiskEngine } from '../../engines/risk/riskEngine';
import type { RiskErrorJson, RiskExposuresRequest, RiskStressRequest, RiskVarRequest, WhatIfPosition } from '../../shared/contracts/portfolioRisk';
import type { MarketStore } from '../storage/market/marketStore';
import { loadBookInput, type CurrentBook } from './riskBookSource';

export type RiskCompute = Pick<RiskEngine, 'var' | 'stress' | 'exposures'>;

export interface PortfolioRiskDeps {
  readonly store: MarketStore;
  readonly currentBook: () => CurrentBook | Promise<CurrentBook>;
  /** Runs `fn` on a risk engine: the supervisor's instance in the app, an in-process one in the CLI. */
  readonly onEngine: <R>(fn: (engine: RiskCompute) => Promise<R>) => Promise<R>;
  /** One-day GARCH σ of simple returns per symbol (the ML engine), for `volatility: 'garch'`; absent where no ML engine runs. */
  readonly forecastVolatility?: (symbols: readonly string[]) => Promise<GarchVolatility>;
}

export interface GarchVolatility {
  readonly volatilityOverride: Readonly<Record<string, number>>;
  readonly failures: readonly { readonly symbol: string; readonly error: { readonly message: string } }[];
}

export const riskErrorJson = (e: RiskInputError): RiskErrorJson => ({ ...e, message: describeRiskError(e) });

export class PortfolioRiskService {
  constructor(private readonly deps: PortfolioRiskDeps) {}

  private async book(positions: readonly WhatIfPosition[] | undefined): Promise<CurrentBook> {
    const current = await this.deps.currentBook();
    return positions ? { ...current, positions: positions.map((p) => ({ symbol: p.symbol, quantity: p.quantity, price: p.price ?? null, ...(p.row === undefined ? {} : { row: p.row }) })) } : current;
  }

  async var(request: RiskVarRequest): Promise<Result<VarReport, RiskErrorJson>> {
    const input = await loadBookInput(this.deps.store, await this.book(request.positions));
    if (!input.ok) return err(riskErrorJson(input.error));
    const override = await this.volatilityOverride(request, input.value.positions.map((p) => p.symbol));
    if (!override.ok) return err(riskErrorJson(override.error));
    const options = { window: request.window, confidences: request.confidences, methods: request.methods, paths: request.paths, ...(override.value ? { volatilityOverride: override.value } : {}) };
    const result = await this.deps.onEngine((engine) => engine.var({ book: input.value, options, seed: request.seed }));
    return result.ok ? ok(result.value) : err(riskErrorJson(result.error));
  }

  /** The σ the request asks for: given per symbol, the GARCH forecasts (every symbol must have one), or none (sample σ). */
  private async volatilityOverride(request: RiskVarRequest, symbols: readonly string[]): Promise<Result<Readonly<Record<string, number>> | undefined, RiskInputError>> {
    if (request.volatility === 'sample') return ok(request.volatilityOverride);
    if (!this.deps.forecastVolatility) return err({ code: 'VOLATILITY_FORECAST_FAILED', symbol: symbols[0] ?? '', reason: 'no ML engine runs here' });
    let garch: GarchVolatility;
    try {
      garch = await this.deps.forecastVolatility(symbols);
    } catch (error) {
      return err({ code: 'VOLATILITY_FORECAST_FAILED', symbol: symbols[0] ?? '', reason: (error as Error).message });
    }
    const failed = garch.failures[0];
    if (failed) return err({ code: 'VOLATILITY_FORECAST_FAILED', symbol: failed.symbol, reason: failed.error.message });
    return ok({ ...garch.volatilityOverride, ...request.volatilityOverride });
  }

  async stress(request: RiskStressRequest): Promise<Result<StressReport, RiskErrorJson>> {
    const input = await loadBookInput(this.deps.store, await this.book(request.positions));
    if (!input.ok) return err(riskErrorJson(input.error));
    const result = await this.deps.onEngine((engine) => engine.stress(input.value, { horizons: request.horizons, top: request.top, shocks: request.shocks }));
    return result.ok ? ok(result.value) : err(riskErrorJson(result.error));
  }

  async exposures(request: RiskExposuresRequest): Promise<Result<ExposureReport, RiskErrorJson>> {
    const input = await loadBookInput(this.deps.store, await this.book(request.positions), request.benchmark ? [request.benchmark] : []);
    if (!input.ok) return err(riskErrorJson(input.error));
    const options = { window: request.window, participation: request.participation, advDays: request.advDays, ...(request.benchmark ? { benchmark: request.benchmark } : {}) };
    const result = await this.deps.onEngine((engine) => engine.exposures(input.value, options));
    return result.ok ? ok(result.value) : err(riskErrorJson(result.error));
  }
}
