// An order routed to an IB venue that is not connected is refused with the venue named, before anything is journaled or sent.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/model';
import { createTradingCore, MemoryJournal, SimulatedVenue } from '../../../src/core/trading';
import { SeededRandom } from '../../../src/core/model/clock';
import { IbService } from '../../../src/main/venues/ib/ibService';
import { INSTRUMENTS, quote } from '../../unit/core/trading/fixtures';

describe('routing to a disconnected IB venue', () => {
  it('orders.submit, brackets and flatten get VENUE_NOT_CONNECTED naming IB instead of "Sent" then a bare rejection', () => {
    const clock = new ManualClock(1_000_000);
    const ib = new IbService({ venueName: 'IB' }); // never connected
    const sim = new SimulatedVenue({ instruments: INSTRUMENTS, clock, random: new SeededRandom(1) });
    const journal = new MemoryJournal();
    const core = createTradingCore({ account: 'U1', baseCurrency: 'USD', clock, journal, instruments: INSTRUMENTS, venues: [sim, ib.venue], capital: 1e6 });
    core.oms.onQuote(quote('AAPL', 100, 100.01, clock.now()));
    expect(ib.venue.canTrade()).toBe(false);
    core.router.setDefault('IB');
    const refused = { ok: false, error: { code: 'VENUE_NOT_CONNECTED', venue: 'IB', symbol: 'AAPL' } };
    expect(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' })).toEqual(refused);
    expect(core.oms.submitBracket({ entry: { symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 100, timeInForce: 'DAY' }, takeProfitPrice: 101, stopLossPrice: 99 })).toEqual(refused);
    core.oms.flush();
    expect(core.oms.orders()).toEqual([]);
    expect(journal.committed).toEqual([]);
    // The simulated exchange can trade: routing back to it works at once.
    core.router.setDefault(sim.name);
    expect(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }).ok).toBe(true);
  });
});
