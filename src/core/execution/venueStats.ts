// Per-venue execution statistics (fill rate, time to fill, slippage against arrival, reject rate), kept by the
// smart router and persisted as a validated snapshot so a restart keeps what the router learned.
import { z } from 'zod';
import { err, ok, type Result } from '../model/result';

export interface VenueCounters {
  readonly venue: string;
  ordersSent: number;
  quantitySent: number;
  rejects: number;
  fills: number;
  quantityFilled: number;
  /** Sum over orders with a fill of the time from sending to their first fill. */
  timeToFirstFillMsSum: number;
  ordersWithFill: number;
  /** Σ quantity × slippage in bps against the parent's arrival mid (positive: worse than arrival). */
  slippageBpsQuantitySum: number;
}

export interface VenueSummary {
  readonly venue: string;
  readonly ordersSent: number;
  /** Filled quantity over sent quantity; null before anything was sent. */
  readonly fillRate: number | null;
  readonly meanTimeToFillMs: number | null;
  /** Quantity-weighted slippage against arrival, bps (positive: worse). */
  readonly slippageBps: number | null;
  readonly rejectRate: number | null;
}

const finite = z.number().finite().nonnegative();
const countersSchema = z
  .object({
    venue: z.string().min(1),
    ordersSent: finite,
    quantitySent: finite,
    rejects: finite,
    fills: finite,
    quantityFilled: finite,
    timeToFirstFillMsSum: finite,
    ordersWithFill: finite,
    slippageBpsQuantitySum: z.number().finite(),
  })
  .strict();
const snapshotSchema = z.object({ version: z.literal(1), venues: z.array(countersSchema) }).strict();

export type VenueStatsSnapshot = z.infer<typeof snapshotSchema>;
export type VenueStatsError = { readonly code: 'BAD_VENUE_STATS'; readonly path: string; readonly message: string };

const empty = (venue: string): VenueCounters => ({
  venue,
  ordersSent: 0,
  quantitySent: 0,
  rejects: 0,
  fills: 0,
  quantityFilled: 0,
  timeToFirstFillMsSum: 0,
  ordersWithFill: 0,
  slippageBpsQuantitySum: 0,
});

export class VenueStatistics {
  private readonly byVenue = new Map<string, VenueCounters>();

  private of(venue: string): VenueCounters {
    let c = this.byVenue.get(venue);
    if (!c) this.byVenue.set(venue, (c = empty(venue)));
    return c;
  }

  onSent(venue: string, quantity: number): void {
    const c = this.of(venue);
    c.ordersSent += 1;
    c.quantitySent += quantity;
  }

  onReject(venue: string): void {
    this.of(venue).rejects += 1;
  }

  /** `firstFillAfterMs`: time since sending when this is the order's first fill, else null. */
  onFill(venue: string, quantity: number, slippageBps: number, firstFillAfterMs: number | null): void {
    const c = this.of(venue);
    c.fills += 1;
    c.quantityFilled += quantity;
    c.slippageBpsQuantitySum += quantity * slippageBps;
    if (firstFillAfterMs !== null) {
      c.ordersWithFill += 1;
      c.timeToFirstFillMsSum += firstFillAfterMs;
    }
  }

  summary(venue: string): VenueSummary {
    const c = this.byVenue.get(venue) ?? empty(venue);
    return {
      venue,
      ordersSent: c.ordersSent,
      fillRate: c.quantitySent > 0 ? Math.min(1, c.quantityFilled / c.quantitySent) : null,
      meanTimeToFillMs: c.ordersWithFill > 0 ? c.timeToFirstFillMsSum / c.ordersWithFill : null,
      slippageBps: c.quantityFilled > 0 ? c.slippageBpsQuantitySum / c.quantityFilled : null,
      rejectRate: c.ordersSent > 0 ? c.rejects / c.ordersSent : null,
    };
  }

  /** Every venue with statistics, and each of `venues` too (empty ones for a venue never sent to), by name. */
  summaries(venues: Iterable<string> = []): VenueSummary[] {
    return [...new Set([...this.byVenue.keys(), ...venues])].sort().map((v) => this.summary(v));
  }

  snapshot(): VenueStatsSnapshot {
    return { version: 1, venues: [...this.byVenue.values()].map((c) => ({ ...c })) };
  }

  /** Rebuilds the statistics from a stored snapshot; a malformed one is refused whole, naming the bad field. */
  static restore(stored: unknown): Result<VenueStatistics, VenueStatsError> {
    const parsed = snapshotSchema.safeParse(stored);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err({ code: 'BAD_VENUE_STATS', path: issue ? issue.path.join('.') : '', message: issue?.message ?? 'invalid' });
    }
    const stats = new VenueStatistics();
    for (const c of parsed.data.venues) stats.byVenue.set(c.venue, { ...c });
    return ok(stats);
  }
}
