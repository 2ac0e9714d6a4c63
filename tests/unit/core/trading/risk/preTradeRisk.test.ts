import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../../../src/core/model';
import { validateLimits, type RiskLimit, type RiskOrder } from '../../../../../src/core/trading';
import { harness, must, quote, type Harness } from '../fixtures';

const order = (o: Partial<RiskOrder> = {}): RiskOrder => ({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 100, limitPrice: 100, ...o });

const req = (o: Partial<RiskOrder> = {}): OrderRequest => order(o) as OrderRequest;

function withLimit(limit: RiskLimit, setup?: (h: Harness) => void): Harness {
  const h = harness({ limits: [limit], capital: 100_000 });
  h.tick(quote('AAPL', 99.99, 100.01));
  h.tick(quote('MSFT', 199.99, 200.01));
  h.tick(quote('XOM', 49.99, 50.01));
  h.tick(quote('SAP', 99.99, 100.01));
  setup?.(h);
  return h;
}

const buyMarket = (h: Harness, symbol: string, quantity: number) => {
  must(h.oms.submit({ symbol, side: 'BUY', type: 'MARKET', quantity, timeInForce: 'DAY' }));
  h.oms.flush();
};

describe('pre-trade risk: every rule denies with its context', () => {
  const cases: { name: string; limit: RiskLimit; setup?: (h: Harness) => void; order: RiskOrder; denial: object; passes: RiskOrder }[] = [
    { name: 'max order quantity', limit: { id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 500 }, order: order({ quantity: 501 }), denial: { code: 'QUANTITY_EXCEEDS_MAX', limitId: 'q', quantity: 501, max: 500 }, passes: order({ quantity: 500 }) },
    { name: 'max order notional', limit: { id: 'n', kind: 'MAX_ORDER_NOTIONAL', max: 10_000 }, order: order({ quantity: 101 }), denial: { code: 'NOTIONAL_EXCEEDS_MAX', limitId: 'n', notional: 10_100, max: 10_000 }, passes: order() },
    { name: 'notional converts to base currency', limit: { id: 'n', kind: 'MAX_ORDER_NOTIONAL', max: 10_000 }, order: order({ symbol: 'SAP' }), denial: { code: 'NOTIONAL_EXCEEDS_MAX', notional: expect.closeTo(11_000, 6) }, passes: order({ symbol: 'SAP', quantity: 90 }) },
    { name: 'price collar percent', limit: { id: 'c', kind: 'PRICE_COLLAR_PERCENT', maxPercent: 5 }, order: order({ limitPrice: 105.01 }), denial: { code: 'PRICE_OUTSIDE_COLLAR', limitId: 'c', price: 105.01, referencePrice: 100, deviationPercent: expect.closeTo(5.01, 6), maxPercent: 5 }, passes: order({ limitPrice: 105 }) },
    { name: 'price collar ticks', limit: { id: 't', kind: 'PRICE_COLLAR_TICKS', maxTicks: 20 }, order: order({ limitPrice: 99.79 }), denial: { code: 'PRICE_OUTSIDE_COLLAR_TICKS', limitId: 't', deviationTicks: expect.closeTo(21, 6), maxTicks: 20 }, passes: order({ limitPrice: 99.8 }) },
    { name: 'fat finger vs ADV', limit: { id: 'f', kind: 'FAT_FINGER_ADV', maxFraction: 0.01 }, setup: (h) => h.risk.book.setAverageDailyVolume('AAPL', 10_000), order: order({ quantity: 101 }), denial: { code: 'QUANTITY_EXCEEDS_ADV_FRACTION', limitId: 'f', quantity: 101, averageDailyVolume: 10_000, fraction: 0.0101, maxFraction: 0.01 }, passes: order() },
    { name: 'allowed symbols', limit: { id: 'a', kind: 'ALLOWED_SYMBOLS', symbols: ['MSFT'] }, order: order(), denial: { code: 'SYMBOL_NOT_ALLOWED', limitId: 'a', symbol: 'AAPL' }, passes: order({ symbol: 'MSFT', limitPrice: 200 }) },
    { name: 'restricted symbols', limit: { id: 'r', kind: 'RESTRICTED_SYMBOLS', symbols: ['AAPL'] }, order: order(), denial: { code: 'SYMBOL_RESTRICTED', limitId: 'r', symbol: 'AAPL' }, passes: order({ symbol: 'MSFT', limitPrice: 200 }) },
    { name: 'max position (open orders included)', limit: { id: 'p', kind: 'MAX_POSITION', max: 250 }, setup: (h) => { buyMarket(h, 'AAPL', 100); must(h.oms.submit(req({ limitPrice: 99, quantity: 100 }))); }, order: order({ quantity: 51 }), denial: { code: 'POSITION_EXCEEDS_MAX', limitId: 'p', symbol: 'AAPL', position: 251, max: 250 }, passes: order({ quantity: 50 }) },
    { name: 'gross exposure', limit: { id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 50_000 }, setup: (h) => buyMarket(h, 'MSFT', 200), order: order({ quantity: 101 }), denial: { code: 'GROSS_EXPOSURE_EXCEEDS_MAX', limitId: 'g', exposure: 50_100, max: 50_000 }, passes: order({ quantity: 100 }) },
    { name: 'net exposure', limit: { id: 'net', kind: 'MAX_NET_EXPOSURE', max: 30_000 }, setup: (h) => buyMarket(h, 'MSFT', 100), order: order({ quantity: 101 }), denial: { code: 'NET_EXPOSURE_EXCEEDS_MAX', limitId: 'net', exposure: 30_100, max: 30_000 }, passes: order({ side: 'SELL', quantity: 500 }) },
    { name: 'leverage', limit: { id: 'l', kind: 'MAX_LEVERAGE', max: 2 }, setup: (h) => buyMarket(h, 'MSFT', 500), order: order({ quantity: 1_001 }), denial: { code: 'LEVERAGE_EXCEEDS_MAX', limitId: 'l', leverage: expect.closeTo(2.001, 2), max: 2 }, passes: order({ quantity: 900 }) },
    { name: 'symbol concentration', limit: { id: 'sc', kind: 'MAX_SYMBOL_CONCENTRATION', maxFraction: 0.25 }, order: order({ quantity: 251 }), denial: { code: 'SYMBOL_CONCENTRATION_EXCEEDS_MAX', limitId: 'sc', symbol: 'AAPL', fraction: expect.closeTo(0.251, 3), maxFraction: 0.25 }, passes: order({ quantity: 250 }) },
    { name: 'sector concentration', limit: { id: 'sec', kind: 'MAX_SECTOR_CONCENTRATION', maxFraction: 0.5 }, setup: (h) => buyMarket(h, 'MSFT', 200), order: order({ quantity: 101 }), denial: { code: 'SECTOR_CONCENTRATION_EXCEEDS_MAX', limitId: 'sec', sector: 'Technology', maxFraction: 0.5 }, passes: order({ symbol: 'XOM', quantity: 900, limitPrice: 50 }) },
    { name: 'currency exposure', limit: { id: 'eur', kind: 'MAX_CURRENCY_EXPOSURE', max: 20_000 }, order: order({ symbol: 'SAP', quantity: 200 }), denial: { code: 'CURRENCY_EXPOSURE_EXCEEDS_MAX', limitId: 'eur', currency: 'EUR', exposure: expect.closeTo(22_000, 6), max: 20_000 }, passes: order({ quantity: 1_000 }) },
    { name: 'daily loss (realized + unrealized)', limit: { id: 'd', kind: 'MAX_DAILY_LOSS', max: 1_000 }, setup: (h) => { h.risk.startDay(); buyMarket(h, 'MSFT', 100); h.tick(quote('MSFT', 189.99, 190.01)); }, order: order(), denial: { code: 'DAILY_LOSS_EXCEEDS_MAX', limitId: 'd', loss: expect.closeTo(1_001, 6), max: 1_000 }, passes: order({ symbol: 'MSFT', side: 'SELL', limitPrice: 190 }) },
    { name: 'order rate', limit: { id: 'or', kind: 'ORDER_RATE', max: 2, windowMs: 1_000 }, setup: (h) => { must(h.oms.submit(req({ limitPrice: 99 }))); must(h.oms.submit(req({ limitPrice: 98 }))); }, order: order(), denial: { code: 'ORDER_RATE_EXCEEDED', limitId: 'or', count: 2, max: 2, windowMs: 1_000 }, passes: order() },
    { name: 'message rate', limit: { id: 'mr', kind: 'MESSAGE_RATE', max: 2, windowMs: 1_000 }, setup: (h) => { const o = must(h.oms.submit(req({ limitPrice: 99 }))); must(h.oms.cancel(o.clientOrderId)); }, order: order(), denial: { code: 'MESSAGE_RATE_EXCEEDED', limitId: 'mr', count: 2, max: 2, windowMs: 1_000 }, passes: order() },
    { name: 'duplicate order window', limit: { id: 'dup', kind: 'DUPLICATE_ORDER_WINDOW', windowMs: 500 }, setup: (h) => void must(h.oms.submit(req())), order: order(), denial: { code: 'DUPLICATE_ORDER', limitId: 'dup', windowMs: 500 }, passes: order({ quantity: 101 }) },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const h = withLimit(c.limit, c.setup);
      const now = h.clock.now();
      expect(h.risk.checkNew(c.order, now)).toEqual({ ok: false, error: expect.objectContaining(c.denial) });
      if (c.limit.kind === 'ORDER_RATE' || c.limit.kind === 'MESSAGE_RATE' || c.limit.kind === 'DUPLICATE_ORDER_WINDOW') {
        h.clock.advance(1_001); // the window slides
      }
      expect(h.risk.checkNew(c.passes, h.clock.now())).toEqual({ ok: true, value: undefined });
    });
  }

  it('validates tick, lot, prices and time in force before any limit', () => {
    const h = withLimit({ id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 1e9 });
    const now = h.clock.now();
    expect(h.risk.checkNew(order({ symbol: 'ZZZ' }), now)).toEqual({ ok: false, error: { code: 'UNKNOWN_SYMBOL', symbol: 'ZZZ' } });
    expect(h.risk.checkNew(order({ quantity: 0 }), now)).toEqual({ ok: false, error: { code: 'QUANTITY_NOT_POSITIVE', quantity: 0 } });
    expect(h.risk.checkNew(order({ quantity: 10.5 }), now)).toEqual({ ok: false, error: { code: 'QUANTITY_NOT_ON_LOT', quantity: 10.5, lotSize: 1 } });
    expect(h.risk.checkNew(order({ limitPrice: 100.005 }), now)).toEqual({ ok: false, error: { code: 'PRICE_NOT_ON_TICK', price: 100.005, tickSize: 0.01 } });
    expect(h.risk.checkNew(order({ limitPrice: null }), now)).toEqual({ ok: false, error: { code: 'MISSING_LIMIT_PRICE', type: 'LIMIT' } });
    expect(h.risk.checkNew(order({ type: 'STOP', stopPrice: null }), now)).toEqual({ ok: false, error: { code: 'MISSING_STOP_PRICE', type: 'STOP' } });
    expect(h.risk.checkNew(order({ type: 'STOP', stopPrice: 101, timeInForce: 'FOK' }), now)).toEqual({ ok: false, error: { code: 'UNSUPPORTED_TIME_IN_FORCE', type: 'STOP', timeInForce: 'FOK' } });
    expect(h.risk.checkNew(order({ symbol: 'ES', limitPrice: 5000 }), now)).toEqual({ ok: false, error: { code: 'NO_REFERENCE_PRICE', symbol: 'ES' } });
  });

  it('denies without an FX rate for the instrument currency', () => {
    const h = harness();
    h.tick(quote('SAP', 99.99, 100.01));
    const fresh = harness();
    fresh.risk.book.fx.set('EUR', 1.1);
    expect(h.risk.checkNew(order({ symbol: 'SAP' }), 0).ok).toBe(true);
    const noRate = harness();
    (noRate.risk.book.fx as unknown as { rates: Map<string, number> }).rates.delete('EUR');
    noRate.risk.book.fx.version += 1;
    noRate.tick(quote('SAP', 99.99, 100.01));
    expect(noRate.risk.checkNew(order({ symbol: 'SAP' }), 0)).toEqual({ ok: false, error: { code: 'NO_FX_RATE', currency: 'EUR' } });
  });

  it('a reducing order passes an exposure limit that is already breached', () => {
    const h = withLimit({ id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 100_000 }, (x) => buyMarket(x, 'AAPL', 900));
    h.tick(quote('AAPL', 149.99, 150.01)); // the position is now worth 135k
    expect(h.risk.checkNew(order({ quantity: 1, limitPrice: 150 }), 0)).toMatchObject({ ok: false, error: { code: 'GROSS_EXPOSURE_EXCEEDS_MAX' } });
    expect(h.risk.checkNew(order({ side: 'SELL', quantity: 100, limitPrice: 150 }), 0).ok).toBe(true);
  });

  it('reports utilization for every limit', () => {
    const limits: RiskLimit[] = [
      { id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 100_000 },
      { id: 'p', kind: 'MAX_POSITION', max: 1_000 },
      { id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 400 },
      { id: 'r', kind: 'RESTRICTED_SYMBOLS', symbols: ['XOM'] },
      { id: 'or', kind: 'ORDER_RATE', max: 10, windowMs: 60_000 },
    ];
    const h = harness({ limits, capital: 100_000 });
    h.tick(quote('AAPL', 99.99, 100.01));
    buyMarket(h, 'AAPL', 200);
    must(h.oms.submit(req({ limitPrice: 99, quantity: 300 })));
    const u = Object.fromEntries(h.risk.utilization(h.clock.now()).map((x) => [x.id, x]));
    expect(u.g).toMatchObject({ used: 50_000, limit: 100_000, ratio: 0.5, scope: 'account' });
    expect(u.p).toMatchObject({ used: 500, ratio: 0.5, scope: 'AAPL' });
    expect(u.q).toMatchObject({ used: 300, ratio: 0.75, scope: 'last order' });
    expect(u.r).toMatchObject({ ratio: null });
    expect(u.or).toMatchObject({ used: 2, ratio: 0.2 });
  });

  it('validates limits as data', () => {
    expect(validateLimits([{ id: 'a', kind: 'MAX_ORDER_QUANTITY', max: 10 }]).ok).toBe(true);
    expect(validateLimits([{ id: 'a', kind: 'MAX_ORDER_QUANTITY', max: Number.NaN }])).toEqual({ ok: false, error: { code: 'INVALID_LIMIT', id: 'a', field: 'max', value: Number.NaN } });
    expect(validateLimits([{ id: 'a', kind: 'ORDER_RATE', max: 2.5, windowMs: 1 }])).toMatchObject({ ok: false, error: { field: 'max' } });
    expect(validateLimits([{ id: 'a', kind: 'MAX_LEVERAGE', max: 2 }, { id: 'a', kind: 'MAX_LEVERAGE', max: 3 }])).toMatchObject({ ok: false, error: { field: 'id' } });
    const roundTrip = JSON.parse(JSON.stringify([{ id: 'c', kind: 'PRICE_COLLAR_PERCENT', maxPercent: 5 }]));
    expect(validateLimits(roundTrip).ok).toBe(true);
  });
});
