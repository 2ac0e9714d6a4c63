// Bollinger breakout, per symbol, long only: buy with the symbol's cash sleeve when the close breaks above the upper
// band (SMA(period) + k·σ), sell the whole position when it closes back below the middle band.
import { Bollinger } from 'nautilus/indicators';
import { CashSleeves, defineStrategy } from 'nautilus/strategy';

export default defineStrategy({
  name: 'bollinger-breakout',
  description: 'Buy a close above the upper Bollinger band, exit on a close below the middle band.',
  params: {
    period: { default: 20, min: 2, max: 500, integer: true, description: 'band period (bars)' },
    k: { default: 2, min: 0.1, max: 10, description: 'band width in standard deviations' },
  },
  create(params, ctx) {
    const bands = new Map(ctx.symbols.map((s) => [s, new Bollinger(params.period, params.k)]));
    const sleeves = new CashSleeves(ctx.symbols, ctx.portfolio.cash());
    return {
      onFill(fill) {
        sleeves.onFill(fill);
      },
      onBar(bar) {
        const b = bands.get(bar.symbol);
        if (!b) return;
        const middle = b.update(bar.close);
        if (middle !== middle) return;
        const position = ctx.portfolio.position(bar.symbol);
        if (ctx.workingOrders(bar.symbol).length > 0 || ctx.pendingCash(bar.symbol) > 0) return;
        if (bar.close > b.upper && position === 0) {
          const cash = sleeves.of(bar.symbol);
          if (cash > 0) ctx.buyWithCash(bar.symbol, cash, 'breakout entry');
        } else if (bar.close < b.middle && position > 0) {
          ctx.submit({ symbol: bar.symbol, side: 'SELL', type: 'MARKET', quantity: position, timeInForce: 'DAY', tag: 'breakout exit' });
        }
      },
    };
  },
});
