// Fill model for the simulated exchange and backtests: latency, taker slippage and random partial fills, all from a seeded source.
import type { RandomSource } from '../model/clock';
import { roundToIncrement } from '../model/instrument';

export interface FillModelConfig {
  /** One-way latency from the OMS to the matching engine. */
  readonly latencyMs: number;
  /** Uniform extra latency in [0, jitter]. */
  readonly latencyJitterMs: number;
  /** A taker fill is worse than the quoted level by up to this many ticks… */
  readonly maxSlippageTicks: number;
  /** …with this probability per fill. */
  readonly slippageProbability: number;
  /** Probability that a fill takes only part of the liquidity it could take. */
  readonly partialFillProbability: number;
  /** A partial fill takes at least this fraction of what it could take. */
  readonly minPartialFraction: number;
  /** Backtests: every taker fill is worse than the level it took by this many basis points, rounded to the tick against the taker. */
  readonly slippageBps?: number;
}

export const PERFECT_FILLS: FillModelConfig = {
  latencyMs: 0,
  latencyJitterMs: 0,
  maxSlippageTicks: 0,
  slippageProbability: 0,
  partialFillProbability: 0,
  minPartialFraction: 1,
};

export class FillModel {
  constructor(
    readonly config: FillModelConfig,
    private readonly random: RandomSource,
  ) {}

  latencyMs(): number {
    const { latencyMs, latencyJitterMs } = this.config;
    return latencyJitterMs > 0 ? latencyMs + Math.floor(this.random.next() * (latencyJitterMs + 1)) : latencyMs;
  }

  /** The price moved against the taker by `slippageBps`, rounded to the tick against the taker (buys up, sells down). */
  withSlippageBps(price: number, side: 'BUY' | 'SELL', tickSize: number): number {
    const bps = this.config.slippageBps ?? 0;
    if (!(bps > 0)) return price;
    const moved = side === 'BUY' ? price * (1 + bps / 10_000) : price * (1 - bps / 10_000);
    const steps = moved / tickSize;
    const rounded = side === 'BUY' ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9);
    return roundToIncrement(rounded * tickSize, tickSize);
  }

  /** Extra ticks against the taker (0 when no slippage is drawn). */
  slippageTicks(): number {
    const { maxSlippageTicks, slippageProbability } = this.config;
    if (maxSlippageTicks <= 0 || slippageProbability <= 0) return 0;
    if (this.random.next() >= slippageProbability) return 0;
    return 1 + Math.floor(this.random.next() * maxSlippageTicks);
  }

  /**
   * How much of `available` an order wanting `wanted` takes, in whole lots. Never more than
   * either, and at least one lot when anything is taken.
   */
  takeQuantity(wanted: number, available: number, lotSize: number): number {
    const possible = Math.min(wanted, available);
    const lots = Math.floor(possible / lotSize + 1e-9);
    if (lots <= 0) return 0;
    const { partialFillProbability, minPartialFraction } = this.config;
    if (lots > 1 && partialFillProbability > 0 && this.random.next() < partialFillProbability) {
      const fraction = minPartialFraction + this.random.next() * (1 - minPartialFraction);
      return roundToIncrement(Math.max(1, Math.floor(lots * fraction)) * lotSize, lotSize);
    }
    return possible === wanted ? wanted : roundToIncrement(lots * lotSize, lotSize);
  }
}
