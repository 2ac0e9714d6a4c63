// Resolving a parsed line against instruments and positions: lots, ticks, percentages and bracket sanity.
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src/core/model/instrument';
import { parseOrderLine } from '../../../src/renderer/panels/ticket/orderParser';
import { resolveOrder, type ResolveContext } from '../../../src/renderer/panels/ticket/orderResolver';
import { nudgePrice, startOrderLine } from '../../../src/renderer/panels/ticket/ticketText';

const inst = (symbol: string, tickSize = 0.01, lotSize = 1): Instrument => ({ symbol, name: symbol, assetClass: 'EQUITY', currency: 'USD', exchange: 'SIM', sector: 'X', tickSize, lotSize, multiplier: 1 });
const instruments: Record<string, Instrument> = { NVTX: inst('NVTX'), KYTO: inst('KYTO', 1, 100) };
const ctx = (positions: Record<string, number> = {}): ResolveContext => ({ instrument: (s) => instruments[s], position: (s) => positions[s] ?? 0 });
const resolve = (line: string, positions?: Record<string, number>) => {
  const parsed = parseOrderLine(line);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return resolveOrder(parsed.value, ctx(positions));
};

describe('resolveOrder', () => {
  it('builds a single order request', () => {
    expect(resolve('buy 100 NVTX lmt 182.4 gtc')).toEqual({ ok: true, value: { kind: 'single', request: { symbol: 'NVTX', side: 'BUY', type: 'LIMIT', quantity: 100, timeInForce: 'GTC', limitPrice: 182.4 } } });
    expect(resolve('sell 5 NVTX mkt ro')).toMatchObject({ ok: true, value: { request: { reduceOnly: true, type: 'MARKET' } } });
  });
  it('builds a bracket request', () => {
    expect(resolve('bracket buy 100 NVTX lmt 120 tp 130 sl 115')).toEqual({
      ok: true,
      value: { kind: 'bracket', request: { entry: { symbol: 'NVTX', side: 'BUY', type: 'LIMIT', quantity: 100, timeInForce: 'DAY', limitPrice: 120 }, takeProfitPrice: 130, stopLossPrice: 115 } },
    });
  });
  it('refuses an unknown symbol at the symbol', () => {
    expect(resolve('buy 1 ZZZZ mkt')).toEqual({ ok: false, error: { code: 'UNKNOWN_SYMBOL', reason: 'no instrument ZZZZ', start: 6, end: 10 } });
  });
  it('takes a percentage of the position, rounded down to the lot', () => {
    expect(resolve('sell 50% NVTX mkt', { NVTX: 301 })).toMatchObject({ ok: true, value: { request: { side: 'SELL', quantity: 150 } } });
    expect(resolve('cover 25% KYTO mkt', { KYTO: -1000 })).toMatchObject({ ok: true, value: { request: { side: 'BUY', quantity: 200 } } });
  });
  it('refuses a percentage without a position, on the wrong side, or below one lot', () => {
    expect(resolve('sell 50% NVTX mkt')).toMatchObject({ ok: false, error: { code: 'NO_POSITION', start: 5, end: 8 } });
    expect(resolve('buy 50% NVTX mkt', { NVTX: 100 })).toMatchObject({ ok: false, error: { code: 'PERCENT_WRONG_SIDE', start: 0, end: 3, reason: '50% of a long position is a sell' } });
    expect(resolve('sell 10% KYTO mkt', { KYTO: 500 })).toMatchObject({ ok: false, error: { code: 'QUANTITY_ROUNDS_TO_ZERO' } });
  });
  it('refuses quantities off the lot and prices off the tick, pointing at them', () => {
    expect(resolve('buy 150 KYTO mkt')).toMatchObject({ ok: false, error: { code: 'QUANTITY_NOT_ON_LOT', start: 4, end: 7 } });
    expect(resolve('buy 1 NVTX lmt 182.405')).toMatchObject({ ok: false, error: { code: 'PRICE_NOT_ON_TICK', start: 15, end: 22 } });
    expect(resolve('buy 100 KYTO stp 4850.5')).toMatchObject({ ok: false, error: { code: 'PRICE_NOT_ON_TICK', start: 17, end: 23 } });
    expect(resolve('bracket buy 1 NVTX mkt tp 130.001 sl 1')).toMatchObject({ ok: false, error: { code: 'PRICE_NOT_ON_TICK', start: 26, end: 33 } });
  });
  it('refuses brackets whose exits are on the wrong side', () => {
    expect(resolve('bracket buy 1 NVTX lmt 120 tp 110 sl 100')).toMatchObject({ ok: false, error: { code: 'INVALID_BRACKET', reason: 'the take-profit must be above the entry 120' } });
    expect(resolve('bracket buy 1 NVTX lmt 120 tp 130 sl 125')).toMatchObject({ ok: false, error: { code: 'INVALID_BRACKET', reason: 'the stop-loss must be below the entry 120' } });
    expect(resolve('bracket sell 1 NVTX mkt tp 130 sl 125')).toMatchObject({ ok: false, error: { code: 'INVALID_BRACKET', reason: 'for a sell the take-profit must be below the stop-loss' } });
    expect(resolve('bracket sell 1 NVTX lmt 120 tp 110 sl 125')).toMatchObject({ ok: true });
  });
});

describe('ticket line edits', () => {
  it('starts a line for the selected symbol', () => {
    expect(startOrderLine('sell', 'NVTX', 100)).toBe('sell 100 NVTX ');
  });
  it('nudges the limit price, else the stop, by ticks', () => {
    expect(nudgePrice('buy 100 NVTX lmt 182.4 gtc', 1, 0.01)).toBe('buy 100 NVTX lmt 182.41 gtc');
    expect(nudgePrice('buy 100 NVTX lmt 182.4', -3, 0.01)).toBe('buy 100 NVTX lmt 182.37');
    expect(nudgePrice('short 200 XOM stp 101.2', 1, 0.05)).toBe('short 200 XOM stp 101.25');
    expect(nudgePrice('buy 100 KYTO lmt 4850', 2, 1)).toBe('buy 100 KYTO lmt 4852');
  });
  it('turns a market line into a limit at the reference price, and never goes below one tick', () => {
    expect(nudgePrice('buy 100 NVTX mkt', 1, 0.01, 182.4)).toBe('buy 100 NVTX lmt 182.41');
    expect(nudgePrice('buy 100 NVTX', -1, 0.01, 182.4)).toBe('buy 100 NVTX lmt 182.39');
    expect(nudgePrice('buy 1 NVTX lmt 0.01', -5, 0.01)).toBe('buy 1 NVTX lmt 0.01');
  });
  it('leaves incomplete lines and lines without a reference alone', () => {
    expect(nudgePrice('buy 100 NVTX lmt', 1, 0.01, 10)).toBe('buy 100 NVTX lmt');
    expect(nudgePrice('buy 100 NVTX', 1, 0.01)).toBe('buy 100 NVTX');
    expect(nudgePrice('buy 100 NVTX ', 1, 0.01)).toBe('buy 100 NVTX ');
  });
});
