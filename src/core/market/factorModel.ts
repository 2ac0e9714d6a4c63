// The synthetic market's return model: market factor + sector factors + idiosyncratic noise, under a shared volatility regime.
import type { SyntheticInstrument } from './universe';
import { SECTORS, TRADING_DAYS_PER_YEAR } from './universe';

/** Randomness the model needs: uniforms and standard normals (SeededRandom provides both). */
export interface NormalSource {
  next(): number;
  normal(): number;
}

export interface FactorModelConfig {
  /** Annualized volatility of the market factor. */
  readonly marketVol: number;
  /** Annualized volatility of each sector factor. */
  readonly sectorVol: number;
  /** Stationary standard deviation of the log volatility multiplier. */
  readonly regimeLogStd: number;
  /** Half-life of volatility shocks, in trading days. */
  readonly regimeHalfLifeDays: number;
}

export const DEFAULT_FACTOR_MODEL: FactorModelConfig = {
  marketVol: 0.16,
  sectorVol: 0.12,
  regimeLogStd: 0.3,
  regimeHalfLifeDays: 20,
};

/**
 * One step of log returns for every instrument:
 *   r_i = (μ_i − ½σ_i²v²)·dt + v·√dt·(β_i·σ_m·Z_m + γ_i·σ_s·Z_sector(i) + σ_ε,i·Z_i)
 * where v is the volatility regime multiplier (a mean-reverting log-normal process shared by all).
 * Because v scales every term, correlations do not depend on the regime.
 */
export class FactorModel {
  readonly size: number;
  private readonly sectorOf: Int32Array;
  private readonly marketLoading: Float64Array;
  private readonly sectorLoading: Float64Array;
  private readonly idiosyncratic: Float64Array;
  private readonly drift: Float64Array;
  private readonly variance: Float64Array;
  private readonly sectorShocks: Float64Array;
  private readonly kappa: number;
  private readonly regimeVol: number;
  private logRegime: number;

  constructor(
    readonly instruments: readonly SyntheticInstrument[],
    private readonly random: NormalSource,
    readonly config: FactorModelConfig = DEFAULT_FACTOR_MODEL,
    volatilityMultiplier = 1,
  ) {
    const n = instruments.length;
    this.size = n;
    this.sectorOf = new Int32Array(n);
    this.marketLoading = new Float64Array(n);
    this.sectorLoading = new Float64Array(n);
    this.idiosyncratic = new Float64Array(n);
    this.drift = new Float64Array(n);
    this.variance = new Float64Array(n);
    this.sectorShocks = new Float64Array(SECTORS.length);
    instruments.forEach((instrument, i) => {
      this.sectorOf[i] = SECTORS.indexOf(instrument.sector);
      this.marketLoading[i] = instrument.marketBeta * config.marketVol;
      this.sectorLoading[i] = instrument.sectorBeta * config.sectorVol;
      this.idiosyncratic[i] = instrument.idiosyncraticVol;
      this.drift[i] = instrument.drift;
      this.variance[i] = this.marketLoading[i] ** 2 + this.sectorLoading[i] ** 2 + instrument.idiosyncraticVol ** 2;
    });
    this.kappa = Math.LN2 / (config.regimeHalfLifeDays / TRADING_DAYS_PER_YEAR);
    this.regimeVol = config.regimeLogStd * Math.sqrt(2 * this.kappa);
    this.logRegime = Math.log(volatilityMultiplier > 0 ? volatilityMultiplier : 1);
  }

  /** Current volatility multiplier (1 = calm long-run level). */
  get volatilityMultiplier(): number {
    return Math.exp(this.logRegime);
  }

  /** Annualized volatility of instrument `i` at a multiplier of 1. */
  totalVol(i: number): number {
    return Math.sqrt(this.variance[i] as number);
  }

  /** The correlation of log returns the model implies between instruments `i` and `j`. */
  modelCorrelation(i: number, j: number): number {
    if (i === j) return 1;
    const mi = this.marketLoading[i] as number;
    const mj = this.marketLoading[j] as number;
    let covariance = mi * mj;
    if (this.sectorOf[i] === this.sectorOf[j]) covariance += (this.sectorLoading[i] as number) * (this.sectorLoading[j] as number);
    return covariance / Math.sqrt((this.variance[i] as number) * (this.variance[j] as number));
  }

  /** Advances the model by `dtYears` and writes each instrument's log return into `out`. */
  step(dtYears: number, out: Float64Array): void {
    if (dtYears <= 0) {
      out.fill(0, 0, this.size);
      return;
    }
    const random = this.random;
    // Exact discretization of the Ornstein–Uhlenbeck log-volatility, stable for any dt.
    const decay = Math.exp(-this.kappa * dtYears);
    const regimeStd = this.regimeVol * Math.sqrt((1 - decay * decay) / (2 * this.kappa));
    this.logRegime = this.logRegime * decay + regimeStd * random.normal();
    const v = Math.exp(this.logRegime);
    const sqrtDt = Math.sqrt(dtYears);
    const market = random.normal();
    for (let s = 0; s < this.sectorShocks.length; s++) this.sectorShocks[s] = random.normal();
    for (let i = 0; i < this.size; i++) {
      const shock =
        (this.marketLoading[i] as number) * market +
        (this.sectorLoading[i] as number) * (this.sectorShocks[this.sectorOf[i] as number] as number) +
        (this.idiosyncratic[i] as number) * random.normal();
      out[i] = ((this.drift[i] as number) - 0.5 * (this.variance[i] as number) * v * v) * dtYears + v * sqrtDt * shock;
    }
  }
}
