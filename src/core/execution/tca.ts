// Transaction cost analysis: a parent's implementation shortfall against its arrival mid, split exactly into spread,
// market impact, timing and fees (in currency and bps), against the interval VWAP, and rolled up per venue and algorithm.
import type { EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Bar } from '../model/marketData';
import { roundMoney, type CurrencyCode, type Symbol } from '../model/instrument';
import type { OrderSide } from '../model/order';
import type { AlgoKind } from './parentOrder';

/** One execution with the mids its cost is split by. */
export interface TcaFill {
  readonly venue: string;
  readonly time: EpochMs;
  readonly quantity: number;
  readonly price: number;
  readonly fee: number;
  /** Consolidated mid when the router released the child that filled. */
  readonly releaseMid: number;
  /** Consolidated mid when the fill came. */
  readonly fillMid: number;
}

export interface TcaParent {
  readonly parentId: ClientOrderId;
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly algo: AlgoKind;
  readonly createdAt: EpochMs;
  readonly arrivalMid: number;
  readonly quantity: number;
  readonly multiplier: number;
  readonly currency: CurrencyCode;
  readonly fills: readonly TcaFill[];
  /** The market's VWAP over the parent's life, when known. */
  readonly intervalVwap: number | null;
}

/** A cost in the instrument's currency (rounded to the cent) and in bps of the arrival value of what filled. */
export interface Cost {
  readonly amount: number;
  readonly bps: number;
}

export interface TcaReport {
  readonly parentId: ClientOrderId;
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly algo: AlgoKind;
  readonly currency: CurrencyCode;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly arrivalPrice: number;
  readonly averageFillPrice: number | null;
  /** Positive is a cost. Equals spread + impact + timing + fees. */
  readonly shortfall: Cost;
  /** Paid against the mid at each fill (negative when resting earned the spread). */
  readonly spread: Cost;
  /** The mid's move from each child's release to its fill. */
  readonly impact: Cost;
  /** The mid's move from arrival to each child's release (waiting). */
  readonly timing: Cost;
  readonly fees: Cost;
  readonly intervalVwap: number | null;
  /** Average fill against the interval VWAP, bps, positive when worse. */
  readonly vsIntervalVwapBps: number | null;
}

interface Sums {
  spread: number;
  impact: number;
  timing: number;
  fees: number;
  filled: number;
  arrivalValue: number;
  fillValue: number;
}

const emptySums = (): Sums => ({ spread: 0, impact: 0, timing: 0, fees: 0, filled: 0, arrivalValue: 0, fillValue: 0 });

function addFill(sums: Sums, fill: TcaFill, sign: number, arrival: number, multiplier: number): void {
  const q = fill.quantity * multiplier;
  sums.spread += sign * q * (fill.price - fill.fillMid);
  sums.impact += sign * q * (fill.fillMid - fill.releaseMid);
  sums.timing += sign * q * (fill.releaseMid - arrival);
  sums.fees += fill.fee;
  sums.filled += fill.quantity;
  sums.arrivalValue += q * arrival;
  sums.fillValue += q * fill.price;
}

const cost = (amount: number, arrivalValue: number): Cost => ({ amount: roundMoney(amount), bps: arrivalValue > 0 ? (amount / arrivalValue) * 10_000 : 0 });

export function tcaReport(parent: TcaParent): TcaReport {
  const sign = parent.side === 'BUY' ? 1 : -1;
  const sums = emptySums();
  for (const fill of parent.fills) addFill(sums, fill, sign, parent.arrivalMid, parent.multiplier);
  const average = sums.filled > 0 ? sums.fillValue / (sums.filled * parent.multiplier) : null;
  const total = sums.spread + sums.impact + sums.timing + sums.fees;
  return {
    parentId: parent.parentId,
    symbol: parent.symbol,
    side: parent.side,
    algo: parent.algo,
    currency: parent.currency,
    quantity: parent.quantity,
    filledQuantity: sums.filled,
    arrivalPrice: parent.arrivalMid,
    averageFillPrice: average,
    shortfall: cost(total, sums.arrivalValue),
    spread: cost(sums.spread, sums.arrivalValue),
    impact: cost(sums.impact, sums.arrivalValue),
    timing: cost(sums.timing, sums.arrivalValue),
    fees: cost(sums.fees, sums.arrivalValue),
    intervalVwap: parent.intervalVwap,
    vsIntervalVwapBps: average !== null && parent.intervalVwap !== null && parent.intervalVwap > 0 ? (sign * (average - parent.intervalVwap) / parent.intervalVwap) * 10_000 : null,
  };
}

/** One row of a roll-up: the costs of every fill (per venue) or parent (per algorithm) in the group, in `currency`. */
export interface TcaGroup {
  readonly key: string;
  readonly currency: CurrencyCode;
  readonly parents: number;
  readonly filledQuantity: number;
  readonly shortfall: Cost;
  readonly spread: Cost;
  readonly impact: Cost;
  readonly timing: Cost;
  readonly fees: Cost;
}

/**
 * Costs over parents created in [from, to), per venue (each fill counted where it executed) or per algorithm.
 * Groups are per currency as well: amounts in different currencies are never added.
 */
export function tcaRollup(parents: readonly TcaParent[], by: 'venue' | 'algo', from: EpochMs, to: EpochMs): TcaGroup[] {
  const groups = new Map<string, { key: string; currency: CurrencyCode; sums: Sums; parents: Set<ClientOrderId> }>();
  for (const parent of parents) {
    if (parent.createdAt < from || parent.createdAt >= to) continue;
    const sign = parent.side === 'BUY' ? 1 : -1;
    for (const fill of parent.fills) {
      const key = by === 'venue' ? fill.venue : parent.algo;
      const id = `${key}\u0000${parent.currency}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { key, currency: parent.currency, sums: emptySums(), parents: new Set() }));
      addFill(group.sums, fill, sign, parent.arrivalMid, parent.multiplier);
      group.parents.add(parent.parentId);
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency))
    .map(({ key, currency, sums, parents: ids }) => ({
      key,
      currency,
      parents: ids.size,
      filledQuantity: sums.filled,
      shortfall: cost(sums.spread + sums.impact + sums.timing + sums.fees, sums.arrivalValue),
      spread: cost(sums.spread, sums.arrivalValue),
      impact: cost(sums.impact, sums.arrivalValue),
      timing: cost(sums.timing, sums.arrivalValue),
      fees: cost(sums.fees, sums.arrivalValue),
    }));
}

/** The market's VWAP over [from, to) from bars, each at its typical price (high + low + close) / 3; null without volume. */
export function intervalVwap(bars: readonly Bar[], from: EpochMs, to: EpochMs): number | null {
  let value = 0;
  let volume = 0;
  for (const bar of bars) {
    if (bar.time < from || bar.time >= to || !(bar.volume > 0)) continue;
    value += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
  }
  return volume > 0 ? value / volume : null;
}

/** Every parent created in [from, to) with its costs, and the roll-ups per venue and per algorithm: what the CLI and the risk report show. */
export interface TcaSummary {
  readonly parents: readonly TcaReport[];
  readonly byVenue: readonly TcaGroup[];
  readonly byAlgo: readonly TcaGroup[];
}

export function tcaSummary(parents: readonly TcaParent[], from: EpochMs, to: EpochMs): TcaSummary {
  const within = parents.filter((p) => p.createdAt >= from && p.createdAt < to);
  return { parents: within.map(tcaReport), byVenue: tcaRollup(within, 'venue', from, to), byAlgo: tcaRollup(within, 'algo', from, to) };
}

/** How the figures are made, printed with them. */
export const TCA_CONVENTIONS =
  'Implementation shortfall against the arrival mid (the consolidated mid when the parent was accepted), positive is a cost; it splits exactly into spread (paid against the mid at each fill), market impact (the mid’s move from a child’s release to its fill), timing (the mid’s move from arrival to a child’s release) and fees. Amounts in the instrument currency, rounded to the cent; bps of the arrival value of what filled. Per venue, each fill counts where it executed.';
