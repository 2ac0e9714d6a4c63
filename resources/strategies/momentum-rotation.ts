// Cross-sectional momentum rotation over the universe: every `rebalance` bars, rank the symbols by their return over
// `lookback` bars, hold the top `top` in equal weights (equity / top each, bought with cash at the next open) and
// sell every holding that dropped out of the top.
import { Roc } from 'nautilus/indicators';
import { defineStrategy } from 'nautilus/strategy';

export default defineStrategy({
  name: 'momentum-rotation',
  description: 'Hold the top-N symbols by trailing return, rebalanced on a fixed bar count.',
  params: {
    lookback: { default: 126, min: 2, max: 1000, integer: true, description: 'momentum lookback (bars)' },
    top: { default: 5, min: 1, max: 500, integer: true, description: 'how many symbols to hold' },
    rebalance: { default: 21, min: 1, max: 1000, integer: true, description: 'bars between rebalances' },
  },
  create(params, ctx) {
    const roc = new Map(ctx.symbols.map((s) => [s, new Roc(params.lookback)]));
    const latest = new Map<string, number>();
    let bars = 0;
    return {
      onBar(bar) {
        latest.set(bar.symbol, roc.get(bar.symbol)?.update(bar.close) ?? NaN);
      },
      onBarsClosed() {
        bars += 1;
        if (bars % params.rebalance !== 0) return;
        const ranked = [...latest.entries()].filter(([, r]) => r === r).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        if (ranked.length === 0) return;
        const keep = new Set(ranked.slice(0, params.top).map(([s]) => s));
        // Cash for new holdings: what is on hand plus what the exits should bring at the last close.
        let available = ctx.portfolio.cash();
        for (const s of ctx.symbols) {
          const position = ctx.portfolio.position(s);
          if (position > 0 && !keep.has(s)) {
            ctx.submit({ symbol: s, side: 'SELL', type: 'MARKET', quantity: position, timeInForce: 'DAY', tag: 'rotation exit' });
            available += position * ctx.portfolio.mark(s);
          }
        }
        const entries = [...keep].filter((s) => ctx.portfolio.position(s) === 0 && ctx.workingOrders(s).length === 0 && ctx.pendingCash(s) === 0);
        if (entries.length === 0 || !(available > 0)) return;
        const slot = Math.min(ctx.portfolio.equity() / params.top, available / entries.length);
        for (const s of entries) ctx.buyWithCash(s, slot, 'rotation entry');
      },
    };
  },
});
