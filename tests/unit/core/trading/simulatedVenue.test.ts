import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRandom } from '../../../../src/core/model';
import { SimulatedVenue, type VenueEvent, type VenueOrder, type FillModelConfig, PERFECT_FILLS } from '../../../../src/core/trading';
import { AAPL, INSTRUMENTS, quote } from './fixtures';

function setup(fillModel: FillModelConfig = PERFECT_FILLS, seed = 1) {
  const clock = new ManualClock(0);
  const venue = new SimulatedVenue({ instruments: INSTRUMENTS, clock, random: new SeededRandom(seed), fillModel, commission: { kind: 'NONE', currency: 'USD' } });
  const events: VenueEvent[] = [];
  venue.subscribe((e) => events.push(e));
  let n = 0;
  const order = (o: Partial<VenueOrder>): VenueOrder => ({
    clientOrderId: `O${++n}`,
    symbol: 'AAPL',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'DAY',
    quantity: 100,
    limitPrice: null,
    stopPrice: null,
    ...o,
  });
  const kinds = (id: string) => events.filter((e) => e.clientOrderId === id).map((e) => (e.kind === 'FILL' ? `FILL ${e.quantity}@${e.price}` : e.kind));
  return { clock, venue, events, order, kinds };
}

describe('simulated exchange lifecycles', () => {
  it('market order takes the offer, walking depth derived from quote size', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 99.99, 100.01, 0, 60));
    const o = s.order({ type: 'MARKET', quantity: 100 });
    s.venue.submit(o);
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL 60@100.01', 'FILL 40@100.02']);
  });

  it('market order without liquidity rests and fills on the next quote', () => {
    const s = setup();
    const o = s.order({ type: 'MARKET', quantity: 10 });
    s.venue.submit(o);
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED']);
    s.venue.onQuote(quote('AAPL', 50, 50.05, 1));
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL 10@50.05']);
  });

  it('limit order rests, does not fill at the touch, fills at its price when traded through', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.1, 0));
    const o = s.order({ limitPrice: 99.95, quantity: 50 });
    s.venue.submit(o);
    s.venue.onQuote(quote('AAPL', 99.9, 99.95, 1));
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED']);
    s.venue.onQuote(quote('AAPL', 99.8, 99.9, 2));
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL 50@99.95']);
  });

  it('marketable limit fills as taker no worse than its limit', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0, 30));
    const o = s.order({ limitPrice: 100.02, quantity: 100 });
    s.venue.submit(o);
    // 30 at 100.01, 30 at 100.02, the rest rests at 100.02
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL 30@100.01', 'FILL 30@100.02']);
    const sell = s.order({ side: 'SELL', limitPrice: 99.99, quantity: 10, type: 'LIMIT' });
    s.venue.submit(sell);
    expect(s.kinds(sell.clientOrderId)).toEqual(['ACCEPTED', 'FILL 10@100']);
  });

  it('resting orders fill in price-time priority when liquidity is short', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.1, 0, 100));
    const early = s.order({ limitPrice: 100.05, quantity: 100 });
    const better = s.order({ limitPrice: 100.06, quantity: 100 });
    const late = s.order({ limitPrice: 100.05, quantity: 100 });
    [early, better, late].forEach((o) => s.venue.submit(o));
    // Only 150 shares trade through (sizes 100 at 100.00 and 50... depth levels each 75)
    s.venue.onQuote({ ...quote('AAPL', 99.9, 100.0, 1), askSize: 75 });
    // levels: 100.00 (75), 100.01 (75), 100.02, 100.03, 100.04 → all below 100.05 → 375 available
    expect(s.kinds(better.clientOrderId)).toEqual(['ACCEPTED', 'FILL 100@100.06']);
    expect(s.kinds(early.clientOrderId)).toEqual(['ACCEPTED', 'FILL 100@100.05']);
    expect(s.kinds(late.clientOrderId)).toEqual(['ACCEPTED', 'FILL 100@100.05']);
    const s2 = setup();
    s2.venue.onQuote(quote('AAPL', 100, 100.1, 0, 100));
    const a = s2.order({ limitPrice: 100.05, quantity: 100 });
    const b = s2.order({ limitPrice: 100.06, quantity: 100 });
    const c = s2.order({ limitPrice: 100.05, quantity: 100 });
    [a, b, c].forEach((o) => s2.venue.submit(o));
    s2.venue.onQuote({ ...quote('AAPL', 99.9, 100.04, 1), askSize: 150 });
    // one level below 100.05 with 150 shares: the better price first, then the earlier order
    expect(s2.kinds(b.clientOrderId)).toEqual(['ACCEPTED', 'FILL 100@100.06']);
    expect(s2.kinds(a.clientOrderId)).toEqual(['ACCEPTED', 'FILL 50@100.05']);
    expect(s2.kinds(c.clientOrderId)).toEqual(['ACCEPTED']);
  });

  it('stop triggers when the market reaches it and trades as a market order', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0));
    const o = s.order({ type: 'STOP', stopPrice: 101, quantity: 20 });
    s.venue.submit(o);
    s.venue.onQuote(quote('AAPL', 100.5, 100.51, 1));
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED']);
    s.venue.onQuote(quote('AAPL', 101.01, 101.02, 2));
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL 20@101.02']);
    const sellStop = s.order({ side: 'SELL', type: 'STOP', stopPrice: 100, quantity: 5 });
    s.venue.submit(sellStop);
    s.venue.onQuote(quote('AAPL', 99.98, 99.99, 3));
    expect(s.kinds(sellStop.clientOrderId)).toEqual(['ACCEPTED', 'FILL 5@99.98']);
  });

  it('stop-limit triggers into a limit order that never fills beyond its limit', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0, 10));
    const o = s.order({ type: 'STOP_LIMIT', stopPrice: 101, limitPrice: 101.05, quantity: 100 });
    s.venue.submit(o);
    s.venue.onQuote(quote('AAPL', 101.02, 101.04, 1, 10));
    // taker on trigger: 10 at 101.04, 10 at 101.05, then rests at 101.05
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL 10@101.04', 'FILL 10@101.05']);
    s.venue.onQuote(quote('AAPL', 101.1, 101.2, 2, 10));
    expect(s.events.filter((e) => e.kind === 'FILL').length).toBe(2);
    s.venue.onQuote(quote('AAPL', 100.9, 101, 3, 500));
    expect(s.kinds(o.clientOrderId).at(-1)).toBe('FILL 80@101.05');
  });

  it('IOC fills what is there and cancels the rest; FOK fills all or nothing', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0, 10));
    const ioc = s.order({ timeInForce: 'IOC', limitPrice: 100.01, quantity: 25 });
    s.venue.submit(ioc);
    expect(s.kinds(ioc.clientOrderId)).toEqual(['ACCEPTED', 'FILL 10@100.01', 'CANCELED']);
    const fokNo = s.order({ timeInForce: 'FOK', limitPrice: 100.02, quantity: 25 });
    s.venue.submit(fokNo); // 0 left at 100.01, 10 at 100.02 → not fillable
    expect(s.kinds(fokNo.clientOrderId)).toEqual(['ACCEPTED', 'CANCELED']);
    const fokYes = s.order({ timeInForce: 'FOK', type: 'MARKET', quantity: 25 });
    s.venue.submit(fokYes);
    expect(s.kinds(fokYes.clientOrderId)).toEqual(['ACCEPTED', 'FILL 10@100.02', 'FILL 10@100.03', 'FILL 5@100.04']);
  });

  it('DAY orders expire at session end, GTC orders survive it', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0));
    const day = s.order({ limitPrice: 90 });
    const gtc = s.order({ limitPrice: 90, timeInForce: 'GTC' });
    s.venue.submit(day);
    s.venue.submit(gtc);
    s.venue.endSession();
    expect(s.kinds(day.clientOrderId)).toEqual(['ACCEPTED', 'EXPIRED']);
    expect(s.kinds(gtc.clientOrderId)).toEqual(['ACCEPTED']);
  });

  it('modify and cancel a resting order; cancel of a finished order is rejected', async () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0));
    const o = s.order({ limitPrice: 99 });
    s.venue.submit(o);
    s.venue.modify({ clientOrderId: o.clientOrderId, quantity: 150, limitPrice: 98.5, stopPrice: null });
    expect((await s.venue.openOrders())[0]).toMatchObject({ quantity: 150, limitPrice: 98.5 });
    s.venue.modify({ clientOrderId: o.clientOrderId, quantity: 150, limitPrice: 98.555, stopPrice: null });
    s.venue.cancel(o.clientOrderId);
    s.venue.cancel(o.clientOrderId);
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'REPLACED', 'REPLACE_REJECTED', 'CANCELED', 'CANCEL_REJECTED']);
    expect(await s.venue.openOrders()).toEqual([]);
  });

  it('a modify that crosses the market trades immediately after the replace is confirmed', () => {
    const s = setup();
    s.venue.onQuote(quote('AAPL', 100, 100.01, 0));
    const o = s.order({ limitPrice: 99 });
    s.venue.submit(o);
    s.venue.modify({ clientOrderId: o.clientOrderId, quantity: 100, limitPrice: 100.01, stopPrice: null });
    expect(s.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'REPLACED', 'FILL 100@100.01']);
  });

  it('rejects invalid orders with a reason', () => {
    const s = setup();
    const cases: [Partial<VenueOrder>, string][] = [
      [{ symbol: 'NOPE', limitPrice: 1 }, 'UNKNOWN_SYMBOL'],
      [{ limitPrice: 100.005 }, 'PRICE_NOT_ON_TICK'],
      [{ limitPrice: 100, quantity: 1.5 }, 'QUANTITY_NOT_ON_LOT'],
      [{ limitPrice: null }, 'MISSING_LIMIT_PRICE'],
      [{ type: 'STOP', stopPrice: 100, timeInForce: 'IOC' }, 'UNSUPPORTED_TIME_IN_FORCE'],
    ];
    for (const [partial, reason] of cases) {
      const o = s.order(partial);
      s.venue.submit(o);
      expect(s.events.at(-1)).toMatchObject({ kind: 'REJECTED', clientOrderId: o.clientOrderId, reason });
    }
  });

  it('latency delays arrival; messages keep their order; the same seed replays the same fills', () => {
    const model: FillModelConfig = { latencyMs: 5, latencyJitterMs: 10, maxSlippageTicks: 2, slippageProbability: 0.5, partialFillProbability: 0.5, minPartialFraction: 0.2 };
    const run = (seed: number) => {
      const s = setup(model, seed);
      s.venue.onQuote(quote('AAPL', 100, 100.01, 0, 500));
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const o = s.order({ type: 'MARKET', quantity: 300, side: i % 2 ? 'SELL' : 'BUY' });
        ids.push(o.clientOrderId);
        s.venue.submit(o);
      }
      expect(s.events).toEqual([]);
      for (let t = 1; t <= 40; t++) {
        s.clock.set(t * 20);
        s.venue.onQuote(quote('AAPL', 100, 100.01, t * 20, 500));
      }
      for (const id of ids) {
        const fills = s.events.filter((e) => e.clientOrderId === id && e.kind === 'FILL');
        expect(fills.reduce((a, e) => a + (e.kind === 'FILL' ? e.quantity : 0), 0)).toBe(300);
      }
      return s.events;
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(a.some((e) => e.kind === 'FILL' && e.quantity < 300)).toBe(true);
    expect(a.some((e) => e.kind === 'FILL' && e.price > 100.02)).toBe(true);
    // FIFO: each order is accepted in submission order
    const accepted = a.filter((e) => e.kind === 'ACCEPTED').map((e) => e.clientOrderId);
    expect(accepted).toEqual([...accepted].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))));
  });

  it('charges commission per execution with the per-order minimum once', async () => {
    const clock = new ManualClock(0);
    const venue = new SimulatedVenue({ instruments: [AAPL], clock, random: new SeededRandom(1) });
    const fills: VenueEvent[] = [];
    venue.subscribe((e) => e.kind === 'FILL' && fills.push(e));
    venue.onQuote(quote('AAPL', 100, 100.01, 0, 100));
    venue.submit({ clientOrderId: 'X', symbol: 'AAPL', side: 'BUY', type: 'MARKET', timeInForce: 'DAY', quantity: 300, limitPrice: null, stopPrice: null });
    const commissions = fills.map((f) => (f.kind === 'FILL' ? f.commission : 0));
    // cumulative: max(1, 0.5) = 1, max(1, 1.0) = 1, 1.5 → the minimum is paid once, the total is 300 × 0.005
    expect(commissions).toEqual([1, 0, 0.5]);
    expect((await venue.executions(0)).length).toBe(3);
  });
});
