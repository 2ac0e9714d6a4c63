// Property tests of the smart router: the sweep takes the best effective prices first; children never exceed the
// parent; the parent's fills are the sum of its children's; a cancelled parent leaves no working child.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessVenue, DEFAULT_ROUTE_CONFIG, planRoute } from '../../../../src/core/execution/routePlanner';
import type { VenueStatus, VenueView } from '../../../../src/core/execution/venueView';
import { DEFAULT_VENUE_PROFILES } from '../../../../src/core/execution/venueProfile';
import { desk, underlying } from './fixtures';

const levels = (start: number, step: number, sizes: number[]) => sizes.map((size, k) => ({ price: Math.round((start + k * step) * 100) / 100, size }));

const viewArb = (i: number): fc.Arbitrary<VenueView> =>
  fc.record({
    status: fc.constantFrom<VenueStatus>('UP', 'UP', 'UP', 'DEGRADED', 'DOWN'),
    askStart: fc.integer({ min: 0, max: 6 }),
    bidStart: fc.integer({ min: 0, max: 6 }),
    sizes: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 5 }),
    taker: fc.integer({ min: 0, max: 40 }),
    latency: fc.integer({ min: 0, max: 10 }),
  }).map((r) => ({
    venue: `V${i}`,
    status: r.status,
    takerFeePerShare: r.taker / 10_000,
    makerFeePerShare: -0.001,
    latencyMs: r.latency,
    fillProbability: 0.5,
    asks: levels(100.01 + r.askStart * 0.01, 0.01, r.sizes),
    bids: levels(100 - r.bidStart * 0.01, -0.01, r.sizes),
  }));

describe('route planner properties', () => {
  it('takes the cheapest displayed levels first, never more than asked, only from eligible venues', () => {
    fc.assert(
      fc.property(
        fc.tuple(viewArb(0), viewArb(1), viewArb(2), viewArb(3), viewArb(4)),
        fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
        fc.integer({ min: 1, max: 3_000 }),
        fc.option(fc.integer({ min: -8, max: 8 }), { nil: null }),
        (views, side, quantity, limitOffset) => {
          const limitPrice = limitOffset === null ? null : Math.round((100 + limitOffset * 0.01) * 100) / 100;
          const planned = planRoute({ side, quantity, limitPrice, mayRest: false, tickSize: 0.01, lotSize: 1 }, views, () => false, () => undefined);
          if (!planned.ok) {
            expect(views.every((v) => v.status !== 'UP' || (side === 'BUY' ? v.asks : v.bids).every((l) => l.size === 0))).toBe(true);
            return;
          }
          const children = planned.value.children;
          const total = children.reduce((s, c) => s + c.quantity, 0);
          expect(total + planned.value.unplaced).toBeCloseTo(quantity, 9);
          expect(total).toBeLessThanOrEqual(quantity);
          const buy = side === 'BUY';
          const taken = children.filter((c) => c.type === 'LIMIT');
          for (const c of children) expect(views.find((v) => v.venue === c.venue)!.status).toBe('UP');
          // Every level strictly cheaper (after the venue's costs) than the worst level taken was taken whole.
          const cost = new Map(views.map((v) => [v.venue, assessVenue(v, side, false, undefined, DEFAULT_ROUTE_CONFIG).takeCostPerShare]));
          const effective = (venue: string, price: number) => (buy ? price + cost.get(venue)! : -(price - cost.get(venue)!));
          let worstTaken = -Infinity;
          for (const c of taken) worstTaken = Math.max(worstTaken, effective(c.venue, c.limitPrice!));
          for (const v of views) {
            if (v.status !== 'UP') continue;
            const child = taken.find((c) => c.venue === v.venue);
            let cheaperShown = 0;
            for (const l of buy ? v.asks : v.bids) {
              if (limitPrice !== null && (buy ? l.price > limitPrice : l.price < limitPrice)) break;
              if (effective(v.venue, l.price) < worstTaken - 1e-9) cheaperShown += l.size;
            }
            expect(child?.quantity ?? 0).toBeGreaterThanOrEqual(cheaperShown);
          }
        },
      ),
      { seed: 18, numRuns: 400 },
    );
  });
});

type Action =
  | { kind: 'move'; steps: number }
  | { kind: 'open'; side: 'BUY' | 'SELL'; quantity: number; offset: number | null; ioc: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'grow'; pick: number; more: number; offset: number }
  | { kind: 'status'; venue: number; status: VenueStatus }
  | { kind: 'wait'; ms: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('move' as const), steps: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('open' as const), side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), quantity: fc.integer({ min: 1, max: 2_500 }), offset: fc.option(fc.integer({ min: -4, max: 4 }), { nil: null }), ioc: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('grow' as const), pick: fc.nat(), more: fc.integer({ min: 0, max: 500 }), offset: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('status' as const), venue: fc.integer({ min: 0, max: 4 }), status: fc.constantFrom<VenueStatus>('UP', 'DEGRADED', 'DOWN') }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 20 }) }),
);

describe('smart router properties over five venues with latency', () => {
  it('children never exceed the parent, fills add up, and a cancelled parent leaves no working child', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 5, maxLength: 60 }), (actions) => {
        const d = desk();
        let mid = 100;
        const quote = () => underlying(Math.round((mid - 0.01) * 100) / 100, Math.round((mid + 0.01) * 100) / 100, d.clock.now(), 400, 0);
        d.tick(quote());
        const cancelled = new Set<string>();
        for (const a of actions) {
          switch (a.kind) {
            case 'move':
              mid = Math.round((mid + a.steps * 0.01) * 100) / 100;
              d.tick(quote());
              break;
            case 'open': {
              const limitPrice = a.offset === null ? null : Math.round((mid + a.offset * 0.01) * 100) / 100;
              d.sor.smart({ symbol: 'XYZ', side: a.side, quantity: a.quantity, limitPrice, ioc: a.ioc });
              d.oms.flush();
              break;
            }
            case 'cancel': {
              const parents = d.sor.parents();
              const p = parents[a.pick % Math.max(1, parents.length)];
              if (p && d.sor.cancel(p.id).ok) cancelled.add(p.id);
              d.oms.flush();
              break;
            }
            case 'grow': {
              const parents = d.sor.parents();
              const p = parents[a.pick % Math.max(1, parents.length)];
              if (p && p.limitPrice !== null) d.sor.modify(p.id, { quantity: p.quantity + a.more, limitPrice: Math.round((mid + a.offset * 0.01) * 100) / 100 });
              d.oms.flush();
              break;
            }
            case 'status':
              d.market.setStatus(DEFAULT_VENUE_PROFILES[a.venue]!.name, a.status);
              break;
            case 'wait':
              d.clock.advance(a.ms);
              d.market.poll();
              d.oms.flush();
              break;
          }
          for (const p of d.sor.parents()) {
            const children = d.oms.orders().filter((o) => o.parentId === p.id);
            const filled = children.reduce((s, o) => s + o.filledQuantity, 0);
            const committed = children.reduce((s, o) => s + (o.status === 'Canceled' || o.status === 'Rejected' || o.status === 'Expired' ? o.filledQuantity : o.quantity), 0);
            expect(filled).toBeLessThanOrEqual(p.quantity);
            expect(committed).toBeLessThanOrEqual(p.quantity);
            expect(p.filled).toBe(filled);
          }
        }
        // Let every message arrive: each cancelled parent is CANCELED (or FILLED first) with no working child.
        for (let i = 0; i < 5; i++) {
          d.clock.advance(50);
          d.market.poll();
          d.oms.flush();
        }
        for (const id of cancelled) {
          const p = d.sor.parent(id)!;
          expect(['CANCELED', 'FILLED']).toContain(p.status);
          const working = d.oms.orders().filter((o) => o.parentId === id && !['Filled', 'Canceled', 'Rejected', 'Expired'].includes(o.status));
          expect(working).toEqual([]);
        }
      }),
      { seed: 1818, numRuns: 150 },
    );
  });
});
