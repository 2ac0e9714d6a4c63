// The smart router over five simulated venues: sweep order, passive placement, re-routing, cancel/modify on the parent.
import { describe, expect, it } from 'vitest';
import { desk, INSTANT_PROFILES, underlying } from './fixtures';

const SMART = { symbol: 'XYZ', algo: 'SMART' } as const;

describe('SmartOrderRouter', () => {
  it('sweeps displayed liquidity cheapest after fees first and fills the parent from its children', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.open({ ...SMART, side: 'BUY', quantity: 600, limitPrice: null }, 600, { style: 'LIMIT', limitPrice: null, mayRest: true });
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    d.oms.flush();
    const parent = d.sor.parent(placed.value.id)!;
    const [decision] = d.sor.decisions(parent.id);
    // At 100.02: SIM-D (fee 0.0005) 125 shown, SIM-B (0.0015) 250, SIM (0.003) 500; SIM-C and SIM-E quote wider.
    expect(decision!.children.map((c) => [c.venue, c.quantity, c.limitPrice, c.timeInForce])).toEqual([
      ['SIM', 225, 100.02, 'IOC'],
      ['SIM-B', 250, 100.02, 'IOC'],
      ['SIM-D', 125, 100.02, 'IOC'],
    ]);
    expect(parent.status).toBe('FILLED');
    expect(parent.filled).toBe(600);
    expect(parent.filledNotional / parent.filled).toBeCloseTo(100.02, 9);
    const children = d.oms.orders().filter((o) => o.parentId === parent.id);
    expect(children).toHaveLength(3);
    expect(children.reduce((s, o) => s + o.filledQuantity, 0)).toBe(600);
    // Per-share fees, rounded per execution: 225 × 0.003 + 250 × 0.0015 + 125 × 0.0005.
    expect(parent.fees).toBeCloseTo(0.68 + 0.38 + 0.06, 9);
  });

  it('rests a passive order where fill probability per unit of cost is best and moves it when that venue degrades', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.open({ ...SMART, side: 'BUY', quantity: 300, limitPrice: 99.95 }, 300, { style: 'LIMIT', limitPrice: 99.95, mayRest: true });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    const id = placed.value.id;
    expect(d.sor.childrenOf(id).map((c) => [c.venue, c.working])).toEqual([['SIM', true]]);
    d.market.setStatus('SIM', 'DEGRADED');
    d.tick(underlying(100, 100.02, 1_000_100));
    expect(d.sor.decisions(id).map((x) => x.reason)).toEqual(['NEW', 'REROUTE_VENUE_UNAVAILABLE']);
    const children = d.sor.childrenOf(id);
    expect(children.map((c) => [c.venue, c.working])).toEqual([['SIM', false], ['SIM-C', true]]);
    expect(d.oms.order(children[0]!.clientOrderId)!.status).toBe('Canceled');
    expect(d.oms.order(children[1]!.clientOrderId)!.parentId).toBe(id);
  });

  it('cancel on the parent cancels its working children and leaves none', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.open({ ...SMART, side: 'SELL', quantity: 5_000, limitPrice: 100.01 }, 5_000, { style: 'LIMIT', limitPrice: 100.01, mayRest: true });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    expect(d.sor.childrenOf(placed.value.id).some((c) => c.working)).toBe(true);
    expect(d.sor.cancel(placed.value.id).ok).toBe(true);
    d.oms.flush();
    expect(d.sor.parent(placed.value.id)!.status).toBe('CANCELED');
    expect(d.oms.workingOrders()).toHaveLength(0);
  });

  it('modify on the parent re-routes the remainder at the new limit', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.open({ ...SMART, side: 'BUY', quantity: 200, limitPrice: 99.9 }, 200, { style: 'LIMIT', limitPrice: 99.9, mayRest: true });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    expect(d.sor.modify(placed.value.id, { limitPrice: 100.02, quantity: 300 }).ok).toBe(true);
    d.oms.flush();
    const parent = d.sor.parent(placed.value.id)!;
    expect(parent.status).toBe('FILLED');
    expect(parent.filled).toBe(300);
    expect(d.sor.decisions(parent.id).map((x) => x.reason)).toEqual(['NEW', 'REROUTE_MODIFIED']);
  });

  it('refuses when no venue can take the order, naming the field, and sends nothing', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    for (const p of INSTANT_PROFILES) d.market.setStatus(p.name, p.name === 'SIM-B' ? 'DEGRADED' : 'DOWN');
    const before = d.journal.committed.length;
    const placed = d.sor.open({ ...SMART, side: 'BUY', quantity: 100, limitPrice: null }, 100, { style: 'LIMIT', limitPrice: null, mayRest: true });
    expect(placed.ok).toBe(false);
    if (placed.ok) return;
    expect(placed.error).toMatchObject({ code: 'NO_AVAILABLE_VENUE', field: 'destination' });
    d.oms.flush();
    expect(d.journal.committed.length).toBe(before);
    expect(d.sor.parents()).toHaveLength(0);
  });

  it('a child refused by pre-trade risk refuses the parent with the denial', () => {
    const d = desk({ profiles: INSTANT_PROFILES, limits: [{ id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 100 }] });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.open({ ...SMART, side: 'BUY', quantity: 1_000, limitPrice: 99 }, 1_000, { style: 'LIMIT', limitPrice: 99, mayRest: true });
    expect(placed.ok).toBe(false);
    if (placed.ok) return;
    expect(placed.error).toMatchObject({ code: 'CHILD_REFUSED', error: { code: 'QUANTITY_EXCEEDS_MAX' } });
  });
});

describe('SmartOrderRouter when every child is refused', () => {
  it('backs off (1 s, 2 s, 4 s …) instead of routing and recording a refused decision on every quote, and routes again once allowed', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    let t = 1_000_000;
    d.tick(underlying(100, 100.02, t));
    const placed = d.sor.smart({ symbol: 'XYZ', side: 'BUY', quantity: 300, limitPrice: 99.9, ioc: false });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    const [child] = d.sor.childrenOf(placed.value.id);
    // Trading halted, and the resting child pulled: the remainder goes back to the router, which risk now refuses.
    d.risk.killSwitch.engage('test halt', 'tester', t);
    expect(d.oms.cancel(child!.clientOrderId).ok).toBe(true);
    d.oms.flush();
    const refused = () => d.sor.decisions(placed.value.id).filter((r) => r.children.length > 0 && r.children.every((c) => c.clientOrderId === null));
    // Five seconds of quotes every 100 ms: refused at the first, then again after 1 s and after 2 s more.
    for (let i = 0; i < 50; i++) d.tick(underlying(100, 100.02, (t += 100)));
    expect(refused().length).toBe(3);
    expect(d.sor.parent(placed.value.id)!.status).toBe('WORKING');
    d.risk.killSwitch.release('tester', t);
    // The next try is 4 s after the last refusal: quotes before it place nothing, the one after it places the remainder.
    for (let i = 0; i < 40; i++) d.tick(underlying(100, 100.02, (t += 100)));
    expect(refused().length).toBe(3);
    expect(d.oms.workingOrders().length).toBe(1);
    expect(d.sor.childrenOf(placed.value.id).filter((c) => c.working).reduce((q, c) => q + c.quantity, 0)).toBe(300);
  });
});

describe('SmartOrderRouter at the session close', () => {
  it('a SMART DAY order whose children expire ends EXPIRED and is not re-sent on the next quote', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.smart({ symbol: 'XYZ', side: 'BUY', quantity: 300, limitPrice: 99.9, ioc: false });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    d.market.endSession();
    d.oms.flush();
    d.tick(underlying(100, 100.02, 1_000_100));
    expect(d.sor.parent(placed.value.id)!.status).toBe('EXPIRED');
    expect(d.sor.childrenOf(placed.value.id)).toHaveLength(1);
    expect(d.oms.workingOrders()).toHaveLength(0);
  });
});
