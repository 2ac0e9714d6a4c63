// Execution router: which venue an order goes to, and one place where every venue's events come back in.
import type { Symbol } from '../model/instrument';
import { err, ok, type Result } from '../model/result';
import type { Venue, VenueEvent } from './venue';

export type RouteError = { readonly code: 'NO_ROUTE'; readonly symbol: Symbol } | { readonly code: 'VENUE_NOT_CONNECTED'; readonly venue: string; readonly symbol: Symbol };

export type RoutedEventHandler = (venue: string, event: VenueEvent) => void;

export class ExecutionRouter {
  private readonly venues = new Map<string, Venue>();
  private readonly routes = new Map<Symbol, string>();
  private readonly unsubscribers: (() => void)[] = [];
  private handler: RoutedEventHandler | null = null;

  /** `defaultVenue`: where symbols without an explicit route go. */
  constructor(private defaultVenue: string | null = null) {}

  addVenue(venue: Venue, isDefault = false): void {
    if (this.venues.has(venue.name)) throw new Error(`venue ${venue.name} added twice`);
    this.venues.set(venue.name, venue);
    if (isDefault || this.defaultVenue === null) this.defaultVenue = venue.name;
    this.unsubscribers.push(venue.subscribe((event) => this.handler?.(venue.name, event)));
  }

  /** Where symbols without an explicit route go from now on (orders already working stay where they are). */
  setDefault(venueName: string): void {
    if (!this.venues.has(venueName)) throw new Error(`no venue ${venueName}`);
    this.defaultVenue = venueName;
  }

  get defaultVenueName(): string | null {
    return this.defaultVenue;
  }

  route(symbol: Symbol, venueName: string): void {
    if (!this.venues.has(venueName)) throw new Error(`no venue ${venueName}`);
    this.routes.set(symbol, venueName);
  }

  /** The venue for a new order in `symbol`, or undefined when none is configured. */
  venueFor(symbol: Symbol): Venue | undefined {
    const name = this.routes.get(symbol) ?? this.defaultVenue;
    return name === null ? undefined : this.venues.get(name);
  }

  /**
   * The venue a new order in `symbol` goes to, refused when there is none or it cannot trade now, so
   * the trader is told why at once instead of seeing "Sent" and then a bare rejection.
   */
  routeNew(symbol: Symbol): Result<Venue, RouteError> {
    const venue = this.venueFor(symbol);
    if (!venue) return err({ code: 'NO_ROUTE', symbol });
    if (venue.canTrade && !venue.canTrade()) return err({ code: 'VENUE_NOT_CONNECTED', venue: venue.name, symbol });
    return ok(venue);
  }

  /** A new order sent to a named venue (a strategy deployment's, or a smart router's child), refused like routeNew when it is missing or cannot trade. */
  routeTo(venueName: string, symbol: Symbol): Result<Venue, RouteError> {
    const venue = this.venues.get(venueName);
    if (!venue) return err({ code: 'NO_ROUTE', symbol });
    if (venue.canTrade && !venue.canTrade()) return err({ code: 'VENUE_NOT_CONNECTED', venue: venue.name, symbol });
    return ok(venue);
  }

  venue(name: string): Venue | undefined {
    return this.venues.get(name);
  }

  allVenues(): Venue[] {
    return [...this.venues.values()];
  }

  /** The OMS registers here; events of every venue arrive tagged with the venue's name. */
  onEvent(handler: RoutedEventHandler): void {
    this.handler = handler;
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }
}
