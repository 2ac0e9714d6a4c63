// RSI mean reversion, per symbol, long only: buy with the symbol's cash sleeve when RSI(period) closes below `entry`,
// sell the whole position when it closes above `exit`. Sleeves as in sma-cross.
import { Rsi } from 'nautilus/indicators';
import { CashSleeves, defineStrategy } from 'nautilus/strategy';

export default defineStrategy({
  name: 'rsi-reversion',
  description: 'Buy oversold (RSI below entry), sell when RSI recovers above exit; one cash sleeve per symbol.',
  params: {
    period: { default: 14, min: 2, max: 200, integer: true, description: 'RSI period (bars)' },
    entry: { default: 30, min: 1, max: 99, description: 'buy when RSI closes below this' },
    exit: { default: 55, min: 1, max: 99, description: 'sell when RSI closes above this' },
  },
  create(params, ctx) {
    const rsi = new Map(ctx.symbols.map((s) => [s, new Rsi(params.period)]));
    const sleeves = new CashSleeves(ctx.symbols, ctx.portfolio.cash());
    return {
      onFill(fill) {
        sleeves.onFill(fill);
      },
      onBar(bar) {
        const r = rsi.get(bar.symbol)?.update(bar.close) ?? NaN;
        if (r !== r) return;
        const position = ctx.portfolio.position(bar.symbol);
        if (ctx.workingOrders(bar.symbol).length > 0 || ctx.pendingCash(bar.symbol) > 0) return;
        if (r < params.entry && position === 0) {
          const cash = sleeves.of(bar.symbol);
          if (cash > 0) ctx.buyWithCash(bar.symbol, cash, 'rsi entry');
        } else if (r > params.exit && position > 0) {
          ctx.submit({ symbol: bar.symbol, side: 'SELL', type: 'MARKET', quantity: position, timeInForce: 'DAY', tag: 'rsi exit' });
        }
      },
    };
  },
});
