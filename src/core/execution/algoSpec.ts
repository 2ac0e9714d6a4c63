// Execution algorithms' definitions (TWAP, VWAP, POV, iceberg), their validation naming the field at fault, and
// their schedules as pure functions: how much of the parent should have been released by a given time.
import type { EpochMs } from '../model/clock';
import type { Bar } from '../model/marketData';
import type { Instrument, Symbol } from '../model/instrument';
import type { OrderSide } from '../model/order';
import { assertNever } from '../model/assert';
import { err, ok, type Result } from '../model/result';
import type { ExecutionError } from './executionErrors';
import type { ExecutionOwner } from './parentOrder';

/** LOW rests at the touch; MEDIUM rests and crosses when more than a slice behind; HIGH crosses every slice. */
export type Urgency = 'LOW' | 'MEDIUM' | 'HIGH';

export const MAX_PARTICIPATION = 0.5;

export type AlgoSpec =
  | { readonly kind: 'TWAP'; readonly startTime: EpochMs; readonly endTime: EpochMs; readonly intervalMs: number }
  /** `volumeProfile`: the expected share of the window's volume in each interval, from stored history (see volumeProfileFromBars). */
  | { readonly kind: 'VWAP'; readonly startTime: EpochMs; readonly endTime: EpochMs; readonly intervalMs: number; readonly volumeProfile: readonly number[] }
  /** `participation`: the target share of the market's traded volume, in (0, 0.5]. */
  | { readonly kind: 'POV'; readonly startTime: EpochMs; readonly endTime: EpochMs; readonly intervalMs: number; readonly participation: number }
  | { readonly kind: 'ICEBERG'; readonly startTime: EpochMs; readonly endTime: EpochMs; readonly intervalMs: number; readonly displayQuantity: number };

export type AlgoName = AlgoSpec['kind'];

export interface AlgoOrderRequest {
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Never bought above / sold below; null for none (not allowed for an iceberg, whose display rests). */
  readonly limitPrice: number | null;
  readonly urgency: Urgency;
  readonly spec: AlgoSpec;
  readonly owner?: ExecutionOwner;
}

/** Intervals in the window (the first slice is released at the start). */
export const sliceCount = (spec: AlgoSpec): number => Math.max(1, Math.floor((spec.endTime - spec.startTime) / spec.intervalMs + 1e-9));

/** Refuses a request that cannot be worked as asked; the error names the field. */
export function validateAlgo(request: AlgoOrderRequest, now: EpochMs, instrument: Instrument): Result<void, ExecutionError> {
  const { spec, quantity } = request;
  if (!(spec.intervalMs > 0) || !Number.isFinite(spec.intervalMs)) return err({ code: 'INTERVAL_NOT_POSITIVE', field: 'intervalMs', intervalMs: spec.intervalMs });
  if (!Number.isFinite(spec.endTime) || spec.endTime <= now) return err({ code: 'WINDOW_IN_PAST', field: 'endTime', endTime: spec.endTime, now });
  if (!Number.isFinite(spec.startTime) || spec.startTime >= spec.endTime) return err({ code: 'WINDOW_NOT_ORDERED', field: 'startTime', startTime: spec.startTime, endTime: spec.endTime });
  const windowMs = spec.endTime - Math.max(spec.startTime, now);
  if (windowMs < spec.intervalMs) return err({ code: 'WINDOW_SHORTER_THAN_INTERVAL', field: 'endTime', windowMs, intervalMs: spec.intervalMs });
  switch (spec.kind) {
    case 'TWAP':
      return ok(undefined);
    case 'VWAP': {
      const profile = spec.volumeProfile;
      if (profile.length !== sliceCount(spec)) return err({ code: 'BAD_VOLUME_PROFILE', field: 'volumeProfile', reason: `${profile.length} buckets for ${sliceCount(spec)} intervals` });
      if (profile.some((w) => !Number.isFinite(w) || w < 0)) return err({ code: 'BAD_VOLUME_PROFILE', field: 'volumeProfile', reason: 'a bucket is negative or not finite' });
      if (!(profile.reduce((s, w) => s + w, 0) > 0)) return err({ code: 'BAD_VOLUME_PROFILE', field: 'volumeProfile', reason: 'no volume in the window' });
      return ok(undefined);
    }
    case 'POV':
      if (!(spec.participation > 0 && spec.participation <= MAX_PARTICIPATION)) {
        return err({ code: 'PARTICIPATION_OUT_OF_RANGE', field: 'participation', participation: spec.participation, max: MAX_PARTICIPATION });
      }
      return ok(undefined);
    case 'ICEBERG':
      if (request.limitPrice === null) return err({ code: 'LIMIT_PRICE_REQUIRED', field: 'limitPrice' });
      if (!(spec.displayQuantity > 0) || !Number.isFinite(spec.displayQuantity)) return err({ code: 'DISPLAY_NOT_POSITIVE', field: 'displayQuantity', displayQuantity: spec.displayQuantity });
      if (spec.displayQuantity > quantity) return err({ code: 'DISPLAY_EXCEEDS_ORDER', field: 'displayQuantity', displayQuantity: spec.displayQuantity, quantity });
      if (Math.abs(spec.displayQuantity / instrument.lotSize - Math.round(spec.displayQuantity / instrument.lotSize)) > 1e-7) {
        return err({ code: 'QUANTITY_NOT_ON_LOT', field: 'quantity', quantity: spec.displayQuantity, lotSize: instrument.lotSize });
      }
      return ok(undefined);
    default:
      return assertNever(spec, 'algorithm');
  }
}

const floorToLot = (q: number, lot: number): number => Math.round(Math.floor(q / lot + 1e-9) * lot * 1e9) / 1e9;

/**
 * How much of `quantity` the schedule wants released by `now`. `marketVolume`: the market's volume traded since the
 * start (POV); `filled`: what the parent has filled (iceberg shows its display above it).
 */
export function scheduledQuantity(spec: AlgoSpec, quantity: number, now: EpochMs, lot: number, marketVolume: number, filled: number): number {
  if (now < spec.startTime) return 0;
  if (now >= spec.endTime) return spec.kind === 'POV' ? Math.min(quantity, floorToLot(spec.participation * marketVolume, lot)) : quantity;
  const n = sliceCount(spec);
  const slicesDue = Math.min(n, Math.floor((now - spec.startTime) / spec.intervalMs + 1e-9) + 1);
  switch (spec.kind) {
    case 'TWAP':
      return slicesDue >= n ? quantity : floorToLot((quantity * slicesDue) / n, lot);
    case 'VWAP': {
      const total = spec.volumeProfile.reduce((s, w) => s + w, 0);
      let upTo = 0;
      for (let i = 0; i < slicesDue; i++) upTo += spec.volumeProfile[i] as number;
      return slicesDue >= n ? quantity : floorToLot((quantity * upTo) / total, lot);
    }
    case 'POV':
      return Math.min(quantity, floorToLot(spec.participation * marketVolume, lot));
    case 'ICEBERG':
      return Math.min(quantity, filled + spec.displayQuantity);
    default:
      return assertNever(spec, 'algorithm');
  }
}

/**
 * A VWAP volume profile from stored intraday bars: each interval of the window's time of day gets the share of the
 * volume the history traded then (summed over the days present). Times of day are UTC. Null when the history traded
 * nothing at those times of day (a window outside the session, or no stored bars): no profile to follow.
 */
export function volumeProfileFromBars(bars: readonly Bar[], startTime: EpochMs, endTime: EpochMs, intervalMs: number): number[] | null {
  const day = 86_400_000;
  const n = Math.max(1, Math.floor((endTime - startTime) / intervalMs + 1e-9));
  const startOfDay = ((startTime % day) + day) % day;
  const buckets = new Array<number>(n).fill(0);
  for (const bar of bars) {
    const offset = (((bar.time % day) + day) % day) - startOfDay;
    if (offset < 0 || offset >= n * intervalMs) continue;
    const i = Math.floor(offset / intervalMs);
    buckets[i] = (buckets[i] as number) + bar.volume;
  }
  const total = buckets.reduce((s, v) => s + v, 0);
  return total > 0 ? buckets.map((v) => v / total) : null;
}
