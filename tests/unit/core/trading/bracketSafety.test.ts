// Brackets never leave a position unprotected: every leg validated before the entry goes out, exits take
// the entry's time in force, and a position that goes flat takes its working exits with it.
import { describe, expect, it } from 'vitest';
import type { BracketRequest } from '../../../../src/core/model/order';
import { harness, must, quote } from './fixtures';

const entry = (quantity = 100, limitPrice = 100.01, timeInForce: 'DAY' | 'GTC' | 'IOC' = 'DAY') =>
  ({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity, limitPrice, timeInForce }) as const;

function refusedWhole(request: BracketRequest) {
  const h = harness();
  h.tick(quote('AAPL', 100, 100.01));
  const result = h.oms.submitBracket(request);
  h.oms.flush();
  // Nothing of the bracket exists anywhere: no order, no journal record, no position.
  expect(h.oms.orders()).toEqual([]);
  expect(h.journal.committed.filter((r) => r.kind === 'ORDER_SUBMITTED')).toEqual([]);
  expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
  return result;
}

describe('bracket legs are validated before the entry is sent', () => {
  it('refuses an absurd take-profit (1e308) instead of filling the entry and losing the exit', () => {
    expect(refusedWhole({ entry: entry(), takeProfitPrice: 1e308, stopLossPrice: 98 })).toEqual({
      ok: false,
      error: { code: 'INVALID_BRACKET_LEG', leg: 'TAKE_PROFIT', denial: { code: 'PRICE_OUTSIDE_BAND', price: 1e308, referencePrice: 100.01, maxFactor: 3 } },
    });
  });

  it('refuses an off-tick take-profit or stop, naming the leg (refused, not silently moved)', () => {
    expect(refusedWhole({ entry: entry(), takeProfitPrice: 102.005, stopLossPrice: 98 })).toEqual({
      ok: false,
      error: { code: 'INVALID_BRACKET_LEG', leg: 'TAKE_PROFIT', denial: { code: 'PRICE_NOT_ON_TICK', price: 102.005, tickSize: 0.01 } },
    });
    expect(refusedWhole({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 97.999 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BRACKET_LEG', leg: 'STOP_LOSS', denial: { code: 'PRICE_NOT_ON_TICK' } },
    });
    expect(refusedWhole({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 98, stopLossLimitPrice: 97.955 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BRACKET_LEG', leg: 'STOP_LOSS_LIMIT', denial: { code: 'PRICE_NOT_ON_TICK' } },
    });
  });

  it('refuses non-finite, non-positive and far-away exit prices', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -5, 0]) {
      expect(refusedWhole({ entry: entry(), takeProfitPrice: 102, stopLossPrice: bad })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_BRACKET_LEG', leg: 'STOP_LOSS', denial: { code: 'PRICE_NOT_USABLE' } },
      });
    }
    expect(refusedWhole({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 30 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BRACKET_LEG', leg: 'STOP_LOSS', denial: { code: 'PRICE_OUTSIDE_BAND', referencePrice: 100.01 } },
    });
  });

  it('exits pass the same order-shape checks as the entry', () => {
    // A stop exit cannot rest as IOC: the stop-loss leg is refused before anything is sent.
    expect(refusedWhole({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 98, exitTimeInForce: 'IOC' as never })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BRACKET_LEG', leg: 'STOP_LOSS', denial: { code: 'UNSUPPORTED_TIME_IN_FORCE' } },
    });
  });

  it('normalizes float dust within the tick tolerance and places the exits on tick', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submitBracket({ entry: entry(), takeProfitPrice: 101.1 + 0.9000000000001, stopLossPrice: 98 }));
    h.oms.flush();
    const [, tp, sl] = h.oms.orders();
    expect(tp).toMatchObject({ bracketRole: 'TAKE_PROFIT', limitPrice: 102, status: 'Accepted' });
    expect(sl).toMatchObject({ bracketRole: 'STOP_LOSS', stopPrice: 98, status: 'Accepted' });
  });
});

describe('bracket exits and the position they protect', () => {
  it('exits take the entry time in force unless given (an IOC entry rests its exits for the DAY)', () => {
    for (const [tif, given, expected] of [
      ['DAY', undefined, 'DAY'],
      ['GTC', undefined, 'GTC'],
      ['IOC', undefined, 'DAY'],
      ['DAY', 'GTC', 'GTC'],
    ] as const) {
      const h = harness();
      h.tick(quote('AAPL', 100, 100.01));
      const placed = must(h.oms.submitBracket({ entry: entry(100, 100.01, tif), takeProfitPrice: 102, stopLossPrice: 98, ...(given ? { exitTimeInForce: given } : {}) }));
      h.oms.flush();
      const exits = h.oms.orders().filter((o) => o.parentId === placed.clientOrderId);
      expect(exits.map((o) => [o.bracketRole, o.timeInForce])).toEqual([
        ['TAKE_PROFIT', expected],
        ['STOP_LOSS', expected],
      ]);
    }
  });

  it('a position closed by hand cancels the working exits, with the reason journaled', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const placed = must(h.oms.submitBracket({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 98 }));
    h.oms.flush();
    const exits = h.oms.orders().filter((o) => o.parentId === placed.clientOrderId);
    expect(exits.map((o) => o.status)).toEqual(['Accepted', 'Accepted']);
    // Closed by hand, not by flatten: a plain market sell of the whole position.
    must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
    h.oms.flush();
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
    expect(exits.map((o) => o.status)).toEqual(['Canceled', 'Canceled']);
    const cancels = h.journal.committed.filter((r) => r.kind === 'ORDER_CANCEL_REQUESTED');
    expect(cancels.map((r) => [r.clientOrderId, r.reason])).toEqual(exits.map((o) => [o.clientOrderId, 'POSITION_FLAT']));
    // Nothing left that could open a short.
    h.tick(quote('AAPL', 97, 97.01, 10));
    h.tick(quote('AAPL', 103, 103.01, 20));
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
  });

  it('a position reversed by hand (sell 300 while long 100) cancels the exits, which would grow the short', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const placed = must(h.oms.submitBracket({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 98 }));
    h.oms.flush();
    must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 300, timeInForce: 'DAY' }));
    h.oms.flush();
    expect(h.positions.quantity('U1', 'AAPL')).toBe(-200);
    const exits = h.oms.orders().filter((o) => o.parentId === placed.clientOrderId);
    expect(exits.map((o) => o.status)).toEqual(['Canceled', 'Canceled']);
    const reasons = h.journal.committed.flatMap((r) => (r.kind === 'ORDER_CANCEL_REQUESTED' ? [r.reason] : []));
    expect(reasons).toEqual(['POSITION_REVERSED', 'POSITION_REVERSED']);
    h.tick(quote('AAPL', 97, 97.01, 10));
    h.tick(quote('AAPL', 103, 103.01, 20));
    expect(h.positions.quantity('U1', 'AAPL')).toBe(-200);
  });

  it('a partial close leaves the exits working (only flat or reversed cancels them)', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const placed = must(h.oms.submitBracket({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 98 }));
    h.oms.flush();
    must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 40, timeInForce: 'DAY' }));
    h.oms.flush();
    const exits = h.oms.orders().filter((o) => o.parentId === placed.clientOrderId);
    expect(exits.map((o) => o.status)).toEqual(['Accepted', 'Accepted']);
  });

  it('an entry that closes an opposite position activates no exits (they would open a new one)', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
    h.oms.flush();
    const placed = must(h.oms.submitBracket({ entry: entry(), takeProfitPrice: 102, stopLossPrice: 98 }));
    h.oms.flush();
    expect(placed.status).toBe('Filled');
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
    expect(h.oms.workingOrders()).toEqual([]);
  });
});
