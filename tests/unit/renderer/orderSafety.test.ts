// Order safety in the renderer's pure parts: precautionary checks, the fuzzy symbol scorer, palette ranking, the
// blotter's grouping and id-anchored cursor, and the ticket's destination.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/core/model/order';
import type { IbConnectionStatus } from '../../../src/shared/contracts/ib';
import { cursorIndex, orderRows, DEFAULT_ORDER_SORT } from '../../../src/renderer/panels/blotter/blotterRows';
import { averageDailyVolume } from '../../../src/renderer/panels/ticket/marketFacts';
import { checkPrecautions, DEFAULT_PRECAUTIONS, describeResult, parsePrecautionSettings, type PrecautionMarket, type PrecautionOrder } from '../../../src/renderer/panels/ticket/precautions';
import { filterCommands, type PaletteCommand } from '../../../src/renderer/state/commandRegistry';
import { destinationOf } from '../../../src/renderer/state/destination';
import { scoreSymbol, searchSymbols } from '../../../src/renderer/state/symbolSearch';

const order = (o: Partial<PrecautionOrder> = {}): PrecautionOrder => ({ intent: 'buy', side: 'BUY', symbol: 'NVTX', quantity: 100, price: 38.9, ...o });
const market = (m: Partial<PrecautionMarket> = {}): PrecautionMarket => ({ position: 0, marketPrice: 38.9, notionalBase: 3_890, baseCurrency: 'USD', averageDailyVolume: 2_000_000, ...m });

describe('precautionary checks', () => {
  it('passes an ordinary order', () => {
    expect(checkPrecautions(order(), market(), DEFAULT_PRECAUTIONS)).toEqual({ kind: 'clear' });
  });
  it('asks for 10,000 instead of 100, naming size and notional and by how much', () => {
    const v = checkPrecautions(order({ quantity: 10_000 }), market({ notionalBase: 389_000 }), DEFAULT_PRECAUTIONS);
    expect(v.kind).toBe('confirm');
    if (v.kind !== 'confirm') return;
    expect(v.checks.map((c) => c.code)).toEqual(['SIZE', 'NOTIONAL']);
    expect(v.checks[0]!.text).toBe('Size: 10,000 sh is over 1,000 sh (10.0×)');
    expect(v.checks[1]!.text).toBe('Notional: 389,000.00 USD is over 100,000.00 USD (3.9×)');
  });
  it('asks when the price is far from the market and when the quantity is a large share of volume', () => {
    const v = checkPrecautions(order({ price: 42 }), market({ averageDailyVolume: 5_000 }), DEFAULT_PRECAUTIONS);
    expect(v.kind === 'confirm' && v.checks.map((c) => c.code)).toEqual(['PRICE_FROM_MARKET', 'ADV']);
    expect(v.kind === 'confirm' && v.checks[0]!.text).toBe('Price: 42 is 8.0% above the market 38.9 (over 3.0%)');
    expect(v.kind === 'confirm' && v.checks[1]!.text).toMatch(/^Volume: 100 sh is 2\.0% of the average daily volume 5,000 \(over 1\.0%\)$/);
  });
  it('a limit away from the market on the resting side does not ask; a sell through it does', () => {
    expect(checkPrecautions(order({ price: 30 }), market(), DEFAULT_PRECAUTIONS)).toEqual({ kind: 'clear' });
    expect(checkPrecautions(order({ intent: 'short', side: 'SELL', price: 3.89 }), market(), DEFAULT_PRECAUTIONS)).toMatchObject({ kind: 'confirm', checks: [{ code: 'PRICE_FROM_MARKET', text: 'Price: 3.89 is 90% below the market 38.9 (over 3.0%)' }] });
  });
  it('a check set to 0 is off; unknown notional or volume is not guessed', () => {
    const off = { ...DEFAULT_PRECAUTIONS, maxShares: 0 };
    expect(checkPrecautions(order({ quantity: 10_000 }), market({ notionalBase: null, averageDailyVolume: null }), off)).toEqual({ kind: 'clear' });
  });
  it('asks before a buy reverses a short', () => {
    const v = checkPrecautions(order({ quantity: 300 }), market({ position: -100 }), DEFAULT_PRECAUTIONS);
    expect(v).toEqual({ kind: 'confirm', checks: [{ code: 'REVERSAL', text: 'Reversal: NVTX goes from -100 to 200' }] });
    expect(checkPrecautions(order({ quantity: 300 }), market({ position: -100 }), { ...DEFAULT_PRECAUTIONS, confirmReversal: false })).toEqual({ kind: 'clear' });
  });
  it('refuses sell beyond the long and cover when not short, or asks when set to', () => {
    const sell = order({ intent: 'sell', side: 'SELL', quantity: 300 });
    expect(checkPrecautions(sell, market({ position: 100 }), DEFAULT_PRECAUTIONS)).toMatchObject({ kind: 'refuse', reason: { code: 'SELL_BEYOND_LONG', text: expect.stringContaining('more than your long 100') } });
    expect(checkPrecautions(order({ intent: 'sell', side: 'SELL' }), market({ position: 0 }), DEFAULT_PRECAUTIONS)).toMatchObject({ kind: 'refuse', reason: { code: 'SELL_BEYOND_LONG' } });
    expect(checkPrecautions(order({ intent: 'sell', side: 'SELL', quantity: 100 }), market({ position: 100 }), DEFAULT_PRECAUTIONS)).toEqual({ kind: 'clear' });
    const cover = order({ intent: 'cover', side: 'BUY' });
    expect(checkPrecautions(cover, market({ position: 100 }), DEFAULT_PRECAUTIONS)).toMatchObject({ kind: 'refuse', reason: { code: 'COVER_BEYOND_SHORT', text: expect.stringContaining('not short NVTX (long 100)') } });
    expect(checkPrecautions(cover, market({ position: -100 }), DEFAULT_PRECAUTIONS)).toEqual({ kind: 'clear' });
    expect(checkPrecautions(sell, market({ position: 100 }), { ...DEFAULT_PRECAUTIONS, intentMismatch: 'confirm' })).toMatchObject({ kind: 'confirm', checks: [{ code: 'SELL_BEYOND_LONG' }] });
  });
  it('describes the resulting position', () => {
    expect(describeResult(100, -200)).toBe('→ −200, REVERSES');
    expect(describeResult(100, 300)).toBe('→ 300');
    expect(describeResult(100, 0)).toBe('→ 0, FLAT');
  });
  it('reads stored settings field by field, keeping defaults for junk', () => {
    expect(parsePrecautionSettings({ maxShares: 500, maxNotional: 'x', maxPercentFromMarket: -1, maxPercentOfAdv: Infinity, intentMismatch: 'confirm' })).toEqual({ ...DEFAULT_PRECAUTIONS, maxShares: 500, intentMismatch: 'confirm' });
    expect(parsePrecautionSettings(null)).toBe(DEFAULT_PRECAUTIONS);
  });
  it('averages the volume of completed days only', () => {
    const day = 86_400_000;
    expect(averageDailyVolume([0, day, 2 * day], [100, 300, 5], 2 * day + 1)).toBe(200);
    expect(averageDailyVolume([], [], 0)).toBeNull();
  });
});

describe('fuzzy symbol search', () => {
  const items = [
    { symbol: 'NVTX', name: 'Novatex Systems' },
    { symbol: 'NV', name: 'Envision Labs' },
    { symbol: 'SMCN', name: 'Semicon Holdings' },
    { symbol: 'QBIT', name: 'Quantum Bit Corp' },
    { symbol: 'TEXN', name: 'Northern Texas Oil' },
  ];
  it('ranks exact ticker, then ticker prefix, then name prefix, then word start, then subsequence', () => {
    expect(scoreSymbol('nv', items[1]!)).toBe(1000);
    expect(scoreSymbol('NV', items[0]!)! > scoreSymbol('NV', { symbol: 'ABC', name: 'Nvidia' })!).toBe(true);
    expect(scoreSymbol('semi', items[2]!)! > scoreSymbol('semi', { symbol: 'X', name: 'Big Semis' })!).toBe(true);
    expect(scoreSymbol('bit', items[3]!)! > scoreSymbol('bit', { symbol: 'BXIXT', name: 'Z' })!).toBe(true);
    expect(scoreSymbol('smn', items[2]!)).not.toBeNull();
    expect(scoreSymbol('zzz', items[2]!)).toBeNull();
    expect(scoreSymbol('  ', items[2]!)).toBeNull();
  });
  it('searches ticker and name, best first', () => {
    expect(searchSymbols('tex', items).map((m) => m.item.symbol)).toEqual(['TEXN', 'NVTX']);
    expect(searchSymbols('quantum', items).map((m) => m.item.symbol)).toEqual(['QBIT']);
    expect(searchSymbols('nv', items, 1).map((m) => m.item.symbol)).toEqual(['NV']);
  });
});

describe('palette ranking', () => {
  const cmd = (id: string, title: string, destructive = false): PaletteCommand => ({ id, title, destructive, run: () => undefined });
  const commands = [cmd('orders.cancelAll', 'Cancel all working orders', true), cmd('focus.blotter', 'Focus Blotter'), cmd('positions.flatten', 'Flatten NVTX (100 sh long)', true), cmd('theme', 'Toggle theme')];
  it('never puts a destructive command first while a safe one matches, even when used most recently', () => {
    expect(filterCommands(commands, '', ['orders.cancelAll', 'theme'])[0]!.id).toBe('theme');
    expect(filterCommands(commands, '', []).map((c) => c.id)).toEqual(['focus.blotter', 'theme', 'orders.cancelAll', 'positions.flatten']);
    expect(filterCommands(commands, '', ['positions.flatten']).slice(2).map((c) => c.id)).toEqual(['positions.flatten', 'orders.cancelAll']);
    expect(filterCommands(commands, 'cancel').map((c) => c.id)).toEqual(['orders.cancelAll']);
  });
});

describe('blotter rows', () => {
  const o = (id: string, createdAt: number, extra: Partial<Order> = {}): Order => ({
    clientOrderId: id, account: 'A', symbol: 'NVTX', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 1, limitPrice: 1, stopPrice: null, reduceOnly: false, tag: null, createdAt,
    parentId: null, bracketRole: null, bracket: null, venue: 'SIM', status: 'Accepted', venueOrderId: null, filledQuantity: 0, averageFillPrice: 0, commission: 0, updatedAt: createdAt, rejectReason: null, pendingModification: null, ...extra,
  });
  it('sorts by submit time, newest first, with bracket legs under their parent', () => {
    const orders = { P: o('P', 10, { bracketRole: 'ENTRY' }), X: o('X', 20), SL: o('SL', 11, { parentId: 'P', bracketRole: 'STOP_LOSS' }), TP: o('TP', 11, { parentId: 'P', bracketRole: 'TAKE_PROFIT' }), Y: o('Y', 5, { updatedAt: 99 }) };
    expect(orderRows(orders, false, DEFAULT_ORDER_SORT).map((r) => r.clientOrderId)).toEqual(['X', 'P', 'SL', 'TP', 'Y']);
    // A leg whose parent is filtered out (working only) stands on its own.
    expect(orderRows({ ...orders, P: o('P', 10, { status: 'Filled' }) }, true, DEFAULT_ORDER_SORT).map((r) => r.clientOrderId)).toEqual(['X', 'TP', 'SL', 'Y']);
  });
  it('keeps the cursor on its order when rows re-sort, else at its position', () => {
    expect(cursorIndex(['a', 'b', 'c'], 'b', 0)).toBe(1);
    expect(cursorIndex(['b', 'c', 'a'], 'b', 1)).toBe(0);
    expect(cursorIndex(['c', 'a'], 'b', 5)).toBe(1);
    expect(cursorIndex([], 'b', 1)).toBe(-1);
  });
});

describe('ticket destination', () => {
  const ib = (s: Partial<IbConnectionStatus>): IbConnectionStatus => ({ state: 'connected', canTrade: true, profile: { name: 'TWS paper', host: '127.0.0.1', port: 7497, clientId: 17 }, since: 0, reason: null, attempt: 0, nextAttemptAt: null, serverVersion: 176, lastReconciledAt: 0, ...s });
  it('names SIM, IB PAPER and IB LIVE, and says when IB cannot trade', () => {
    expect(destinationOf('SIM', undefined)).toEqual({ label: 'SIM', live: false, canTrade: true, reason: null });
    // Every venue of the simulated market is paper, not only its primary one.
    expect(destinationOf('SIM-C', undefined)).toEqual({ label: 'SIM-C', live: false, canTrade: true, reason: null });
    expect(destinationOf('IB', ib({}))).toMatchObject({ label: 'IB PAPER', live: false, canTrade: true });
    expect(destinationOf('IB', ib({ profile: { name: 'TWS LIVE', host: '127.0.0.1', port: 7496, clientId: 17 } }))).toMatchObject({ label: 'IB LIVE', live: true });
    expect(destinationOf('IB', ib({ state: 'disconnected', canTrade: false, profile: null }))).toMatchObject({ label: 'IB LIVE', canTrade: false, reason: 'IB is disconnected: the order would be refused' });
  });
});
