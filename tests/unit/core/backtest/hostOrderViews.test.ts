// The strategy host's per-symbol views (kept by symbol for speed) always equal the views over every order: the
// working orders and pending cash of one symbol, at every bar, with orders left working by a volume cap.
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../../src/core/backtest';
import type { StrategyDefinition } from '../../../../src/core/strategy/strategy';
import { bars, CONFIG, series } from './fixtures';

const ROWS = Array.from({ length: 40 }, (_, i) => ({ o: 10 + (i % 7), c: 10 + ((i * 3) % 7), v: 500 }));

describe('strategy host: per-symbol views', () => {
  it('workingOrders(symbol) and pendingCash(symbol) match the filtered whole at every bar', () => {
    const checks: number[] = [];
    const definition: StrategyDefinition = {
      name: 'views',
      params: {},
      create(_params, ctx) {
        let n = 0;
        return {
          onBar(bar) {
            n += 1;
            const all = ctx.workingOrders().filter((o) => o.symbol === bar.symbol);
            expect(ctx.workingOrders(bar.symbol)).toEqual(all);
            let cash = 0;
            for (const s of ctx.symbols) cash += s === bar.symbol ? ctx.pendingCash(s) : 0;
            expect(ctx.pendingCash(bar.symbol)).toBe(cash);
            checks.push(all.length);
            // Buy with cash, sell what is held, and place limit orders that stay working for a while.
            if (n % 3 === 0) ctx.buyWithCash(bar.symbol, 2_000);
            if (n % 5 === 0 && ctx.portfolio.position(bar.symbol) > 0) ctx.submit({ symbol: bar.symbol, side: 'SELL', type: 'MARKET', quantity: ctx.portfolio.position(bar.symbol), timeInForce: 'DAY' });
            if (n % 4 === 0) ctx.submit({ symbol: bar.symbol, side: 'BUY', type: 'LIMIT', limitPrice: 9, quantity: 10, timeInForce: 'GTC' });
            if (n % 11 === 0) for (const o of ctx.workingOrders(bar.symbol)) ctx.cancel(o.clientOrderId);
          },
        };
      },
    };
    const result = runBacktest(['AAA', 'BBB', 'CCC'].map((s) => series(s, bars(ROWS))), definition, {}, { ...CONFIG, initialCash: 30_000, maxVolumeShare: 0.1 });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(checks).toHaveLength(120);
    // The views were exercised with orders working, not only empty.
    expect(Math.max(...checks)).toBeGreaterThan(1);
    expect(result.value.fills.length).toBeGreaterThan(5);
  });
});
