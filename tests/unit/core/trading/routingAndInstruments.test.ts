// Routing to another venue, and instruments learned at run time (a broker's contract details).
import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRandom, type Instrument } from '../../../../src/core/model';
import { SimulatedVenue } from '../../../../src/core/trading';
import { harness, must, quote, INSTRUMENTS, AAPL } from './fixtures';

const NEW: Instrument = { ...AAPL, symbol: 'NEWCO', name: 'New Co' };

describe('run-time instruments', () => {
  it('denies an unknown symbol, then accepts it once its instrument is added', () => {
    const h = harness();
    expect(h.oms.submit({ symbol: 'NEWCO', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
    expect(h.addInstrument(NEW)).toBe(true);
    expect(h.addInstrument(NEW)).toBe(false);
    h.oms.onQuote(quote('NEWCO', 9.99, 10.01));
    expect(h.oms.submit({ symbol: 'NEWCO', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }).ok).toBe(true);
  });
});

describe('default route', () => {
  it('sends new orders to the venue chosen as default, leaving the first venue alone', () => {
    const clock = new ManualClock(1_000_000);
    const other = new SimulatedVenue({ name: 'OTHER', instruments: INSTRUMENTS, clock, random: new SeededRandom(1) });
    const h = harness({ clock });
    h.router.addVenue(other);
    expect(h.router.defaultVenueName).toBe(h.venue.name);
    h.tick(quote('AAPL', 99.99, 100.01));
    h.router.setDefault('OTHER');
    const order = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 1, limitPrice: 100, timeInForce: 'DAY' }));
    h.oms.flush();
    const submitted = h.journal.committed.find((r) => r.kind === 'ORDER_SUBMITTED' && r.order.clientOrderId === order.clientOrderId);
    expect(submitted).toMatchObject({ venue: 'OTHER' });
    expect(() => h.router.setDefault('NOPE')).toThrow(/no venue NOPE/);
  });
});

describe('children routed to a named venue', () => {
  it('submitChild sends to the venue named, journals the parent id, and refuses an unknown venue', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.02));
    const parentId = h.oms.issueClientOrderId();
    const child = must(h.oms.submitChild({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', limitPrice: 99, quantity: 10, timeInForce: 'DAY' }, parentId, 'SIM'));
    h.oms.flush();
    expect(child.parentId).toBe(parentId);
    expect(child.status).toBe('Accepted');
    const submitted = h.journal.committed.find((r) => r.kind === 'ORDER_SUBMITTED');
    expect(submitted).toMatchObject({ venue: 'SIM', order: { parentId } });
    expect(h.oms.submitChild({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' }, parentId, 'NOWHERE')).toEqual({ ok: false, error: { code: 'NO_ROUTE', symbol: 'AAPL' } });
  });
});
