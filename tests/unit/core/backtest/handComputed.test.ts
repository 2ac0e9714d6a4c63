// sma-cross on eight bars, every figure worked out by hand (see the comments), to the cent.
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../../src/core/backtest';
import { bars, CONFIG, sample, series } from './fixtures';

// fast = 2, slow = 3. SMA(2) > SMA(3) first at bar 3 (11 > 10.67): buy with the 10,000 sleeve at bar 4's open 13
// → floor(10,000 / 13) = 769 shares. At bar 6, SMA(2) 12 ≤ SMA(3) 12.67: sell 769 at bar 7's open 10.
const ROWS = [
  { o: 10, c: 10 },
  { o: 10, c: 10 },
  { o: 10, c: 10 },
  { o: 11, c: 12 },
  { o: 13, c: 14 },
  { o: 14, c: 13 },
  { o: 12, c: 11 },
  { o: 10, c: 9 },
];

describe('backtest: a hand-computed sma-cross', () => {
  it('next-open fills, no costs: 769 @ 13 then 769 @ 10, final equity 7,693.00', async () => {
    const strategy = await sample('sma-cross');
    const result = runBacktest([series('AAA', bars(ROWS))], strategy, { fast: 2, slow: 3 }, CONFIG);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const r = result.value;
    expect(r.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['BUY', 769, 13],
      ['SELL', 769, 10],
    ]);
    // 10,000 − 769 × 13 + 769 × 10 = 7,693
    expect(r.finalEquity).toBeCloseTo(7_693, 9);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ symbol: 'AAA', direction: 1, maxQuantity: 769, entryPrice: 13, exitPrice: 10 });
    expect(r.trades[0]?.pnl).toBeCloseTo(-2_307, 9);
    // Daily equity at each close: cash 10,000 until bar 4; then 3 + 769 × close; then cash.
    expect(Array.from(r.equity.equity)).toEqual([10_000, 10_000, 10_000, 10_000, 3 + 769 * 14, 3 + 769 * 13, 3 + 769 * 11, 7_693].map((v) => expect.closeTo(v, 9)));
  });

  it('10 bps slippage rounds each fill a tick against the taker: 13.02 and 9.99, final equity 7,669.93', async () => {
    const strategy = await sample('sma-cross');
    const result = runBacktest([series('AAA', bars(ROWS))], strategy, { fast: 2, slow: 3 }, { ...CONFIG, slippageBps: 10 });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.fills.map((f) => f.price)).toEqual([13.02, 9.99]);
    // 10,000 − 769 × 13.02 + 769 × 9.99 = 7,669.93
    expect(result.value.finalEquity).toBeCloseTo(7_669.93, 9);
  });

  it('close fills: the order placed at bar 3’s close fills at that close, 12', async () => {
    const strategy = await sample('sma-cross');
    const result = runBacktest([series('AAA', bars(ROWS))], strategy, { fast: 2, slow: 3 }, { ...CONFIG, fill: 'close' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // Cash orders are sized at the next open even in close mode (IB's cashQty trades at the next price); the exit
    // is a plain market order and fills at bar 6's close, 11.
    expect(result.value.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['BUY', 769, 13],
      ['SELL', 769, 11],
    ]);
  });

  it('caps a fill at the share of the bar’s volume and leaves the rest working until the session ends', async () => {
    const strategy = await sample('sma-cross');
    const rows = ROWS.map((r) => ({ ...r, v: 5_000 }));
    const result = runBacktest([series('AAA', bars(rows))], strategy, { fast: 2, slow: 3 }, { ...CONFIG, maxVolumeShare: 0.1 });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // 10% of 5,000 = 500 of the 769 at the open; the DAY remainder expires at that session's close.
    const buys = result.value.fills.filter((f) => f.side === 'BUY');
    expect(buys.map((f) => f.quantity)).toEqual([500]);
    expect(result.value.orders.find((o) => o.side === 'BUY')?.status).toBe('Expired');
  });
});
