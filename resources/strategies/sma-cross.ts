// SMA crossover, defined exactly so anyone can reproduce it: per symbol, long only. At each bar's close, if
// SMA(fast) > SMA(slow) and the symbol is flat, buy floor(the symbol's cash / next bar's open) shares with a market
// order for that cash amount, sized when it fills (IB's cashQty); if SMA(fast) ≤ SMA(slow) and long, sell the whole
// position. Cash is split equally across the symbols at the start and each symbol trades its own sleeve.
import { Sma } from 'nautilus/indicators';
import { CashSleeves, defineStrategy } from 'nautilus/strategy';

export default defineStrategy({
  name: 'sma-cross',
  description: 'Long-only SMA crossover per symbol, each symbol trading its own equal cash sleeve.',
  params: {
    fast: { default: 10, min: 1, max: 500, integer: true, description: 'fast SMA period (bars)' },
    slow: { default: 50, min: 2, max: 1000, integer: true, description: 'slow SMA period (bars)' },
  },
  create(params, ctx) {
    const fast = new Map(ctx.symbols.map((s) => [s, new Sma(params.fast)]));
    const slow = new Map(ctx.symbols.map((s) => [s, new Sma(params.slow)]));
    const sleeves = new CashSleeves(ctx.symbols, ctx.portfolio.cash());
    return {
      onFill(fill) {
        sleeves.onFill(fill);
      },
      onBar(bar) {
        const f = fast.get(bar.symbol)?.update(bar.close) ?? NaN;
        const sl = slow.get(bar.symbol)?.update(bar.close) ?? NaN;
        if (!(f === f && sl === sl)) return;
        const position = ctx.portfolio.position(bar.symbol);
        const busy = ctx.workingOrders(bar.symbol).length > 0 || ctx.pendingCash(bar.symbol) > 0;
        if (f > sl && position === 0 && !busy) {
          const cash = sleeves.of(bar.symbol);
          if (cash > 0) ctx.buyWithCash(bar.symbol, cash, 'sma-cross entry');
        } else if (f <= sl && position > 0 && !busy) {
          ctx.submit({ symbol: bar.symbol, side: 'SELL', type: 'MARKET', quantity: position, timeInForce: 'DAY', tag: 'sma-cross exit' });
        }
      },
    };
  },
});
