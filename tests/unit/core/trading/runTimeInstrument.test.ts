// A real symbol put on a running node: listed on the simulated venue, fills, ADV-checked, and its DAY orders expire at
// its own exchange's close even when no instrument of that time zone was on the desk before.
import { describe, expect, it } from 'vitest';
import { InstrumentRegistry, SeededRandom } from '../../../../src/core/model';
import { SimulatedScheduler } from '../../../../src/core/model/scheduler';
import { MemoryJournal, SimulatedVenue, TradingNode, type NodeInstrument } from '../../../../src/core/trading';
import { AAPL, quote } from './fixtures';

const NY = -300;
const MON = Date.UTC(2026, 10, 23);
const at = (day: number, h: number, m = 0) => day + (h * 60 + m) * 60_000;
// Tokyo (UTC+9): 09:30–16:00 local closes at 07:00 UTC.
const TOKYO: NodeInstrument = { ...AAPL, symbol: '7203.T', currency: 'USD', exchange: 'JPX', utcOffsetMinutes: 540, averageDailyVolume: 1_000 };

function node() {
  const scheduler = new SimulatedScheduler(at(MON, 15));
  const registry = new InstrumentRegistry<NodeInstrument>([{ ...AAPL, utcOffsetMinutes: NY }]);
  const venue = new SimulatedVenue({ instruments: registry.all(), clock: scheduler, random: new SeededRandom(1), commission: { kind: 'NONE', currency: 'USD' } });
  const n = new TradingNode({
    account: 'U1',
    baseCurrency: 'USD',
    clock: scheduler,
    scheduler,
    journal: new MemoryJournal(),
    instruments: registry,
    simulatedVenue: venue,
    venues: [venue],
    limits: [{ id: 'adv', kind: 'FAT_FINGER_ADV', maxFraction: 0.05 }],
    capital: 1_000_000,
    accountUtcOffsetMinutes: NY,
    venuePollMs: null,
    timeoutCheckMs: null,
  });
  return { n, scheduler, venue, registry };
}

describe('TradingNode.addInstrument', () => {
  it('puts the instrument in the shared registry, lists it on the simulated venue and fills orders in it', () => {
    const { n, venue, registry } = node();
    n.start();
    expect(n.core.oms.submit({ symbol: TOKYO.symbol, side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
    expect(n.addInstrument(TOKYO, { simulated: true })).toBe(true);
    expect(n.addInstrument(TOKYO, { simulated: true })).toBe(false);
    expect(registry.get(TOKYO.symbol)).toBe(TOKYO);
    expect(n.core.instrument(TOKYO.symbol)).toBe(TOKYO);
    expect(venue.lists(TOKYO.symbol)).toBe(true);
    n.onQuote(quote(TOKYO.symbol, 99.99, 100.01, at(MON, 15)));
    const order = n.core.oms.submit({ symbol: TOKYO.symbol, side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    n.flush();
    expect(order.ok).toBe(true);
    if (!order.ok) return;
    expect(n.core.oms.order(order.value.clientOrderId)?.status).toBe('Filled');
    expect(n.core.positions.positions().find((p) => p.symbol === TOKYO.symbol)).toMatchObject({ quantity: 10 });
  });

  it('checks its average daily volume: an order above 5% of it is denied', () => {
    const { n } = node();
    n.addInstrument(TOKYO, { simulated: true });
    n.onQuote(quote(TOKYO.symbol, 99.99, 100.01, at(MON, 15)));
    expect(n.core.oms.submit({ symbol: TOKYO.symbol, side: 'BUY', type: 'MARKET', quantity: 51, timeInForce: 'DAY' })).toMatchObject({
      ok: false,
      error: { code: 'QUANTITY_EXCEEDS_ADV_FRACTION', averageDailyVolume: 1_000 },
    });
  });

  it('expires its DAY orders at its own exchange’s close, a time zone new to the running node', () => {
    const { n, scheduler } = node();
    n.start();
    n.addInstrument(TOKYO, { simulated: true });
    n.onQuote(quote(TOKYO.symbol, 99.99, 100.01, at(MON, 15)));
    const day = n.core.oms.submit({ symbol: TOKYO.symbol, side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 90, timeInForce: 'DAY' });
    n.flush();
    if (!day.ok) throw new Error('submit refused');
    // Tokyo closed at 07:00 UTC Monday already; the next close is Tuesday 07:00 UTC (New York's 21:00 leaves it alone).
    scheduler.advanceTo(at(MON, 21, 30));
    n.flush();
    expect(n.core.oms.order(day.value.clientOrderId)?.status).toBe('Accepted');
    scheduler.advanceTo(at(MON + 86_400_000, 7, 0));
    n.flush();
    expect(n.core.oms.order(day.value.clientOrderId)?.status).toBe('Expired');
  });
});
