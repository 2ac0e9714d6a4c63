// SMA crossover whose entries are worked by a TWAP, the same execution algorithm the desk runs live: per symbol, long
// only. At a bar's close, if SMA(fast) > SMA(slow), the symbol is flat and nothing of it is working, buy
// floor(the symbol's cash × (1 − buffer) / close) shares by TWAP in `slices` slices `sliceMinutes` apart (the window
// starts at that close); if SMA(fast) ≤ SMA(slow) and long, sell the whole position with a market order. One cash
// sleeve per symbol, as in sma-cross. Made for intraday bars (the slices are minutes apart).
import { Sma } from 'nautilus/indicators';
import { CashSleeves, defineStrategy } from 'nautilus/strategy';

const URGENCY = ['LOW', 'MEDIUM', 'HIGH'] as const;

export default defineStrategy({
  name: 'twap-entry',
  description: 'Long-only SMA crossover per symbol whose entries are worked by a TWAP; one cash sleeve per symbol.',
  params: {
    fast: { default: 10, min: 1, max: 500, integer: true, description: 'fast SMA period (bars)' },
    slow: { default: 30, min: 2, max: 1000, integer: true, description: 'slow SMA period (bars)' },
    slices: { default: 6, min: 1, max: 100, integer: true, description: 'TWAP slices' },
    sliceMinutes: { default: 5, min: 1, max: 240, integer: true, description: 'minutes between slices' },
    urgency: { default: 1, min: 0, max: 2, integer: true, description: '0 rests at the touch, 1 catches up when a slice behind, 2 crosses every slice' },
    buffer: { default: 0.02, min: 0, max: 0.5, description: 'share of the sleeve kept back for the price moving during the TWAP' },
  },
  create(params, ctx) {
    const fast = new Map(ctx.symbols.map((s) => [s, new Sma(params.fast)]));
    const slow = new Map(ctx.symbols.map((s) => [s, new Sma(params.slow)]));
    const sleeves = new CashSleeves(ctx.symbols, ctx.portfolio.cash());
    const intervalMs = params.sliceMinutes * 60_000;
    const working = (symbol: string) => ctx.workingOrders(symbol).length > 0 || ctx.executions(symbol).some((p) => p.status !== 'FILLED' && p.status !== 'CANCELED' && p.status !== 'EXPIRED');
    return {
      onFill(fill) {
        sleeves.onFill(fill);
      },
      onBar(bar) {
        const f = fast.get(bar.symbol)?.update(bar.close) ?? NaN;
        const sl = slow.get(bar.symbol)?.update(bar.close) ?? NaN;
        if (!(f === f && sl === sl) || working(bar.symbol)) return;
        const position = ctx.portfolio.position(bar.symbol);
        if (f > sl && position === 0) {
          const quantity = Math.floor((sleeves.of(bar.symbol) * (1 - params.buffer)) / bar.close);
          if (quantity <= 0) return;
          const sent = ctx.execute({
            symbol: bar.symbol,
            side: 'BUY',
            quantity,
            limitPrice: null,
            urgency: URGENCY[params.urgency] ?? 'MEDIUM',
            style: { kind: 'TWAP', durationMs: params.slices * intervalMs, intervalMs },
          });
          if (!sent.ok) ctx.log(`${bar.symbol}: TWAP entry refused (${sent.error.code})`);
        } else if (f <= sl && position > 0) {
          ctx.submit({ symbol: bar.symbol, side: 'SELL', type: 'MARKET', quantity: position, timeInForce: 'DAY', tag: 'twap-entry exit' });
        }
      },
    };
  },
});
