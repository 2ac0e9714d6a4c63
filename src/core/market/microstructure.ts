// Market microstructure of the synthetic venue: tick rounding, the U-shaped intraday volume profile, spreads and sizes.
import { SESSION_MINUTES } from './universe';

/**
 * A fast rounder to a tick grid. For decimal ticks (0.01, 0.00001) it divides by an integer
 * inverse, which yields the double nearest to the decimal price, exactly like `roundToIncrement`.
 */
export interface TickGrid {
  readonly tick: number;
  round(price: number): number;
  floor(price: number): number;
  ceil(price: number): number;
}

/**
 * A price a few ulps off a tick (1.0000000000000002 × 100) counts as on it, so floor/ceil do not
 * jump a whole tick over float dust. Relative, because the ulp grows with the number of ticks.
 */
const slack = (ticks: number): number => 1e-7 + Math.abs(ticks) * 4e-15;

export function tickGrid(tick: number): TickGrid {
  if (!(tick > 0)) throw new Error(`tick must be positive, got ${tick}`);
  const inverse = Math.round(1 / tick);
  const decimal = tick < 1 && Math.abs(inverse * tick - 1) < 1e-12;
  if (decimal) {
    return {
      tick,
      round: (p) => Math.round(p * inverse) / inverse,
      floor: (p) => Math.floor(p * inverse + slack(p * inverse)) / inverse,
      ceil: (p) => Math.ceil(p * inverse - slack(p * inverse)) / inverse,
    };
  }
  return {
    tick,
    round: (p) => Math.round(p / tick) * tick,
    floor: (p) => Math.floor(p / tick + slack(p / tick)) * tick,
    ceil: (p) => Math.ceil(p / tick - slack(p / tick)) * tick,
  };
}

/**
 * Share of a session's volume traded in each minute: heavy at the open and close, light at midday
 * (the familiar U shape). Sums to 1.
 */
export function intradayVolumeProfile(minutes: number = SESSION_MINUTES): Float64Array {
  const weights = new Float64Array(minutes);
  let total = 0;
  for (let m = 0; m < minutes; m++) {
    const x = minutes === 1 ? 0.5 : m / (minutes - 1);
    const u = 2 * x - 1;
    const w = 1 + 1.6 * u * u + 2.5 * Math.exp(-m / 6) + 2.0 * Math.exp(-(minutes - 1 - m) / 8);
    weights[m] = w;
    total += w;
  }
  for (let m = 0; m < minutes; m++) weights[m] = (weights[m] as number) / total;
  return weights;
}

/** Fraction of a session's volume traded per minute outside the regular session (pre/post market). */
export const OFF_SESSION_MINUTE_SHARE = 0.02 / SESSION_MINUTES;

export interface QuoteSides {
  bid: number;
  ask: number;
}

/**
 * Bid and ask around `price`. The half-spread is `baseHalfSpreadBps` in calm markets and widens in
 * proportion to the volatility multiplier; it is never narrower than one tick across.
 */
export function quoteAround(price: number, baseHalfSpreadBps: number, volatilityMultiplier: number, grid: TickGrid): QuoteSides {
  const halfSpread = (price * baseHalfSpreadBps * Math.max(0.25, volatilityMultiplier)) / 10_000;
  let bid = grid.floor(price - halfSpread);
  let ask = grid.ceil(price + halfSpread);
  if (ask - bid < grid.tick * 0.5) ask = grid.round(bid + grid.tick);
  if (bid < grid.tick) {
    bid = grid.tick;
    if (ask <= bid) ask = grid.round(bid + grid.tick);
  }
  return { bid, ask };
}

/**
 * Displayed size at the touch, in whole lots: a sliver of daily volume, thinner when volatile.
 * `noise` is a standard normal draw.
 */
export function touchSize(averageDailyVolume: number, lotSize: number, volatilityMultiplier: number, noise: number): number {
  const shares = (averageDailyVolume / 8_000) * Math.exp(0.5 * noise) / Math.max(0.5, volatilityMultiplier);
  return Math.max(1, Math.round(shares / lotSize)) * lotSize;
}
