import { describe, expect, it } from 'vitest';
import { EXCHANGES, SECTORS, createUniverse, deriveSeed } from '../../../../src/core/market';
import { isOnIncrement } from '../../../../src/core/model/instrument';

describe('synthetic universe', () => {
  const universe = createUniverse(1);

  it('has at least 50 unique instruments across every sector and several currencies', () => {
    expect(universe.length).toBeGreaterThanOrEqual(50);
    expect(new Set(universe.map((i) => i.symbol)).size).toBe(universe.length);
    const sectors = new Set(universe.map((i) => i.sector));
    expect([...sectors].sort()).toEqual([...SECTORS].sort());
    for (const sector of SECTORS) expect(universe.filter((i) => i.sector === sector).length).toBeGreaterThanOrEqual(5);
    const currencies = new Set(universe.map((i) => i.currency));
    for (const currency of ['USD', 'EUR', 'GBP', 'JPY']) expect(currencies).toContain(currency);
  });

  it('uses each exchange’s tick, lot, currency and UTC offset, and plausible prices and volumes', () => {
    for (const instrument of universe) {
      const exchange = EXCHANGES[instrument.exchange];
      expect(exchange, instrument.symbol).toBeDefined();
      expect(instrument.currency).toBe(exchange?.currency);
      expect(instrument.tickSize).toBe(exchange?.tickSize);
      expect(instrument.lotSize).toBe(exchange?.lotSize);
      expect(instrument.utcOffsetMinutes).toBe(exchange?.utcOffsetMinutes);
      expect(isOnIncrement(instrument.referencePrice, instrument.tickSize), instrument.symbol).toBe(true);
      expect(instrument.referencePrice).toBeGreaterThan(1);
      expect(instrument.averageDailyVolume).toBeGreaterThanOrEqual(100_000);
      expect(instrument.marketBeta).toBeGreaterThan(0.3);
      expect(instrument.idiosyncraticVol).toBeGreaterThan(0.05);
    }
    expect(universe.filter((i) => i.currency === 'USD').every((i) => i.tickSize === 0.01)).toBe(true);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(createUniverse(1)).toEqual(universe);
    const other = createUniverse(2);
    expect(other.map((i) => i.symbol)).toEqual(universe.map((i) => i.symbol));
    expect(other.map((i) => i.marketBeta)).not.toEqual(universe.map((i) => i.marketBeta));
  });

  it('derives distinct sub-seeds per stream', () => {
    expect(deriveSeed(5, 'history')).toBe(deriveSeed(5, 'history'));
    expect(deriveSeed(5, 'history')).not.toBe(deriveSeed(5, 'feed'));
    expect(deriveSeed(5, 'history')).not.toBe(deriveSeed(6, 'history'));
  });
});
