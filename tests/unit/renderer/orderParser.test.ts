// The ticket grammar: every form it accepts, and every error with its code, position and reason.
import { describe, expect, it } from 'vitest';
import { parseOrderLine, type ParseErrorCode } from '../../../src/renderer/panels/ticket/orderParser';

const ok = (line: string) => {
  const r = parseOrderLine(line);
  if (!r.ok) throw new Error(`expected ${line} to parse: ${r.error.reason}`);
  return r.value;
};
const bad = (line: string) => {
  const r = parseOrderLine(line);
  if (r.ok) throw new Error(`expected ${line} to fail`);
  return r.error;
};

describe('parseOrderLine: accepted forms', () => {
  it('a limit order with time in force', () => {
    const o = ok('buy 100 AAPL lmt 187.5 gtc');
    expect(o).toMatchObject({ intent: 'buy', side: 'BUY', quantity: { kind: 'units', value: 100 }, symbol: 'AAPL', type: 'LIMIT', limitPrice: 187.5, stopPrice: null, timeInForce: 'GTC', reduceOnly: false, bracket: null });
    expect(o.spans.limitPrice).toEqual({ start: 17, end: 22 });
    expect(o.spans.symbol).toEqual({ start: 8, end: 12 });
  });
  it('a percentage of the position at market', () => {
    expect(ok('sell 50% MSFT mkt')).toMatchObject({ side: 'SELL', quantity: { kind: 'percent', value: 50 }, type: 'MARKET', timeInForce: 'DAY' });
  });
  it('short is a sell, cover is a buy', () => {
    expect(ok('short 200 XOM stp 101.2')).toMatchObject({ intent: 'short', side: 'SELL', type: 'STOP', stopPrice: 101.2, limitPrice: null });
    expect(ok('cover 200 XOM mkt')).toMatchObject({ intent: 'cover', side: 'BUY' });
  });
  it('a bracket with take-profit and stop-loss', () => {
    const o = ok('bracket buy 100 NVDA lmt 120 tp 130 sl 115');
    expect(o).toMatchObject({ type: 'LIMIT', limitPrice: 120, bracket: { takeProfitPrice: 130, stopLossPrice: 115 } });
    expect(o.spans.takeProfit).toEqual({ start: 32, end: 35 });
  });
  it('stop and limit together make a stop-limit', () => {
    expect(ok('sell 10 ABC stp 9.5 lmt 9.4')).toMatchObject({ type: 'STOP_LIMIT', stopPrice: 9.5, limitPrice: 9.4 });
  });
  it('a market order only with an explicit mkt; keywords are case-insensitive; the symbol is upper-cased', () => {
    expect(ok('BUY 5 nvtx MKT')).toMatchObject({ type: 'MARKET', symbol: 'NVTX', timeInForce: 'DAY' });
    expect(ok('Buy 5 NVTX LMT 1 IOC')).toMatchObject({ type: 'LIMIT', timeInForce: 'IOC' });
  });
  it('@ is a limit, attached or spaced', () => {
    expect(ok('buy 5 NVTX @182.4')).toMatchObject({ type: 'LIMIT', limitPrice: 182.4 });
    expect(ok('buy 5 NVTX @ 182.4 fok')).toMatchObject({ limitPrice: 182.4, timeInForce: 'FOK' });
  });
  it('long keywords, b/s shorthands, reduce-only, decimals and symbols with separators', () => {
    expect(ok('b 1.5 BRK.B limit 400 day ro')).toMatchObject({ side: 'BUY', quantity: { value: 1.5 }, symbol: 'BRK.B', reduceOnly: true, limitPrice: 400 });
    expect(ok('s 3 EUR/USD market')).toMatchObject({ side: 'SELL', symbol: 'EUR/USD', type: 'MARKET' });
    expect(ok('sell 100% RDS-A stop 12 reduce')).toMatchObject({ quantity: { kind: 'percent', value: 100 }, type: 'STOP', reduceOnly: true });
  });
  it('clauses in any order, extra spaces ignored', () => {
    expect(ok('  buy   10  ABC  gtc   lmt  2.5 ')).toMatchObject({ timeInForce: 'GTC', limitPrice: 2.5 });
    expect(ok('buy 10 ABC gtc mkt')).toMatchObject({ timeInForce: 'GTC', type: 'MARKET' });
    expect(ok('bracket sell 10 ABC sl 12 tp 8 lmt 10')).toMatchObject({ bracket: { takeProfitPrice: 8, stopLossPrice: 12 } });
  });
});

describe('parseOrderLine: a missing price is never a market order', () => {
  it('refuses a line without a price or mkt, pointing at the symbol', () => {
    expect(bad('buy 100 NVTX')).toMatchObject({ code: 'PRICE_REQUIRED', reason: 'price or mkt required', start: 8, end: 12, incomplete: true });
    expect(bad('buy 100 NVTX ')).toMatchObject({ code: 'PRICE_REQUIRED', start: 8, end: 12 });
    expect(bad('sell 100 NVTX gtc ro')).toMatchObject({ code: 'PRICE_REQUIRED', start: 9, end: 13 });
    expect(bad('bracket buy 100 NVTX tp 130 sl 115')).toMatchObject({ code: 'PRICE_REQUIRED' });
  });
});

describe('parseOrderLine: errors with position and reason', () => {
  const cases: Array<[line: string, code: ParseErrorCode, start: number, end: number, incomplete: boolean, reason: RegExp]> = [
    ['', 'EMPTY', 0, 0, true, /type an order/],
    ['   ', 'EMPTY', 3, 3, true, /type an order/],
    ['bracket', 'EXPECTED_SIDE', 7, 7, true, /expected buy, sell, short or cover/],
    ['purchase 100 ABC', 'EXPECTED_SIDE', 0, 8, false, /“purchase” is not a side/],
    ['buy', 'EXPECTED_QUANTITY', 3, 3, true, /expected a quantity/],
    ['buy ten ABC', 'BAD_QUANTITY', 4, 7, false, /“ten” is not a quantity/],
    ['buy 0 ABC', 'BAD_QUANTITY', 4, 5, false, /greater than 0/],
    ['buy -5 ABC', 'BAD_QUANTITY', 4, 6, false, /not a quantity/],
    ['sell 0% ABC', 'BAD_PERCENT', 5, 7, false, /above 0 and at most 100/],
    ['sell 150% ABC', 'BAD_PERCENT', 5, 9, false, /at most 100/],
    ['sell x% ABC', 'BAD_PERCENT', 5, 7, false, /above 0/],
    ['buy 100', 'EXPECTED_SYMBOL', 7, 7, true, /expected a symbol/],
    ['buy 100 $ABC', 'BAD_SYMBOL', 8, 12, false, /“\$ABC” is not a symbol/],
    ['buy 100 ABC lmt', 'EXPECTED_PRICE', 15, 15, true, /limit price after “lmt”/],
    ['buy 100 ABC stp', 'EXPECTED_PRICE', 15, 15, true, /stop price after “stp”/],
    ['buy 100 ABC lmt abc', 'BAD_PRICE', 16, 19, false, /“abc” is not a price/],
    ['buy 100 ABC lmt 0', 'BAD_PRICE', 16, 17, false, /limit price must be greater than 0/],
    ['buy 100 ABC lmt 1 lmt 2', 'DUPLICATE', 18, 21, false, /“lmt” is given twice/],
    ['buy 100 ABC gtc day', 'DUPLICATE', 16, 19, false, /time in force given twice \(gtc and day\)/],
    ['buy 100 ABC mkt mkt', 'DUPLICATE', 16, 19, false, /given twice/],
    ['buy 100 ABC ro ro', 'DUPLICATE', 15, 17, false, /given twice/],
    ['buy 100 ABC stp 1 stp 2', 'DUPLICATE', 18, 21, false, /given twice/],
    ['buy 100 ABC mkt lmt 5', 'CONFLICT', 16, 19, false, /market order takes no limit price/],
    ['buy 100 ABC mkt stp 5', 'CONFLICT', 16, 19, false, /market order takes no stop price/],
    ['buy 100 ABC lmt 5 mkt', 'CONFLICT', 18, 21, false, /takes no limit or stop price/],
    ['buy 100 ABC now', 'UNKNOWN_WORD', 12, 15, false, /“now” is not understood here/],
    ['buy 100 ABC tp 5', 'EXIT_WITHOUT_BRACKET', 12, 14, false, /start the line with “bracket”/],
    ['bracket buy 100 ABC lmt 10 tp 12', 'BRACKET_INCOMPLETE', 32, 32, true, /add sl <price>/],
    ['bracket buy 100 ABC lmt 10 sl 9', 'BRACKET_INCOMPLETE', 31, 31, true, /add tp <price>/],
    ['bracket buy 100 ABC tp 12 tp 13 sl 9', 'DUPLICATE', 26, 28, false, /given twice/],
    ['bracket buy 100 ABC tp', 'EXPECTED_PRICE', 22, 22, true, /take-profit price after “tp”/],
    ['bracket buy 100 ABC tp 12 sl x', 'BAD_PRICE', 29, 30, false, /not a price/],
  ];
  it.each(cases)('%j → %s at [%i, %i)', (line, code, start, end, incomplete, reason) => {
    const e = bad(line);
    expect(e).toMatchObject({ code, start, end, incomplete });
    expect(e.reason).toMatch(reason);
  });
  it('the bracket keyword only counts first', () => {
    expect(bad('buy 100 ABC bracket').code).toBe('UNKNOWN_WORD');
  });
});
