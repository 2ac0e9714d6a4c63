// The portfolio limit kinds (VaR, ES, drawdown, % of ADV per day, turnover, industry) and the ticket's headroom.
import { describe, expect, it } from 'vitest';
import type { Instrument, OrderRequest } from '../../../../../src/core/model';
import { FxRates, PreTradeRisk, RiskBook, validateLimits, type RiskLimit, type RiskOrder } from '../../../../../src/core/trading';
import { harness, must, quote, type Harness } from '../fixtures';
import { HistoricalEstimator } from './historicalEstimator';

const order = (o: Partial<RiskOrder> = {}): RiskOrder => ({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 100, limitPrice: 100, ...o });
const req = (o: Partial<RiskOrder> = {}): OrderRequest => order(o) as OrderRequest;

function withLimits(limits: RiskLimit[], capital = 100_000): Harness {
  const h = harness({ limits, capital });
  h.tick(quote('AAPL', 99.99, 100.01));
  h.tick(quote('MSFT', 199.99, 200.01));
  h.tick(quote('XOM', 49.99, 50.01));
  return h;
}

const buyMarket = (h: Harness, symbol: string, quantity: number) => {
  must(h.oms.submit({ symbol, side: 'BUY', type: 'MARKET', quantity, timeInForce: 'DAY' }));
  h.oms.flush();
};

/** AAPL's 20 daily returns: five losing days and fifteen of +1%; MSFT moves exactly opposite (a perfect hedge). */
const AAPL_RETURNS = [-0.05, -0.04, -0.03, -0.02, -0.01, ...Array<number>(15).fill(0.01)];
const RETURNS = { AAPL: AAPL_RETURNS, MSFT: AAPL_RETURNS.map((r) => -r) };

describe('VaR and ES limits: the book after the order, from the injected estimator', () => {
  // For a position worth V in AAPL alone: P&L sorted −0.05V … ; the 5% quantile interpolates −0.05V + 0.95 × 0.01V,
  // so 95% VaR = 0.0405 V and ES = mean of the P&L at or below −VaR = 0.05 V.
  it('denies an order whose VaR after the trade exceeds the limit, passes one just inside', () => {
    const h = withLimits([{ id: 'var95', kind: 'MAX_VAR', max: 400, confidence: 0.95 }]);
    h.risk.estimator = new HistoricalEstimator(h.risk.book, RETURNS);
    expect(h.risk.checkNew(order({ quantity: 100 }), h.clock.now())).toEqual({
      ok: false,
      error: { code: 'VAR_EXCEEDS_MAX', limitId: 'var95', valueAtRisk: expect.closeTo(405, 6), max: 400, confidence: 0.95 },
    });
    expect(h.risk.checkNew(order({ quantity: 98 }), h.clock.now())).toEqual({ ok: true, value: undefined });
  });

  it('denies on expected shortfall with its own figure', () => {
    const h = withLimits([{ id: 'es', kind: 'MAX_ES', max: 450, confidence: 0.95 }]);
    h.risk.estimator = new HistoricalEstimator(h.risk.book, RETURNS);
    expect(h.risk.checkNew(order({ quantity: 91 }), h.clock.now())).toMatchObject({ ok: false, error: { code: 'ES_EXCEEDS_MAX', expectedShortfall: expect.closeTo(455, 6), max: 450 } });
    expect(h.risk.checkNew(order({ quantity: 90 }), h.clock.now()).ok).toBe(true);
  });

  it('passes an order that lowers VaR even when the book is over the limit (a hedge), denies one that raises it', () => {
    const h = withLimits([]);
    buyMarket(h, 'AAPL', 100);
    h.risk.setLimits([{ id: 'var95', kind: 'MAX_VAR', max: 300, confidence: 0.95 }]);
    h.risk.estimator = new HistoricalEstimator(h.risk.book, RETURNS);
    expect(h.risk.checkNew(order({ quantity: 1 }), h.clock.now())).toMatchObject({ ok: false, error: { code: 'VAR_EXCEEDS_MAX', valueAtRisk: expect.closeTo(0.0405 * 10_100, 6) } });
    expect(h.risk.checkNew(order({ symbol: 'MSFT', quantity: 50, limitPrice: 200 }), h.clock.now())).toEqual({ ok: true, value: undefined });
    // A partial hedge: VaR falls from 405 to 364.5, still over 300, and the order passes because it lowers it.
    expect(h.risk.checkNew(order({ symbol: 'MSFT', quantity: 5, limitPrice: 200 }), h.clock.now())).toEqual({ ok: true, value: undefined });
  });

  it('denies an increasing order without an estimate, naming the symbol; a reducing order still passes', () => {
    const h = withLimits([]);
    buyMarket(h, 'XOM', 100);
    h.risk.setLimits([{ id: 'var99', kind: 'MAX_VAR', max: 1e9, confidence: 0.99 }]);
    expect(h.risk.checkNew(order(), h.clock.now())).toEqual({ ok: false, error: { code: 'RISK_ESTIMATE_UNAVAILABLE', limitId: 'var99', symbol: 'AAPL', measure: 'VAR' } });
    h.risk.estimator = new HistoricalEstimator(h.risk.book, RETURNS); // no history for XOM
    expect(h.risk.checkNew(order({ symbol: 'XOM', limitPrice: 50 }), h.clock.now())).toMatchObject({ ok: false, error: { code: 'RISK_ESTIMATE_UNAVAILABLE', symbol: 'XOM' } });
    expect(h.risk.checkNew(order({ symbol: 'XOM', side: 'SELL', limitPrice: 50 }), h.clock.now()).ok).toBe(true);
  });

  it('gives the ticket the VaR and ES of the book after the order as headroom', () => {
    const h = withLimits([
      { id: 'var95', kind: 'MAX_VAR', max: 1_000, confidence: 0.95 },
      { id: 'es95', kind: 'MAX_ES', max: 1_000, confidence: 0.95 },
    ]);
    h.risk.estimator = new HistoricalEstimator(h.risk.book, RETURNS);
    const { headroom } = h.risk.preview(order({ quantity: 200 }), h.clock.now());
    expect(headroom).toEqual([
      { id: 'var95', kind: 'MAX_VAR', used: expect.closeTo(810, 6), limit: 1_000, headroom: expect.closeTo(190, 6) },
      { id: 'es95', kind: 'MAX_ES', used: expect.closeTo(1_000, 6), limit: 1_000, headroom: expect.closeTo(0, 6) },
    ]);
  });

  it('reports VaR utilization from the estimator, and none without one', () => {
    const h = withLimits([]);
    buyMarket(h, 'AAPL', 100);
    h.risk.setLimits([{ id: 'var95', kind: 'MAX_VAR', max: 810, confidence: 0.95 }]);
    expect(h.risk.utilization(h.clock.now())[0]).toMatchObject({ ratio: null, scope: 'unavailable' });
    h.risk.estimator = new HistoricalEstimator(h.risk.book, RETURNS);
    expect(h.risk.utilization(h.clock.now())[0]).toMatchObject({ used: expect.closeTo(405, 6), limit: 810, ratio: expect.closeTo(0.5, 6), scope: '95% 1-day' });
  });
});

describe('drawdown, % of ADV per day, turnover', () => {
  it('drawdown from the day start: only reducing orders pass once reached', () => {
    const h = withLimits([{ id: 'dd', kind: 'MAX_DRAWDOWN', maxFraction: 0.01, from: 'DAY_START' }]);
    h.risk.startDay();
    buyMarket(h, 'MSFT', 100);
    h.tick(quote('MSFT', 189.99, 190.01)); // −1,000 on 100,000
    expect(h.risk.checkNew(order(), h.clock.now())).toEqual({
      ok: false,
      error: { code: 'DRAWDOWN_EXCEEDS_MAX', limitId: 'dd', from: 'DAY_START', drawdown: expect.closeTo(0.01, 4), maxFraction: 0.01, equity: expect.closeTo(98_999, 6), referenceEquity: 100_000 },
    });
    expect(h.risk.checkNew(order({ symbol: 'MSFT', side: 'SELL', limitPrice: 190 }), h.clock.now()).ok).toBe(true);
  });

  it('drawdown from the peak sees a fall that the day start does not', () => {
    const h = withLimits([
      { id: 'peak', kind: 'MAX_DRAWDOWN', maxFraction: 0.015, from: 'PEAK' },
      { id: 'day', kind: 'MAX_DRAWDOWN', maxFraction: 0.015, from: 'DAY_START' },
    ]);
    h.risk.startDay();
    buyMarket(h, 'MSFT', 100);
    h.tick(quote('MSFT', 219.99, 220.01)); // equity 102,000: the monitor's next look records the peak
    h.risk.utilization(h.clock.now());
    h.tick(quote('MSFT', 199.99, 200.01)); // back to 100,000: 1.96% below the peak, 0% below the day start
    const u = Object.fromEntries(h.risk.utilization(h.clock.now()).map((x) => [x.id, x]));
    expect(u.peak).toMatchObject({ used: expect.closeTo(2_000 / 102_000, 4), scope: 'from peak' });
    expect(u.day).toMatchObject({ used: expect.closeTo(0, 4) });
    expect(h.risk.checkNew(order(), h.clock.now())).toMatchObject({ ok: false, error: { code: 'DRAWDOWN_EXCEEDS_MAX', limitId: 'peak' } });
  });

  it('% of ADV per day counts today’s fills and working orders, and restarts with the day', () => {
    const h = withLimits([{ id: 'adv-day', kind: 'MAX_DAILY_ADV_FRACTION', maxFraction: 0.05 }]);
    h.risk.book.setAverageDailyVolume('AAPL', 10_000);
    h.risk.startDay();
    buyMarket(h, 'AAPL', 300);
    must(h.oms.submit(req({ limitPrice: 99, quantity: 150 })));
    expect(h.risk.checkNew(order({ quantity: 51 }), h.clock.now())).toEqual({
      ok: false,
      error: { code: 'DAILY_ADV_FRACTION_EXCEEDS_MAX', limitId: 'adv-day', symbol: 'AAPL', quantity: 501, averageDailyVolume: 10_000, fraction: 0.0501, maxFraction: 0.05 },
    });
    expect(h.risk.checkNew(order({ quantity: 50 }), h.clock.now()).ok).toBe(true);
    h.risk.startDay();
    expect(h.risk.checkNew(order({ quantity: 350 }), h.clock.now()).ok).toBe(true);
  });

  it('turnover counts today’s fills and working orders in the base currency', () => {
    const h = withLimits([{ id: 'turnover', kind: 'MAX_TURNOVER', max: 50_000 }]);
    h.risk.startDay();
    buyMarket(h, 'AAPL', 300); // 30,000 at the 100 mid
    expect(h.risk.checkNew(order({ quantity: 201 }), h.clock.now())).toEqual({ ok: false, error: { code: 'TURNOVER_EXCEEDS_MAX', limitId: 'turnover', turnover: expect.closeTo(50_100, 6), max: 50_000 } });
    expect(h.risk.checkNew(order({ quantity: 200 }), h.clock.now()).ok).toBe(true);
  });
});

describe('industry concentration', () => {
  const equity = (symbol: string, industry: string): Instrument => ({ symbol, name: symbol, assetClass: 'EQUITY', currency: 'USD', exchange: 'SIM', sector: 'Technology', industry, tickSize: 0.01, lotSize: 1, multiplier: 1 });
  const instruments = new Map([equity('AAPL', 'Hardware'), equity('MSFT', 'Software')].map((i) => [i.symbol, i]));

  it('groups by industry, not by sector', () => {
    const risk = new PreTradeRisk(new RiskBook((s) => instruments.get(s), new FxRates('USD')), { netPnlBase: () => 0 });
    risk.setCapital(100_000);
    risk.setLimits([{ id: 'ind', kind: 'MAX_INDUSTRY_CONCENTRATION', maxFraction: 0.5 }]);
    risk.book.setReferencePrice('AAPL', 100);
    risk.book.setReferencePrice('MSFT', 200);
    risk.book.positionChanged('MSFT', 200); // Software 40% of equity
    expect(risk.checkNew(order({ quantity: 400 }), 0).ok).toBe(true); // Hardware 40%, though Technology would be 80%
    expect(risk.checkNew(order({ symbol: 'MSFT', quantity: 51, limitPrice: 200 }), 0)).toEqual({
      ok: false,
      error: { code: 'INDUSTRY_CONCENTRATION_EXCEEDS_MAX', limitId: 'ind', industry: 'Software', fraction: expect.closeTo(0.502, 6), maxFraction: 0.5 },
    });
  });
});

describe('the ticket headroom comes from the same run of the check', () => {
  it('measures per-order limits against this order, adds it to rates and gross exposure, and is empty before pricing', () => {
    const h = withLimits([
      { id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 100 },
      { id: 'n', kind: 'MAX_ORDER_NOTIONAL', max: 10_000 },
      { id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 50_000 },
      { id: 'r', kind: 'ORDER_RATE', max: 10, windowMs: 60_000 },
      { id: 'p', kind: 'MAX_POSITION', max: 1_000 },
      { id: 'a', kind: 'ALLOWED_SYMBOLS', symbols: ['AAPL', 'MSFT'] },
    ]);
    buyMarket(h, 'MSFT', 40); // gross 8,000, one order in the window
    const { headroom } = h.risk.preview(order({ quantity: 120 }), h.clock.now());
    expect(headroom.map((x) => [x.id, x.used, x.headroom])).toEqual([
      ['q', 120, -20],
      ['n', 12_000, -2_000],
      ['g', 20_000, 30_000],
      ['r', 2, 8],
      ['p', 120, 880],
    ]);
    expect(h.risk.preview(order({ symbol: 'ZZZ' }), h.clock.now()).headroom).toEqual([]);
  });
});

describe('validating the new kinds', () => {
  it('refuses bad parameters by name, unknown fields and unknown breach actions', () => {
    const bad = (limit: object) => validateLimits([limit as RiskLimit]);
    expect(bad({ id: 'v', kind: 'MAX_VAR', max: 1_000, confidence: 1 })).toEqual({ ok: false, error: { code: 'INVALID_LIMIT', id: 'v', field: 'confidence', value: 1 } });
    expect(bad({ id: 'v', kind: 'MAX_ES', max: 1_000 })).toMatchObject({ ok: false, error: { field: 'confidence', value: undefined } });
    expect(bad({ id: 'd', kind: 'MAX_DRAWDOWN', maxFraction: 0.1, from: 'YESTERDAY' })).toMatchObject({ ok: false, error: { field: 'from' } });
    expect(bad({ id: 't', kind: 'MAX_TURNOVER', max: 1, extra: 2 })).toMatchObject({ ok: false, error: { field: 'extra' } });
    expect(bad({ id: 't', kind: 'MAX_TURNOVER', max: 1, onBreach: 'HALT' })).toMatchObject({ ok: false, error: { field: 'onBreach' } });
    expect(bad({ id: 'k', kind: 'NOT_A_KIND', max: 1 })).toMatchObject({ ok: false, error: { field: 'kind' } });
    expect(bad({ id: 't', kind: 'MAX_TURNOVER', max: 1, onBreach: 'REDUCE_ONLY' }).ok).toBe(true);
  });
});
