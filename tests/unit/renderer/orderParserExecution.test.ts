// The ticket grammar's destinations and algorithms (issue 18): smart, twap/vwap with a duration, pov with a rate,
// iceberg with a display; each bad argument pointed at; and the resolver never sends one as a plain order.
import { describe, expect, it } from 'vitest';
import { parseOrderLine } from '../../../src/renderer/panels/ticket/orderParser';
import { resolveOrder } from '../../../src/renderer/panels/ticket/orderResolver';

const ok = (line: string) => {
  const r = parseOrderLine(line);
  if (!r.ok) throw new Error(`${line}: ${r.error.reason}`);
  return r.value;
};
const error = (line: string) => {
  const r = parseOrderLine(line);
  if (r.ok) throw new Error(`${line} parsed`);
  return { code: r.error.code, at: line.slice(r.error.start, r.error.end), incomplete: r.error.incomplete };
};

describe('ticket grammar: execution words', () => {
  it('parses the issue’s four examples', () => {
    expect(ok('buy 5000 X smart')).toMatchObject({ side: 'BUY', quantity: { value: 5000 }, symbol: 'X', type: 'MARKET', execution: { kind: 'SMART' }, urgency: null });
    expect(ok('sell 20000 Y twap 30m lmt 101.5')).toMatchObject({ side: 'SELL', type: 'LIMIT', limitPrice: 101.5, execution: { kind: 'TWAP', durationMs: 1_800_000 } });
    expect(ok('buy 10000 Z pov 10%')).toMatchObject({ type: 'MARKET', execution: { kind: 'POV', participation: 0.1 } });
    expect(ok('buy 3000 W lmt 50 iceberg 200')).toMatchObject({ type: 'LIMIT', limitPrice: 50, execution: { kind: 'ICEBERG', displayQuantity: 200 } });
  });

  it('takes vwap, an urgency, and plain orders still have no execution', () => {
    expect(ok('buy 100 A vwap 2h high')).toMatchObject({ execution: { kind: 'VWAP', durationMs: 7_200_000 }, urgency: 'HIGH' });
    expect(ok('buy 100 A lmt 10')).toMatchObject({ execution: null, urgency: null });
  });

  it('points at each bad argument, naming what is wrong', () => {
    expect(error('buy 100 A pov 60%')).toEqual({ code: 'BAD_PARTICIPATION', at: '60%', incomplete: false });
    expect(error('buy 100 A pov 0%')).toEqual({ code: 'BAD_PARTICIPATION', at: '0%', incomplete: false });
    expect(error('buy 100 A twap 30x')).toEqual({ code: 'BAD_DURATION', at: '30x', incomplete: false });
    expect(error('buy 100 A twap')).toMatchObject({ code: 'EXPECTED_DURATION', incomplete: true });
    expect(error('buy 100 A lmt 5 iceberg 200')).toEqual({ code: 'BAD_DISPLAY', at: 'iceberg 200', incomplete: false });
    expect(error('buy 300 A iceberg 200')).toMatchObject({ code: 'PRICE_REQUIRED', incomplete: true });
    expect(error('buy 300 A smart twap 5m')).toMatchObject({ code: 'DUPLICATE', at: 'twap' });
    expect(error('buy 300 A stp 5 smart')).toMatchObject({ code: 'CONFLICT', at: 'smart' });
    expect(error('bracket buy 300 A lmt 5 tp 6 sl 4 smart')).toMatchObject({ code: 'CONFLICT', at: 'smart' });
    expect(error('buy 300 A lmt 5 high')).toMatchObject({ code: 'CONFLICT', at: 'high' });
  });

  it('resolves an execution line to an execution request (never a plain order) with the plain order it amounts to', () => {
    const instrument = (symbol: string) => ({ symbol, name: symbol, assetClass: 'EQUITY' as const, currency: 'USD', exchange: 'SIM', sector: 'S', tickSize: 0.01, lotSize: 1, multiplier: 1 });
    const resolve = (line: string) => resolveOrder(ok(line), { instrument, position: () => 0 });
    expect(resolve('sell 20000 Y twap 30m lmt 101.5 high')).toEqual({
      ok: true,
      value: {
        kind: 'execution',
        request: { symbol: 'Y', side: 'SELL', quantity: 20000, limitPrice: 101.5, urgency: 'HIGH', style: { kind: 'TWAP', durationMs: 1_800_000 } },
        entry: { symbol: 'Y', side: 'SELL', type: 'LIMIT', quantity: 20000, timeInForce: 'DAY', limitPrice: 101.5 },
      },
    });
    expect(resolve('buy 5000 X smart ioc')).toMatchObject({ ok: true, value: { kind: 'execution', request: { limitPrice: null, style: { kind: 'SMART', ioc: true } } } });
    expect(resolve('buy 10000 Z pov 10%')).toMatchObject({ ok: true, value: { request: { style: { kind: 'POV', participation: 0.1, durationMs: 3_600_000 } } } });
    expect(resolve('buy 3000 W lmt 50 iceberg 200')).toMatchObject({ ok: true, value: { request: { limitPrice: 50, style: { kind: 'ICEBERG', displayQuantity: 200 } } } });
    expect(resolve('buy 3000 W lmt 50.001 iceberg 200')).toMatchObject({ ok: false, error: { code: 'PRICE_NOT_ON_TICK' } });
  });
});
