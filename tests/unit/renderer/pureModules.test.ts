// Formatters, denial sentences, limit headroom, live bars and marks: the renderer's pure helpers.
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/core/model/marketData';
import type { PositionSnapshot } from '../../../src/core/model/position';
import { change, formatMoney, formatPercent, formatPrice, formatQuantity, formatVolume, signClass } from '../../../src/renderer/panels/common/format';
import { describeOmsError } from '../../../src/renderer/panels/common/denialText';
import { headroomLines } from '../../../src/renderer/panels/ticket/headroom';
import { foldQuote } from '../../../src/renderer/panels/chart/liveBar';
import { markToQuote } from '../../../src/renderer/panels/positions/liveMark';
import { referenceClose } from '../../../src/renderer/panels/watchlist/referenceClose';

describe('format', () => {
  it('prices at the tick, at least two decimals, grouped', () => {
    expect(formatPrice(182.4)).toBe('182.40');
    expect(formatPrice(1.23456, 0.0001)).toBe('1.2346');
    expect(formatPrice(4850, 1)).toBe('4,850.00');
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice(Number.NaN)).toBe('—');
  });
  it('quantities, money with sign, percentages and compact volume', () => {
    expect(formatQuantity(1234567)).toBe('1,234,567');
    expect(formatQuantity(-0.5)).toBe('-0.5');
    expect(formatMoney(1234.567)).toBe('1,234.57');
    expect(formatMoney(12.3, true)).toBe('+12.30');
    expect(formatMoney(-12.3, true)).toBe('-12.30');
    expect(formatMoney(0, true)).toBe('0.00');
    expect(formatPercent(1.234)).toBe('+1.23%');
    expect(formatVolume(999)).toBe('999');
    expect(formatVolume(12_345)).toBe('12.3K');
    expect(formatVolume(4_200_000)).toBe('4.2M');
    expect(formatVolume(2.5e9)).toBe('2.5B');
  });
  it('change and sign class', () => {
    expect(change(110, 100)).toEqual({ abs: 10, pct: 10 });
    expect(change(110, 0)).toBeNull();
    expect(change(undefined, 100)).toBeNull();
    expect([signClass(1), signClass(-1), signClass(0), signClass(null)]).toEqual(['up', 'down', 'flat', 'flat']);
  });
});

describe('describeOmsError', () => {
  it('says what was breached, by how much and which limit', () => {
    expect(describeOmsError({ code: 'QUANTITY_EXCEEDS_MAX', quantity: 100, max: 50, limitId: 'q' })).toBe('quantity 100 exceeds max 50 (limit q)');
    expect(describeOmsError({ code: 'NOTIONAL_EXCEEDS_MAX', notional: 600000, max: 500000, limitId: 'n' })).toBe('notional 600,000.00 exceeds max 500,000.00 (limit n)');
    expect(describeOmsError({ code: 'KILL_SWITCH_ENGAGED', reason: 'panic' })).toBe('kill switch engaged: panic');
    expect(describeOmsError({ code: 'SYMBOL_CONCENTRATION_EXCEEDS_MAX', symbol: 'X', fraction: 0.6, maxFraction: 0.5, limitId: 'c' })).toBe('X would be 60.0% of equity, max 50.0% (limit c)');
    expect(describeOmsError({ code: 'INVALID_TRANSITION', from: 'Filled', event: 'CANCEL_REQUESTED' as never })).toBe('the order cannot CANCEL_REQUESTED while Filled');
  });
});

describe('headroomLines', () => {
  it('labels and formats each limit by its kind and flags the ones this order would exceed', () => {
    const lines = headroomLines([
      { id: 'q', kind: 'MAX_ORDER_QUANTITY', used: 60, limit: 100, headroom: 40 },
      { id: 'n', kind: 'MAX_ORDER_NOTIONAL', used: 12_000, limit: 10_000, headroom: -2_000 },
      { id: 'l', kind: 'MAX_LEVERAGE', used: 1.5, limit: 2, headroom: 0.5 },
    ]);
    expect(lines.map((x) => [x.id, x.label, x.text, x.breach])).toEqual([
      ['q', 'Order quantity', '40', false],
      ['n', 'Order notional', formatMoney(-2_000), true],
      ['l', 'Leverage', '50.0%', false],
    ]);
    expect(lines[1]?.ratio).toBeCloseTo(1.2, 10);
  });
});

const q = (time: number, last: number, volume: number, bid = last - 0.01, ask = last + 0.01): Quote => ({ symbol: 'X', time, bid, ask, bidSize: 1, askSize: 1, last, volume });

describe('foldQuote', () => {
  const start = { bar: { time: 60_000, open: 10, high: 10, low: 10, close: 10, volume: 5 }, sessionVolume: null };
  it('extends the bar in its period and opens a new one after', () => {
    let s = foldQuote(start, q(61_000, 11, 100), 60_000);
    expect(s).toMatchObject({ changed: true, opened: false, state: { bar: { high: 11, close: 11, volume: 5 }, sessionVolume: 100 } });
    s = foldQuote(s.state, q(62_000, 9, 130), 60_000);
    expect(s.state.bar).toEqual({ time: 60_000, open: 10, high: 11, low: 9, close: 9, volume: 35 });
    s = foldQuote(s.state, q(121_000, 9.5, 140), 60_000);
    expect(s).toMatchObject({ opened: true, state: { bar: { time: 120_000, open: 9.5, close: 9.5, volume: 10 } } });
  });
  it('ignores late quotes and bad prices', () => {
    expect(foldQuote(start, q(10_000, 11, 1), 60_000).changed).toBe(false);
    expect(foldQuote(start, q(61_000, Number.NaN, 1), 60_000).changed).toBe(false);
  });
});

describe('markToQuote and referenceClose', () => {
  const p: PositionSnapshot = { account: 'A', symbol: 'X', currency: 'USD', quantity: 100, averageCost: 10, markPrice: 10, realizedPnl: 0, unrealizedPnl: 0, commissions: 1, marketValue: 1000 };
  it('re-marks at the mid', () => {
    expect(markToQuote(p, q(1, 11, 0, 10.99, 11.03), 1)).toMatchObject({ markPrice: 11.01, unrealizedPnl: 101, marketValue: 1101 });
    expect(markToQuote(p, undefined)).toBe(p);
  });
  it('finds the last close before the quote day', () => {
    const day = 86_400_000;
    expect(referenceClose([0, day, 2 * day], [1, 2, 3], 2 * day + 5)).toBe(2);
    expect(referenceClose([0, day], [1, 2], 5 * day)).toBe(2);
    expect(referenceClose([day], [2], day + 1)).toBeNull();
  });
});
