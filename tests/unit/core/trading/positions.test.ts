import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../../src/core/model';
import { FxRates, PositionKeeper } from '../../../../src/core/trading';
import { INSTRUMENTS, quote } from './fixtures';

const bySymbol = new Map(INSTRUMENTS.map((i) => [i.symbol, i]));
let n = 0;
const fill = (symbol: string, side: 'BUY' | 'SELL', quantity: number, price: number, commission = 0, commissionCurrency = 'USD'): Fill => ({
  executionId: `E${++n}`, clientOrderId: 'C', venueOrderId: 'V', account: 'U1', symbol, side, quantity, price, commission, commissionCurrency, liquidity: 'TAKER', time: 0,
});

describe('position keeper', () => {
  it('average cost, realized P&L on reduce, flip resets the cost, commissions', () => {
    const p = new PositionKeeper((s) => bySymbol.get(s), new FxRates('USD'));
    p.applyFill(fill('AAPL', 'BUY', 100, 10, 1));
    p.applyFill(fill('AAPL', 'BUY', 100, 12, 1));
    expect(p.position('U1', 'AAPL')).toMatchObject({ quantity: 200, averageCost: 11, commissions: 2 });
    p.applyFill(fill('AAPL', 'SELL', 50, 15, 1));
    expect(p.position('U1', 'AAPL')).toMatchObject({ quantity: 150, averageCost: 11, realizedPnl: 200 });
    p.applyFill(fill('AAPL', 'SELL', 250, 9, 1)); // closes 150 at −2 each, opens 100 short at 9
    expect(p.position('U1', 'AAPL')).toMatchObject({ quantity: -100, averageCost: 9, realizedPnl: -100, commissions: 4 });
    p.onQuote(quote('AAPL', 7.99, 8.01));
    expect(p.position('U1', 'AAPL')).toMatchObject({ unrealizedPnl: 100, markPrice: 8, marketValue: -800 });
    p.applyFill(fill('AAPL', 'BUY', 100, 8));
    expect(p.position('U1', 'AAPL')).toMatchObject({ quantity: 0, averageCost: 0, realizedPnl: 0, unrealizedPnl: 0 });
    expect(p.pnl()).toMatchObject({ realizedPnlBase: 0, commissionsBase: 4, netPnlBase: -4 });
  });

  it('futures use the multiplier', () => {
    const p = new PositionKeeper((s) => bySymbol.get(s), new FxRates('USD'));
    p.applyFill(fill('ES', 'BUY', 2, 5000));
    p.onQuote(quote('ES', 5010, 5010.5));
    expect(p.position('U1', 'ES')?.unrealizedPnl).toBe(2 * 10.25 * 50);
  });

  it('reports P&L per currency and in base through FX, following rate changes', () => {
    const fx = new FxRates('USD');
    const p = new PositionKeeper((s) => bySymbol.get(s), fx);
    p.applyFill(fill('SAP', 'BUY', 100, 100, 2, 'EUR'));
    p.applyFill(fill('AAPL', 'BUY', 10, 50, 1));
    p.onQuote(quote('SAP', 109.99, 110.01));
    p.onQuote(quote('AAPL', 54.99, 55.01));
    let pnl = p.pnl();
    expect(pnl.missingRates).toEqual(['EUR']);
    expect(pnl.netPnlBase).toBe(49); // EUR left out: no rate
    fx.set('EUR', 1.1);
    pnl = p.pnl();
    expect(pnl.byCurrency).toEqual([
      { currency: 'EUR', realizedPnl: 0, unrealizedPnl: 1000, commissions: 2, netPnl: 998 },
      { currency: 'USD', realizedPnl: 0, unrealizedPnl: 50, commissions: 1, netPnl: 49 },
    ]);
    expect(pnl.netPnlBase).toBeCloseTo(998 * 1.1 + 49, 6);
    expect(p.netPnlBase()).toBeCloseTo(998 * 1.1 + 49, 6);
    fx.set('EUR', 1.2);
    expect(p.netPnlBase()).toBeCloseTo(998 * 1.2 + 49, 6);
    p.onQuote(quote('SAP', 99.99, 100.01));
    expect(p.netPnlBase()).toBeCloseTo(-2 * 1.2 + 49, 6);
  });
});
