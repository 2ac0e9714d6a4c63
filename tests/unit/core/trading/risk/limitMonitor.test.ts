// The limit monitor on the node's simulated clock: breaches from quotes (throttled), fills and the 5-second period;
// reduce-only on breach; clearing; breaches left open by the previous run are not raised twice.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../../src/core/model';
import { SimulatedScheduler } from '../../../../../src/core/model/scheduler';
import { MemoryJournal, SimulatedVenue, TradingNode, type Breach, type RiskLimit } from '../../../../../src/core/trading';
import { AAPL, MSFT, quote } from '../fixtures';

const T0 = Date.UTC(2026, 10, 23, 15); // a Monday, inside the New York session

function monitoredNode(limits: RiskLimit[], openBreaches: Breach[] = [], quoteThrottleMs?: number) {
  const scheduler = new SimulatedScheduler(T0);
  const venue = new SimulatedVenue({ instruments: [AAPL, MSFT], clock: scheduler, random: new SeededRandom(1), commission: { kind: 'NONE', currency: 'USD' } });
  const events: { kind: 'opened' | 'cleared'; breach: Breach }[] = [];
  const node = new TradingNode({
    account: 'U1',
    baseCurrency: 'USD',
    clock: scheduler,
    scheduler,
    journal: new MemoryJournal(),
    instruments: [AAPL, MSFT],
    simulatedVenue: venue,
    venues: [venue],
    limits,
    capital: 100_000,
    accountUtcOffsetMinutes: -300,
    venuePollMs: null,
    timeoutCheckMs: null,
    monitor: { sink: { opened: (breach) => events.push({ kind: 'opened', breach }), cleared: (breach) => events.push({ kind: 'cleared', breach }) }, openBreaches, ...(quoteThrottleMs ? { quoteThrottleMs } : {}) },
  });
  const tick = (symbol: string, price: number) => {
    node.onQuote(quote(symbol, price - 0.01, price + 0.01, scheduler.now()));
    node.flush();
  };
  const buy = (symbol: string, quantity: number) => {
    const r = node.core.oms.submit({ symbol, side: 'BUY', type: 'MARKET', quantity, timeInForce: 'DAY' });
    node.flush();
    return r;
  };
  return { node, scheduler, events, tick, buy };
}

describe('LimitMonitor', () => {
  it('sees a breach a quote causes within the quote throttle, switches to reduce-only, and clears it when the measure comes back', () => {
    const m = monitoredNode([{ id: 'gross', kind: 'MAX_GROSS_EXPOSURE', max: 15_000, onBreach: 'REDUCE_ONLY' }]);
    m.tick('MSFT', 200);
    m.tick('AAPL', 100);
    m.node.start();
    expect(m.buy('AAPL', 100).ok).toBe(true);
    m.tick('AAPL', 100);
    expect(m.node.core.risk.book.symbols.get('AAPL')?.position).toBe(100);
    expect(m.events).toEqual([]);

    m.scheduler.advanceTo(T0 + 100);
    const quoteTime = m.scheduler.now();
    m.tick('AAPL', 160); // 16,000 > 15,000
    m.scheduler.advanceTo(quoteTime + 1_000);
    expect(m.events).toEqual([
      { kind: 'opened', breach: { limitId: 'gross', kind: 'MAX_GROSS_EXPOSURE', value: expect.closeTo(16_000, 6), threshold: 15_000, scope: 'account', action: 'REDUCE_ONLY', time: expect.any(Number), clearedAt: null } },
    ]);
    const detectedAfter = (m.events[0]?.breach.time ?? Infinity) - quoteTime;
    expect(detectedAfter).toBeGreaterThanOrEqual(0);
    expect(detectedAfter).toBeLessThanOrEqual(250);

    expect(m.node.core.risk.killSwitch.reduceOnly).toBe(true);
    expect(m.node.core.oms.submit({ symbol: 'MSFT', side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' })).toMatchObject({ ok: false, error: { code: 'REDUCE_ONLY' } });
    expect(m.node.core.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }).ok).toBe(true);
    m.node.flush();

    m.tick('AAPL', 120); // 90 × 120 = 10,800
    m.scheduler.advanceTo(m.scheduler.now() + 1_000);
    expect(m.events.map((e) => e.kind)).toEqual(['opened', 'cleared']);
    expect(m.events[1]?.breach.clearedAt).toBeGreaterThan(m.events[1]?.breach.time ?? Infinity);
    expect(m.node.monitor?.openBreaches()).toEqual([]);
  });

  it('re-evaluates on an order or fill event at once, without waiting for a timer', () => {
    const m = monitoredNode([{ id: 'pos', kind: 'MAX_POSITION', max: 1_000 }], [], 60_000);
    m.tick('AAPL', 100);
    m.node.start();
    expect(m.buy('AAPL', 40).ok).toBe(true);
    m.node.core.risk.setLimits([{ id: 'pos', kind: 'MAX_POSITION', max: 30 }]); // not announced to the monitor
    m.scheduler.advanceTo(T0 + 1_000);
    expect(m.events).toEqual([]);
    expect(m.node.core.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 5, timeInForce: 'DAY' }).ok).toBe(true);
    m.node.flush();
    expect(m.node.core.risk.book.symbols.get('AAPL')?.position).toBe(35);
    expect(m.events).toMatchObject([{ kind: 'opened', breach: { limitId: 'pos', value: 40, threshold: 30, scope: 'AAPL', time: T0 + 1_000 } }]);
  });

  it('sees a breach that only a limit change causes at the next 5-second period', () => {
    const m = monitoredNode([{ id: 'pos', kind: 'MAX_POSITION', max: 1_000 }]);
    m.tick('AAPL', 100);
    m.node.start();
    expect(m.buy('AAPL', 40).ok).toBe(true);
    m.tick('AAPL', 100);
    m.scheduler.advanceTo(T0 + 1_000);
    expect(m.events).toEqual([]);
    m.node.core.risk.setLimits([{ id: 'pos', kind: 'MAX_POSITION', max: 30 }]);
    m.scheduler.advanceTo(T0 + 4_999);
    expect(m.events).toEqual([]);
    m.scheduler.advanceTo(T0 + 5_000);
    expect(m.events).toMatchObject([{ kind: 'opened', breach: { limitId: 'pos', value: 40, threshold: 30, scope: 'AAPL', action: 'ALERT', time: T0 + 5_000 } }]);
    expect(m.node.core.risk.killSwitch.reduceOnly).toBe(false);
  });

  it('does not raise again a breach the previous run left open, and clears it when the limit is gone', () => {
    const open: Breach = { limitId: 'pos', kind: 'MAX_POSITION', value: 40, threshold: 30, scope: 'AAPL', action: 'ALERT', time: T0 - 60_000, clearedAt: null };
    const m = monitoredNode([], [open]);
    m.tick('AAPL', 100);
    expect(m.buy('AAPL', 40).ok).toBe(true);
    m.tick('AAPL', 100);
    m.node.core.risk.setLimits([{ id: 'pos', kind: 'MAX_POSITION', max: 30 }]);
    m.node.start();
    expect(m.events).toEqual([]);
    expect(m.node.monitor?.openBreaches()).toEqual([open]);
    m.node.core.risk.setLimits([]);
    m.node.monitor?.onBookChange();
    expect(m.events).toEqual([{ kind: 'cleared', breach: { ...open, clearedAt: m.scheduler.now() } }]);
  });
});
