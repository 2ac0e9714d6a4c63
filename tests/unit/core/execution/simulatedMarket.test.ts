// The simulated market as a trading node's simulated exchange: a symbol listed at run time trades on every venue,
// and the node's router sees each venue with its profile's costs, its own book and the status set on it.
import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRandom } from '../../../../src/core/model';
import { SimulatedMarket } from '../../../../src/core/execution/simulatedMarket';
import { NodeVenueViews } from '../../../../src/core/execution/nodeVenueViews';
import { DEFAULT_VENUE_PROFILES } from '../../../../src/core/execution/venueProfile';
import { underlying, XYZ } from './fixtures';

describe('the simulated market as a node’s simulated exchange', () => {
  it('lists a symbol added at run time on every venue, each with its own book from the one quote', () => {
    const market = new SimulatedMarket({ profiles: DEFAULT_VENUE_PROFILES, instruments: [], clock: new ManualClock(1_000), random: new SeededRandom(1) });
    market.onQuote(underlying(100, 100.02, 1_000));
    expect(market.venues.every((v) => v.levelsFor('XYZ', 'BUY').length === 0)).toBe(true);
    expect(market.addInstrument(XYZ)).toBe(true);
    expect(market.addInstrument(XYZ)).toBe(false);
    market.onQuote(underlying(100, 100.02, 2_000));
    // SIM at the touch with the full size; SIM-C one tick wider at twice the size; SIM-E two ticks wider.
    const top = (name: string) => market.venues.find((v) => v.name === name)!.levelsFor('XYZ', 'BUY')[0];
    expect(top('SIM')).toEqual({ price: 100.02, size: 500 });
    expect(top('SIM-C')).toEqual({ price: 100.03, size: 1_000 });
    expect(top('SIM-E')).toEqual({ price: 100.04, size: 1_500 });
  });

  it('shows the router each venue’s profile costs and book, and a venue set degraded or down as such', () => {
    const market = new SimulatedMarket({ profiles: DEFAULT_VENUE_PROFILES, instruments: [XYZ], clock: new ManualClock(1_000), random: new SeededRandom(1) });
    const views = new NodeVenueViews(market.viewedVenues());
    market.onQuote(underlying(100, 100.02, 1_000));
    views.onQuote(underlying(100, 100.02, 1_000));
    const seen = views.views('XYZ');
    expect(seen.map((v) => [v.venue, v.status, v.takerFeePerShare, v.makerFeePerShare, v.latencyMs, v.fillProbability])).toEqual(
      DEFAULT_VENUE_PROFILES.map((p) => [p.name, 'UP', p.takerFeePerShare, p.makerFeePerShare, p.latencyMs, p.fillProbability]),
    );
    expect(seen.map((v) => v.asks.length)).toEqual(DEFAULT_VENUE_PROFILES.map((p) => p.levels));
    market.setStatus('SIM-B', 'DEGRADED');
    market.setStatus('SIM-D', 'DOWN');
    const after = views.views('XYZ');
    expect(after.map((v) => v.status)).toEqual(['UP', 'DEGRADED', 'UP', 'DOWN', 'UP']);
    expect(after.find((v) => v.venue === 'SIM-D')!.asks).toEqual([]);
  });
});
