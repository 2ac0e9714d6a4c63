// A stored symbol as a desk instrument (stated defaults), its refusals, and the simulated exchange's mark around the last close.
import { describe, expect, it } from 'vitest';
import { describeRealInstrumentError, markQuote, MARK_HALF_SPREAD_BPS, realInstrument, tickSizeFor, type StoredSymbol } from '../../../../src/core/data/realInstrument';
import { isOnIncrement } from '../../../../src/core/model/instrument';

const STORED: StoredSymbol = {
  symbol: 'AAPL',
  name: 'AAPL',
  assetClass: 'EQUITY',
  currency: 'USD',
  exchange: 'NMS',
  utcOffsetMinutes: -300,
  lastClose: 118.69,
  lastBarTime: Date.UTC(2020, 10, 6),
  averageDailyVolume: 117_000_000,
};

describe('realInstrument', () => {
  it('takes currency, exchange and time zone from the store and states the rest', () => {
    const r = realInstrument(STORED);
    expect(r).toEqual({
      ok: true,
      value: { symbol: 'AAPL', name: 'AAPL', assetClass: 'EQUITY', currency: 'USD', exchange: 'NMS', sector: 'UNCLASSIFIED', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300, averageDailyVolume: 117_000_000, source: 'stored-bars' },
    });
    expect(realInstrument({ ...STORED, sector: 'Technology', industry: 'Consumer Electronics' })).toMatchObject({ ok: true, value: { sector: 'Technology', industry: 'Consumer Electronics' } });
    // No volume from the provider: no ADV (the ADV limits then do not apply) rather than zero.
    const noVolume = realInstrument({ ...STORED, averageDailyVolume: 0 });
    expect(noVolume.ok && 'averageDailyVolume' in noVolume.value).toBe(false);
  });

  it('uses a cent tick from 1.00 up and a hundredth of a cent below', () => {
    expect(tickSizeFor(1)).toBe(0.01);
    expect(tickSizeFor(0.9999)).toBe(0.0001);
    expect(realInstrument({ ...STORED, lastClose: 0.42 })).toMatchObject({ ok: true, value: { tickSize: 0.0001 } });
  });

  it('refuses what it cannot trade, saying why', () => {
    const fx = realInstrument({ ...STORED, symbol: 'EURUSD=X', assetClass: 'FX' });
    expect(fx).toEqual({ ok: false, error: { code: 'ASSET_CLASS_NOT_TRADED', symbol: 'EURUSD=X', assetClass: 'FX' } });
    const noPrice = realInstrument({ ...STORED, lastClose: Number.NaN });
    expect(noPrice).toMatchObject({ ok: false, error: { code: 'NO_LAST_PRICE' } });
    if (!fx.ok) expect(describeRealInstrumentError(fx.error)).toBe('EURUSD=X is FX: only equities and ETFs from stored bars are traded on the desk');
    expect(describeRealInstrumentError({ code: 'SYMBOL_NOT_STORED', symbol: 'ZZZ' })).toContain('nautilus data fetch yahoo ZZZ');
  });
});

describe('markQuote', () => {
  const instrument = (over: Partial<StoredSymbol> = {}) => {
    const r = realInstrument({ ...STORED, ...over });
    if (!r.ok) throw new Error('not built');
    return r.value;
  };

  it('quotes 5 bp either side of the close, rounded outward to the tick, one minute of ADV deep', () => {
    const q = markQuote(instrument(), 118.69, 1_000);
    expect(MARK_HALF_SPREAD_BPS).toBe(5);
    // 118.69 × 5 bp = 0.0593: bid 118.6307 → 118.63, ask 118.7493 → 118.75.
    expect(q).toEqual({ symbol: 'AAPL', time: 1_000, bid: 118.63, ask: 118.75, bidSize: 300_000, askSize: 300_000, last: 118.69, volume: 0 });
  });

  it('keeps at least one tick of spread and a lot of size for cheap, thin names', () => {
    const cheap = instrument({ lastClose: 1.5, averageDailyVolume: 0 });
    const q = markQuote(cheap, 1.5, 0);
    expect(q.bid).toBe(1.49);
    expect(q.ask).toBe(1.51);
    expect(q.bidSize).toBe(1);
    for (const close of [0.4321, 3.07, 57.5, 1234.56]) {
      const i = instrument({ lastClose: close });
      const m = markQuote(i, close, 0);
      expect(m.ask - m.bid).toBeGreaterThanOrEqual(i.tickSize - 1e-12);
      expect(m.bid).toBeLessThan(close);
      expect(m.ask).toBeGreaterThan(close);
      expect(isOnIncrement(m.bid, i.tickSize) && isOnIncrement(m.ask, i.tickSize)).toBe(true);
    }
  });
});
