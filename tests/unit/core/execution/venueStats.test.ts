// Per-venue statistics: what the router learns from its children, and the snapshot that carries it across restarts.
import { describe, expect, it } from 'vitest';
import { VenueStatistics } from '../../../../src/core/execution/venueStats';
import { desk, INSTANT_PROFILES, underlying } from './fixtures';

describe('VenueStatistics', () => {
  it('counts fill rate, time to fill, slippage against arrival and rejects per venue from routed children', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.open({ symbol: 'XYZ', side: 'BUY', quantity: 600, limitPrice: null, algo: 'SMART' }, 600, { style: 'LIMIT', limitPrice: null, mayRest: true });
    expect(placed.ok).toBe(true);
    d.oms.flush();
    // Arrival mid 100.01; every share bought at 100.02: 1 cent on 100.01 = 0.99990 bps worse.
    const a = d.sor.stats.summary('SIM');
    expect(a).toMatchObject({ ordersSent: 1, fillRate: 1, meanTimeToFillMs: 0, rejectRate: 0 });
    expect(a.slippageBps).toBeCloseTo((0.01 / 100.01) * 10_000, 9);
    expect(d.sor.stats.summary('SIM-E')).toMatchObject({ ordersSent: 0, fillRate: null });
  });

  it('survives a snapshot round trip (as stored as JSON) and refuses a malformed one naming the field', () => {
    const stats = new VenueStatistics();
    stats.onSent('SIM', 100);
    stats.onFill('SIM', 60, 1.5, 250);
    stats.onSent('SIM-B', 50);
    stats.onReject('SIM-B');
    const restored = VenueStatistics.restore(JSON.parse(JSON.stringify(stats.snapshot())));
    if (!restored.ok) throw new Error(JSON.stringify(restored.error));
    expect(restored.value.summaries()).toEqual(stats.summaries());
    expect(restored.value.summary('SIM')).toMatchObject({ fillRate: 0.6, meanTimeToFillMs: 250, slippageBps: 1.5 });
    const bad = { version: 1, venues: [{ ...stats.snapshot().venues[0], quantityFilled: Number.NaN }] };
    expect(VenueStatistics.restore(bad)).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_VENUE_STATS', path: 'venues.0.quantityFilled' }) });
  });
});
