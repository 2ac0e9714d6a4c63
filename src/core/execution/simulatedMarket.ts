// A small simulated market: one SimulatedVenue per profile, each with its own book derived from the same underlying
// quote. The live workstation's simulated exchange, and the bench's and execution tests' market.
import type { Clock, RandomSource } from '../model/clock';
import type { Instrument, Symbol } from '../model/instrument';
import type { SimulatedExchange } from '../trading/simulatedExchange';
import type { ViewedVenue } from './nodeVenueViews';
import type { Quote } from '../model/marketData';
import type { CommissionSchedule } from '../trading/commission';
import { SimulatedVenue } from '../trading/simulatedVenue';
import { venueQuote, type VenueProfile } from './venueProfile';
import type { BookLevel, VenueStatus, VenueView, VenueViewSource } from './venueView';

export interface SimulatedMarketOptions {
  readonly profiles: readonly VenueProfile[];
  readonly instruments: readonly Instrument[];
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly currency?: string;
}

/** A per-share schedule with no minimum and no cap, so a negative rate pays a rebate on every share. */
const perShare = (rate: number, currency: string): CommissionSchedule => ({
  kind: 'PER_SHARE',
  currency,
  perShare: rate,
  minPerOrder: rate < 0 ? Number.NEGATIVE_INFINITY : 0,
  maxFractionOfNotional: null,
});

interface MarketVenue {
  readonly profile: VenueProfile;
  readonly venue: SimulatedVenue;
  status: VenueStatus;
}

export class SimulatedMarket implements VenueViewSource, SimulatedExchange {
  private readonly members: MarketVenue[];
  private readonly tickSize = new Map<Symbol, number>();

  constructor(options: SimulatedMarketOptions) {
    const currency = options.currency ?? 'USD';
    for (const instrument of options.instruments) this.tickSize.set(instrument.symbol, instrument.tickSize);
    this.members = options.profiles.map((profile) => ({
      profile,
      status: 'UP' as VenueStatus,
      venue: new SimulatedVenue({
        name: profile.name,
        instruments: options.instruments,
        clock: options.clock,
        random: options.random,
        fillModel: { latencyMs: profile.latencyMs, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1 },
        depth: { levels: profile.levels, levelSpacingTicks: 1, sizeDecay: 1 },
        commission: perShare(profile.takerFeePerShare, currency),
        makerCommission: perShare(profile.makerFeePerShare, currency),
      }),
    }));
  }

  /** The venues, to add to the trading core's router. */
  get venues(): readonly SimulatedVenue[] {
    return this.members.map((m) => m.venue);
  }

  /** Lists a stored real symbol on every venue; false when the market lists it already. */
  addInstrument(instrument: Instrument): boolean {
    if (this.tickSize.has(instrument.symbol)) return false;
    this.tickSize.set(instrument.symbol, instrument.tickSize);
    for (const m of this.members) m.venue.addInstrument(instrument);
    return true;
  }

  /** Each venue as the trading node's router sees it: its profile's costs and odds, its own book, DEGRADED or DOWN as set. */
  viewedVenues(): readonly ViewedVenue[] {
    return this.members.map((m) => ({
      venue: m.venue,
      takerFeePerShare: m.profile.takerFeePerShare,
      makerFeePerShare: m.profile.makerFeePerShare,
      latencyMs: m.profile.latencyMs,
      fillProbability: m.profile.fillProbability,
      levels: (symbol, side) => (m.status === 'DOWN' ? [] : m.venue.levelsFor(symbol, side)),
      degraded: () => m.status === 'DEGRADED',
      down: () => m.status === 'DOWN',
    }));
  }

  /** The underlying moved: every venue's book follows from its profile. */
  onQuote(underlying: Quote, freshLiquidity = true): void {
    const tick = this.tickSize.get(underlying.symbol);
    if (tick === undefined) return;
    for (const m of this.members) m.venue.onQuote(venueQuote(m.profile, underlying, tick), freshLiquidity);
  }

  poll(): void {
    for (const m of this.members) m.venue.poll();
  }

  endSession(symbols?: Iterable<Symbol>): void {
    const list = symbols === undefined ? undefined : [...symbols];
    for (const m of this.members) m.venue.endSession(list);
  }

  setStatus(venue: string, status: VenueStatus): void {
    const member = this.members.find((m) => m.profile.name === venue);
    if (!member) throw new Error(`no venue ${venue}`);
    member.status = status;
  }

  /** Best bid and offer across the venues' quotes (what they display, before anything taken this quote). */
  mid(symbol: Symbol): number {
    let bid = -Infinity;
    let ask = Infinity;
    for (const { venue } of this.members) {
      const q = venue.lastQuote(symbol);
      if (!q) continue;
      if (q.bid > 0 && q.bidSize > 0 && q.bid > bid) bid = q.bid;
      if (q.ask > 0 && q.askSize > 0 && q.ask < ask) ask = q.ask;
    }
    return Number.isFinite(bid) && Number.isFinite(ask) ? (bid + ask) / 2 : NaN;
  }

  views(symbol: Symbol): readonly VenueView[] {
    return this.members.map((m) => new SimulatedVenueView(m, symbol));
  }
}

/**
 * One venue's view, each side's book read from the venue when first asked and kept (a marketable order reads only the
 * side it takes), so it is the book as of that first read, like a view built whole.
 */
class SimulatedVenueView implements VenueView {
  readonly venue: string;
  readonly status: VenueStatus;
  readonly takerFeePerShare: number;
  readonly makerFeePerShare: number;
  readonly latencyMs: number;
  readonly fillProbability: number;
  private askLevels: readonly BookLevel[] | null = null;
  private bidLevels: readonly BookLevel[] | null = null;

  constructor(
    private readonly member: MarketVenue,
    private readonly symbol: Symbol,
  ) {
    const { profile } = member;
    this.venue = profile.name;
    this.status = member.status;
    this.takerFeePerShare = profile.takerFeePerShare;
    this.makerFeePerShare = profile.makerFeePerShare;
    this.latencyMs = profile.latencyMs;
    this.fillProbability = profile.fillProbability;
  }

  get asks(): readonly BookLevel[] {
    return (this.askLevels ??= this.member.venue.levelsFor(this.symbol, 'BUY'));
  }

  get bids(): readonly BookLevel[] {
    return (this.bidLevels ??= this.member.venue.levelsFor(this.symbol, 'SELL'));
  }
}
