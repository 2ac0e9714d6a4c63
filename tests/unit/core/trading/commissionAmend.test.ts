// A late commission report (VenueEvent COMMISSION_REPORT) amends the fill, its order and the position's P&L once, is journaled and replays.
import { describe, expect, it } from 'vitest';
import { MemoryJournal, restoreFromJournal, type OmsEvent, type Venue, type VenueEvent, type VenueListener, type VenueOrder } from '../../../../src/core/trading';
import { harness, must, quote } from './fixtures';

/** A venue the test drives by hand: it records what it is sent and emits what the test says. */
class ScriptedVenue implements Venue {
  readonly name = 'SIM';
  readonly sent: VenueOrder[] = [];
  private readonly listeners = new Set<VenueListener>();
  submit(order: VenueOrder): void {
    this.sent.push(order);
  }
  modify(): void {}
  cancel(): void {}
  onQuote(): void {}
  openOrders = async () => [];
  executions = async () => [];
  subscribe(listener: VenueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: VenueEvent): void {
    for (const l of this.listeners) l(event);
  }
}

function setup(journal = new MemoryJournal()) {
  const venue = new ScriptedVenue();
  const h = harness({ venue: venue as never, journal });
  const events: OmsEvent[] = [];
  h.oms.subscribe((e) => events.push(e));
  h.oms.onQuote(quote('AAPL', 100, 100.02));
  return { h, venue, events, journal };
}

const fill = (clientOrderId: string, executionId: string, quantity: number, price: number, commission: number, time: number): VenueEvent => ({
  kind: 'FILL',
  clientOrderId,
  venueOrderId: 'V1',
  executionId,
  quantity,
  price,
  commission,
  commissionCurrency: 'USD',
  liquidity: 'TAKER',
  time,
});

const report = (clientOrderId: string, executionId: string, commission: number, commissionCurrency = 'USD'): VenueEvent => ({
  kind: 'COMMISSION_REPORT',
  clientOrderId,
  executionId,
  commission,
  commissionCurrency,
  time: 2_000_000,
});

/** Buy 100 @ 100 (its commission report late), sell 100 @ 101 (commission 1.25 with the fill). */
function roundTrip(s: ReturnType<typeof setup>) {
  const { h, venue } = s;
  const buy = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
  h.oms.flush();
  venue.emit({ kind: 'ACCEPTED', clientOrderId: buy.clientOrderId, venueOrderId: 'V1', time: 1_000_001 });
  venue.emit(fill(buy.clientOrderId, 'E1', 100, 100, 0, 1_000_002));
  const sell = must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
  h.oms.flush();
  venue.emit({ kind: 'ACCEPTED', clientOrderId: sell.clientOrderId, venueOrderId: 'V2', time: 1_000_003 });
  venue.emit(fill(sell.clientOrderId, 'E2', 100, 101, 1.25, 1_000_004));
  h.oms.flush();
  return { buy, sell };
}

const usd = (s: ReturnType<typeof setup>) => s.h.positions.pnl().byCurrency.find((c) => c.currency === 'USD');

describe('late commission reports', () => {
  it('correct the fill, the order commission and net P&L, and are journaled', () => {
    const s = setup();
    const { buy } = roundTrip(s);
    expect(usd(s)).toMatchObject({ realizedPnl: 100, commissions: 1.25, netPnl: 98.75 });
    s.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    s.h.oms.flush();
    expect(s.h.oms.order(buy.clientOrderId)?.commission).toBe(1.0);
    expect(s.h.oms.order(buy.clientOrderId)?.status).toBe('Filled');
    expect(usd(s)).toMatchObject({ realizedPnl: 100, commissions: 2.25, netPnl: 97.75 });
    expect(s.h.positions.position('U1', 'AAPL')).toMatchObject({ quantity: 0, realizedPnl: 100, commissions: 2.25 });
    expect(s.h.positions.pnl().netPnlBase).toBe(97.75);
    const amended = s.events.filter((e) => e.kind === 'FILL_AMENDED');
    expect(amended).toHaveLength(1);
    expect(amended[0]).toMatchObject({ fill: { executionId: 'E1', commission: 1.0, quantity: 100, price: 100 }, previous: { executionId: 'E1', commission: 0 }, position: { commissions: 2.25 } });
    expect(s.events.at(-1)).toMatchObject({ kind: 'ORDER_UPDATED', order: { clientOrderId: buy.clientOrderId, commission: 1.0 } });
    const journaled = s.journal.committed.filter((r) => r.kind === 'VENUE_EVENT' && r.event.kind === 'COMMISSION_REPORT');
    expect(journaled).toHaveLength(1);
  });

  it('a repeated report changes nothing and records nothing', () => {
    const s = setup();
    const { buy } = roundTrip(s);
    s.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    s.h.oms.flush();
    const records = s.journal.committed.length;
    const events = s.events.length;
    s.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    s.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    s.h.oms.flush();
    expect(s.journal.committed.length).toBe(records);
    expect(s.events.length).toBe(events);
    expect(s.h.oms.order(buy.clientOrderId)?.commission).toBe(1.0);
    expect(usd(s)).toMatchObject({ commissions: 2.25, netPnl: 97.75 });
  });

  it('a report restating the commission the fill already carried changes nothing', () => {
    const s = setup();
    const { sell } = roundTrip(s);
    const records = s.journal.committed.length;
    s.venue.emit(report(sell.clientOrderId, 'E2', 1.25));
    s.h.oms.flush();
    expect(s.journal.committed.length).toBe(records);
    expect(s.events.filter((e) => e.kind === 'FILL_AMENDED')).toEqual([]);
  });

  it('a corrected figure replaces the earlier one (the report states the commission, it does not add to it)', () => {
    const s = setup();
    const { buy } = roundTrip(s);
    s.venue.emit(report(buy.clientOrderId, 'E1', 0.8));
    s.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    s.h.oms.flush();
    expect(s.h.oms.order(buy.clientOrderId)?.commission).toBe(1.0);
    expect(usd(s)).toMatchObject({ commissions: 2.25, netPnl: 97.75 });
  });

  it('replay applies the journaled report: the restarted OMS has the corrected figures', () => {
    const s = setup();
    const { buy } = roundTrip(s);
    s.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    s.h.oms.flush();
    const restarted = setup(new MemoryJournal());
    restoreFromJournal(restarted.h.oms, s.journal.committed);
    expect(restarted.h.oms.order(buy.clientOrderId)?.commission).toBe(1.0);
    expect(usd(restarted)).toMatchObject({ realizedPnl: 100, commissions: 2.25, netPnl: 97.75 });
    // after the replay, the same report is a repeat
    restarted.venue.emit(report(buy.clientOrderId, 'E1', 1.0));
    restarted.h.oms.flush();
    expect(restarted.journal.committed).toEqual([]);
    expect(usd(restarted)).toMatchObject({ commissions: 2.25 });
  });

  it('a report in another currency moves the commission to that currency', () => {
    const s = setup();
    const { buy } = roundTrip(s);
    s.venue.emit(report(buy.clientOrderId, 'E1', 2, 'EUR'));
    s.h.oms.flush();
    expect(usd(s)).toMatchObject({ commissions: 1.25 });
    expect(s.h.positions.pnl().byCurrency.find((c) => c.currency === 'EUR')).toMatchObject({ commissions: 2 });
    // EUR at 1.1 in the fixture: 100 realized − 1.25 − 2 × 1.1
    expect(s.h.positions.pnl().netPnlBase).toBe(96.55);
  });

  it('a report for an execution that is not a fill of the order is an anomaly and changes nothing', () => {
    const s = setup();
    const { buy, sell } = roundTrip(s);
    s.venue.emit(report(buy.clientOrderId, 'E-unknown', 1.0));
    s.venue.emit(report(sell.clientOrderId, 'E1', 1.0));
    s.h.oms.flush();
    expect(s.events.filter((e) => e.kind === 'ANOMALY').map((e) => e.kind === 'ANOMALY' && e.anomaly)).toEqual(['UNKNOWN_EXECUTION', 'UNKNOWN_EXECUTION']);
    expect(s.h.oms.order(buy.clientOrderId)?.commission).toBe(0);
    expect(usd(s)).toMatchObject({ commissions: 1.25 });
  });
});
