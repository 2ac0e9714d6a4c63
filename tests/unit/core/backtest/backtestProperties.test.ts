// Accounting at every step, determinism, and bad strategies: what a backtest must hold whatever the data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../../src/core/backtest';
import { IB_FIXED_US_EQUITY } from '../../../../src/core/trading/commission';
import { defineStrategy, type StrategyDefinition } from '../../../../src/core/strategy/strategy';
import { compileStrategy } from '../../../../src/main/strategies/strategyLoader';
import { instantiateStrategy } from '../../../../src/core/strategy/strategyModule';
import { bars, CONFIG, sample, series } from './fixtures';

/** Random market orders each bar from a seeded script: buys, sells, flips, with the portfolio checked at every close. */
function scripted(actions: readonly number[], check: (ctx: Parameters<StrategyDefinition['create']>[1]) => void): StrategyDefinition {
  return defineStrategy({
    name: 'scripted',
    params: {},
    create(_p, ctx) {
      let i = 0;
      return {
        onBar(bar) {
          check(ctx);
          const a = actions[i++ % actions.length] as number;
          if (a === 0) return;
          ctx.submit({ symbol: bar.symbol, side: a > 0 ? 'BUY' : 'SELL', type: 'MARKET', quantity: Math.abs(a), timeInForce: 'DAY' });
        },
      };
    },
  });
}

const rowsArb = fc.array(fc.record({ o: fc.integer({ min: 500, max: 2_000 }), c: fc.integer({ min: 500, max: 2_000 }), v: fc.integer({ min: 0, max: 3_000 }) }), { minLength: 5, maxLength: 40 });

describe('backtest accounting', () => {
  it('cash + positions at their marks = starting cash + P&L at every close; fills never exceed orders; commissions charged once', () => {
    fc.assert(
      fc.property(rowsArb, rowsArb, fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(0, 0.1), (a, b, actions, share) => {
        const toBars = (rows: typeof a) => bars(rows.map((r) => ({ o: r.o / 10, c: r.c / 10, h: Math.max(r.o, r.c) / 10 + 0.5, l: Math.min(r.o, r.c) / 10 - 0.5, v: r.v })));
        const checks: number[] = [];
        const strategy = scripted(actions, (ctx) => {
          const p = ctx.portfolio;
          let value = 0;
          for (const s of ctx.symbols) value += p.position(s) * (Number.isNaN(p.mark(s)) ? 0 : p.mark(s));
          checks.push(Math.abs(p.cash() + value - p.equity()));
        });
        const result = runBacktest([series('AAA', toBars(a)), series('BBB', toBars(b))], strategy, {}, { ...CONFIG, initialCash: 1e6, commission: IB_FIXED_US_EQUITY, maxVolumeShare: share });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const r = result.value;
        expect(Math.max(0, ...checks)).toBeLessThan(1e-6);
        for (const o of r.orders) {
          const filled = r.fills.filter((f) => f.clientOrderId === o.clientOrderId).reduce((s, f) => s + f.quantity, 0);
          expect(filled).toBeLessThanOrEqual(o.quantity + 1e-9);
          expect(filled).toBeCloseTo(o.filledQuantity, 9);
        }
        // Recomputed from the fills alone: cash = start − what buys paid + what sells got − every commission (once);
        // equity = cash + the open positions at their last marks.
        let cash = 1e6;
        for (const f of r.fills) cash += (f.side === 'BUY' ? -1 : 1) * f.quantity * f.price - f.commission;
        const openValue = r.positions.reduce((s, p) => s + p.quantity * p.mark, 0);
        expect(r.finalEquity).toBeCloseTo(cash + openValue, 6);
        const closed = r.trades.reduce((s, t) => s + t.commission, 0);
        expect(closed).toBeLessThanOrEqual(r.fills.reduce((s, f) => s + f.commission, 0) + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic: the same data, strategy, parameters and seed give identical results', async () => {
    const strategy = await sample('rsi-reversion');
    const rows = Array.from({ length: 300 }, (_, i) => {
      const c = 100 + 10 * Math.sin(i / 7) + (i % 5);
      return { o: c - 0.5, c, v: 10_000 + i };
    });
    const run = () => runBacktest([series('AAA', bars(rows))], strategy, { period: 5, entry: 35, exit: 60 }, { ...CONFIG, commission: { kind: 'NONE', currency: 'USD' }, slippageBps: 3, maxVolumeShare: 0.05 });
    const a = run();
    const b = run();
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(a.value.fills.length).toBeGreaterThan(4);
    expect(JSON.stringify({ ...a.value, equity: Array.from(a.value.equity.equity) })).toBe(JSON.stringify({ ...b.value, equity: Array.from(b.value.equity.equity) }));
  });
});

describe('bad strategies', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ o: 10 + i, c: 10 + i }));

  it('a strategy that throws stops its own run with its stack, naming the callback', async () => {
    const compiled = await compileStrategy(
      `export default { name: 'boom', params: {}, create() { return { onBar(bar) { if (bar.close > 14) throw new Error('boom at ' + bar.close); } }; } };`,
      '/data/strategies/boom.ts',
    );
    if (!compiled.ok) throw new Error('compile failed');
    const strategy = instantiateStrategy(compiled.value, '/data/strategies/boom.ts');
    if (!strategy.ok) throw new Error('load failed');
    const result = runBacktest([series('AAA', bars(rows))], strategy.value, {}, CONFIG);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'STRATEGY_THREW', callback: 'onBar', message: 'boom at 15' });
    expect((result.error as { stack: string }).stack).toContain('/data/strategies/boom.ts');
  });

  it('a file that does not compile is refused with its line and column', async () => {
    const compiled = await compileStrategy('export default {\n  name: "x",\n  params: {,\n};\n', '/data/strategies/bad.ts');
    expect(compiled).toMatchObject({ ok: false, error: { code: 'STRATEGY_COMPILE_FAILED', file: '/data/strategies/bad.ts', line: 3 } });
  });

  it('a strategy may import only the strategy API and the indicators', async () => {
    const compiled = await compileStrategy(`import { readFileSync } from 'node:fs';\nexport default { name: 'x', params: {}, create() { readFileSync('/etc/passwd'); return {}; } };`, 'x.ts');
    if (!compiled.ok) throw new Error('compile failed');
    expect(instantiateStrategy(compiled.value, 'x.ts')).toMatchObject({ ok: false, error: { code: 'STRATEGY_IMPORT_REFUSED', specifier: 'node:fs' } });
  });

  it('bars out of order or with a bad price are refused, naming the symbol and bar', async () => {
    const strategy = await sample('sma-cross');
    const b = bars(rows);
    b.close[4] = Number.NaN;
    expect(runBacktest([series('AAA', b)], strategy, { fast: 2, slow: 3 }, CONFIG)).toMatchObject({ ok: false, error: { code: 'BAD_BAR', symbol: 'AAA', index: 4, field: 'close' } });
    const c = bars(rows);
    c.time[3] = c.time[2] as number;
    expect(runBacktest([series('AAA', c)], strategy, { fast: 2, slow: 3 }, CONFIG)).toMatchObject({ ok: false, error: { code: 'BARS_NOT_ASCENDING', symbol: 'AAA', index: 3 } });
  });
});
