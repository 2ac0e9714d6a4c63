// Rate throttles and the duplicate-order window: fixed-size rings, so a check neither allocates nor scans more than the ring.
import type { OrderSide, OrderType } from '../../model/order';
import type { Symbol } from '../../model/instrument';

/** The last `max` event times; the window is full when the oldest of them is still inside it. */
export class RateWindow {
  private readonly times: Float64Array;
  private head = 0;
  private recorded = 0;

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {
    this.times = new Float64Array(max);
  }

  /** True when one more event at `now` would exceed `max` per window. */
  full(now: number): boolean {
    if (this.recorded < this.max) return false;
    return (this.times[this.head] as number) > now - this.windowMs;
  }

  record(now: number): void {
    this.times[this.head] = now;
    this.head = (this.head + 1) % this.max;
    if (this.recorded < this.max) this.recorded += 1;
  }

  /** Events inside the window ending at `now` (for utilization; not on the order path). */
  count(now: number): number {
    let n = 0;
    for (let i = 0; i < this.recorded; i++) if ((this.times[i] as number) > now - this.windowMs) n += 1;
    return n;
  }
}

const RING = 64;

/** Recent accepted orders, compared field by field against a new one. */
export class DuplicateWindow {
  private readonly symbols: (Symbol | null)[] = new Array<Symbol | null>(RING).fill(null);
  private readonly sides: (OrderSide | null)[] = new Array<OrderSide | null>(RING).fill(null);
  private readonly types: (OrderType | null)[] = new Array<OrderType | null>(RING).fill(null);
  private readonly quantities = new Float64Array(RING);
  private readonly limits = new Float64Array(RING);
  private readonly stops = new Float64Array(RING);
  private readonly times = new Float64Array(RING).fill(-Infinity);
  private head = 0;

  constructor(readonly windowMs: number) {}

  /** Time of an identical order inside the window, or NaN. */
  find(symbol: Symbol, side: OrderSide, type: OrderType, quantity: number, limit: number, stop: number, now: number): number {
    const since = now - this.windowMs;
    for (let n = 1; n <= RING; n++) {
      const i = (this.head - n + RING) % RING;
      const time = this.times[i] as number;
      if (!(time > since)) break; // newest first: everything older is outside too
      if (
        this.symbols[i] === symbol &&
        this.sides[i] === side &&
        this.types[i] === type &&
        this.quantities[i] === quantity &&
        Object.is(this.limits[i], limit) &&
        Object.is(this.stops[i], stop)
      ) {
        return time;
      }
    }
    return NaN;
  }

  record(symbol: Symbol, side: OrderSide, type: OrderType, quantity: number, limit: number, stop: number, now: number): void {
    const i = this.head;
    this.symbols[i] = symbol;
    this.sides[i] = side;
    this.types[i] = type;
    this.quantities[i] = quantity;
    this.limits[i] = limit;
    this.stops[i] = stop;
    this.times[i] = now;
    this.head = (i + 1) % RING;
  }
}
