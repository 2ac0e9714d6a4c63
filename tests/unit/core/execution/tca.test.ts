// TCA: a hand-computed example to the cent, the exact split of the shortfall, roll-ups, and TCA of a routed order.
import { describe, expect, it } from 'vitest';
import { intervalVwap, tcaReport, tcaRollup, type TcaParent } from '../../../../src/core/execution/tca';
import { tcaParentOf } from '../../../../src/core/execution/tcaSource';
import { desk, INSTANT_PROFILES, underlying } from './fixtures';

const BUY: TcaParent = {
  parentId: 'P1', symbol: 'XYZ', side: 'BUY', algo: 'TWAP', createdAt: 1_000, arrivalMid: 100, quantity: 600, multiplier: 1, currency: 'USD',
  fills: [
    { venue: 'SIM-A', time: 2_000, quantity: 300, price: 100.03, fee: 0.9, releaseMid: 100.01, fillMid: 100.02 },
    { venue: 'SIM-B', time: 3_000, quantity: 200, price: 100.06, fee: 0.6, releaseMid: 100.04, fillMid: 100.05 },
  ],
  intervalVwap: 100.035,
};

describe('TCA', () => {
  it('matches the hand-computed example to the cent', () => {
    // spread 300×0.01 + 200×0.01 = 5.00; impact 300×0.01 + 200×0.01 = 5.00; timing 300×0.01 + 200×0.04 = 11.00;
    // fees 1.50; shortfall 300×0.03 + 200×0.06 + 1.50 = 22.50 on 500 × 100 = 50,000 arrival value: 4.5 bps.
    const r = tcaReport(BUY);
    expect(r.filledQuantity).toBe(500);
    expect(r.averageFillPrice).toBeCloseTo(100.042, 12);
    expect([r.spread.amount, r.impact.amount, r.timing.amount, r.fees.amount, r.shortfall.amount]).toEqual([5, 5, 11, 1.5, 22.5]);
    expect(r.shortfall.bps).toBeCloseTo(4.5, 10);
    expect(r.timing.bps).toBeCloseTo(2.2, 10);
    // (100.042 − 100.035) / 100.035 × 10,000
    expect(r.vsIntervalVwapBps).toBeCloseTo(0.69975508572, 9);
  });

  it('a sell counts prices below the mid as cost, and a rebate lowers it', () => {
    const r = tcaReport({
      ...BUY, side: 'SELL', algo: 'SMART', fills: [{ venue: 'SIM-A', time: 2_000, quantity: 1_000, price: 49.98, fee: -2, releaseMid: 50, fillMid: 49.99 }], arrivalMid: 50.01, intervalVwap: null, multiplier: 1,
    });
    // spread 1000×0.01 = 10.00, impact 1000×0.01 = 10.00, timing 1000×0.01 = 10.00, fees −2.00: 28.00 on 50,010.
    expect([r.spread.amount, r.impact.amount, r.timing.amount, r.fees.amount, r.shortfall.amount]).toEqual([10, 10, 10, -2, 28]);
    expect(r.shortfall.bps).toBeCloseTo((28 / 50_010) * 10_000, 10);
    expect(r.vsIntervalVwapBps).toBeNull();
  });

  it('rolls up per venue and per algorithm over a period, never adding currencies', () => {
    const eur: TcaParent = { ...BUY, parentId: 'P2', currency: 'EUR', algo: 'VWAP', createdAt: 5_000 };
    const late: TcaParent = { ...BUY, parentId: 'P3', createdAt: 99_000 };
    const byVenue = tcaRollup([BUY, eur, late], 'venue', 0, 10_000);
    expect(byVenue.map((g) => [g.key, g.currency, g.filledQuantity, g.shortfall.amount])).toEqual([
      ['SIM-A', 'EUR', 300, 9.9],
      ['SIM-A', 'USD', 300, 9.9],
      ['SIM-B', 'EUR', 200, 12.6],
      ['SIM-B', 'USD', 200, 12.6],
    ]);
    const byAlgo = tcaRollup([BUY, eur, late], 'algo', 0, 10_000);
    expect(byAlgo.map((g) => [g.key, g.currency, g.parents, g.shortfall.amount, g.shortfall.bps])).toEqual([
      ['TWAP', 'USD', 1, 22.5, expect.closeTo(4.5, 10)],
      ['VWAP', 'EUR', 1, 22.5, expect.closeTo(4.5, 10)],
    ]);
  });

  it('interval VWAP from bars at their typical price, only inside the window', () => {
    const bar = (time: number, price: number, volume: number) => ({ time, open: price, high: price + 1, low: price - 1, close: price, volume });
    expect(intervalVwap([bar(0, 10, 100), bar(60, 20, 300), bar(120, 99, 1_000)], 0, 120)).toBeCloseTo(17.5, 12);
    expect(intervalVwap([bar(0, 10, 0)], 0, 120)).toBeNull();
  });

  it('reports on a SMART order from what the router recorded', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const placed = d.sor.smart({ symbol: 'XYZ', side: 'BUY', quantity: 600, limitPrice: null, ioc: false });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    const input = tcaParentOf(d.sor, d.instrument, placed.value.id)!;
    const r = tcaReport(input);
    // All at 100.02 against an arrival and fill mid of 100.01 (the venues' books were not moved): spread only, plus fees.
    expect(r.filledQuantity).toBe(600);
    expect(r.spread.amount).toBe(6);
    expect(r.impact.amount).toBe(0);
    expect(r.timing.amount).toBe(0);
    expect(r.fees.amount).toBe(1.12);
    expect(r.shortfall.amount).toBe(7.12);
  });
});

describe('TCA waits for the fills', () => {
  it('a parent is settled only once every execution it counted has arrived with its mids', () => {
    const d = desk({ profiles: INSTANT_PROFILES });
    d.tick(underlying(100, 100.02, 1_000_000));
    const seen: [string, boolean, number][] = [];
    d.sor.subscribe((p) => seen.push([p.status, d.sor.settled(p.id), d.sor.fills(p.id).reduce((s, f) => s + f.quantity, 0)]));
    const placed = d.sor.smart({ symbol: 'XYZ', side: 'BUY', quantity: 600, limitPrice: null, ioc: false });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    d.oms.flush();
    // Whenever the router says settled, the fills TCA reads are all there; and it does say so in the end.
    for (const [status, settled, recorded] of seen) if (settled) expect([status, recorded]).toEqual(['FILLED', 600]);
    expect(seen.at(-1)).toEqual(['FILLED', true, 600]);
  });
});
