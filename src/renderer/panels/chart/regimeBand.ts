// The chart's regime band: a Gaussian HMM's regimes (ml.regimes) as a shaded strip under the price, one bar per
// day, coloured by the day's Viterbi state and as tall as the smoothed probability of the most volatile state. Pure.
import type { SymbolRegimes } from '../../../shared/contracts/ml';

/** Regime names by rank of their return σ, calmest first, for 2, 3 and 4 states. */
const NAMES: Readonly<Record<number, readonly string[]>> = {
  2: ['calm', 'turbulent'],
  3: ['calm', 'normal', 'turbulent'],
  4: ['calm', 'normal', 'volatile', 'turbulent'],
};

export interface RegimeBandPoint {
  /** The day's bar time, epoch seconds. */
  readonly time: number;
  /** Smoothed probability of the most volatile regime, 0–1. */
  readonly value: number;
  /** The Viterbi state's rank by σ: 0 = calmest. */
  readonly rank: number;
}

export interface RegimeBand {
  readonly points: RegimeBandPoint[];
  /** Per rank (calmest first): name, daily mean and σ of percent log returns, expected duration in days. */
  readonly regimes: Array<{ readonly name: string; readonly mean: number; readonly sd: number; readonly expectedDuration: number }>;
  /** The last day's regime and the smoothed probability of that regime. */
  readonly last: { readonly name: string; readonly probability: number } | null;
}

/** The states ordered by σ, calmest first: order[rank] = state. Ties keep the model's order. */
function statesBySd(fit: SymbolRegimes): number[] {
  return fit.regimes.map((r, state) => ({ sd: r.sd, state })).sort((a, b) => a.sd - b.sd || a.state - b.state).map((x) => x.state);
}

export function regimeBand(fit: SymbolRegimes): RegimeBand {
  const order = statesBySd(fit);
  const rankOf = new Map(order.map((state, rank) => [state, rank]));
  const names = NAMES[fit.states] ?? order.map((_, rank) => `regime ${rank + 1}`);
  const wildest = order[order.length - 1]!;
  const points = fit.time.map((t, i) => ({ time: Math.floor(t / 1000), value: fit.smoothed[i]![wildest]!, rank: rankOf.get(fit.path[i]!)! }));
  const n = fit.time.length;
  const lastState = n > 0 ? fit.path[n - 1]! : -1;
  return {
    points,
    regimes: order.map((state, rank) => ({ name: names[rank]!, ...fit.regimes[state]! })),
    last: n > 0 ? { name: names[rankOf.get(lastState)!]!, probability: fit.smoothed[n - 1]![lastState]! } : null,
  };
}

/** A rank's colour: the calmest regime in the theme's up colour, the most volatile in its down colour, others neutral. */
export function regimeColour(rank: number, states: number, colours: { readonly up: string; readonly down: string; readonly warn: string }): string {
  const base = rank === 0 ? colours.up : rank === states - 1 ? colours.down : colours.warn;
  return `${base}88`;
}
