import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/model';
import { MemoryJournal, reconcile, restoreFromJournal, type JournalRecord, type OmsEvent, type Venue, type VenueEvent } from '../../../../src/core/trading';
import { harness, must, quote, INSTRUMENTS } from './fixtures';

const buyLimit = (quantity: number, limitPrice: number, symbol = 'AAPL') =>
  ({ symbol, side: 'BUY', type: 'LIMIT', quantity, limitPrice, timeInForce: 'DAY' }) as const;

describe('OMS order path', () => {
  it('journals before the venue sees the order, and commits as a group', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const seenAtVenue: number[] = [];
    h.venue.subscribe((e) => e.kind === 'ACCEPTED' && seenAtVenue.push(h.journal.committed.length));
    const commitsBefore = h.journal.commits;
    for (let i = 0; i < 10; i++) must(h.oms.submit(buyLimit(1, 99 - i * 0.01)));
    expect(h.journal.pendingCount).toBe(10);
    expect(seenAtVenue).toEqual([]);
    expect(h.oms.workingOrders().every((o) => o.status === 'Submitted')).toBe(true);
    h.oms.flush();
    // all ten submits were durable before the first acknowledgement
    expect(seenAtVenue[0]).toBeGreaterThanOrEqual(10);
    expect(h.journal.commits - commitsBefore).toBe(2); // one for the commands, one for the answers
    expect(h.oms.workingOrders().every((o) => o.status === 'Accepted')).toBe(true);
  });

  it('returns a typed risk denial and sends nothing', () => {
    const h = harness({ limits: [{ id: 'notional', kind: 'MAX_ORDER_NOTIONAL', max: 5_000 }] });
    h.tick(quote('AAPL', 100, 100.01));
    const result = h.oms.submit(buyLimit(100, 100));
    expect(result).toEqual({ ok: false, error: { code: 'NOTIONAL_EXCEEDS_MAX', limitId: 'notional', notional: 10_000, max: 5_000 } });
    expect(h.journal.pendingCount + h.journal.committed.length).toBe(0);
  });

  it('modify changes price and quantity through PendingReplace; cancel through PendingCancel', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const order = must(h.oms.submit(buyLimit(100, 99)));
    h.oms.flush();
    must(h.oms.modify(order.clientOrderId, { quantity: 200, limitPrice: 99.5 }));
    expect(order.status).toBe('PendingReplace');
    expect(h.risk.book.symbol('AAPL')?.openBuy).toBe(200);
    h.oms.flush();
    expect(order).toMatchObject({ status: 'Accepted', quantity: 200, limitPrice: 99.5, pendingModification: null });
    expect(h.oms.modify(order.clientOrderId, { quantity: 200 })).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_MODIFY' } });
    must(h.oms.cancel(order.clientOrderId));
    expect(order.status).toBe('PendingCancel');
    expect(h.oms.modify(order.clientOrderId, { quantity: 300 })).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', from: 'PendingCancel', event: 'REPLACE_REQUEST' },
    });
    h.oms.flush();
    expect(order.status).toBe('Canceled');
    expect(h.risk.book.symbol('AAPL')?.openBuy).toBe(0);
    expect(h.oms.cancel(order.clientOrderId)).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', from: 'Canceled' } });
    expect(h.oms.cancel('nope')).toEqual({ ok: false, error: { code: 'UNKNOWN_ORDER', clientOrderId: 'nope' } });
  });

  it('cancel-all cancels every working order, also those not yet sent', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    h.tick(quote('MSFT', 300, 300.05));
    must(h.oms.submit(buyLimit(10, 99)));
    must(h.oms.submit(buyLimit(10, 299, 'MSFT')));
    h.oms.flush();
    must(h.oms.submit(buyLimit(10, 98)));
    const { canceled } = h.oms.cancelAll();
    expect(canceled.length).toBe(3);
    h.oms.flush();
    expect(h.oms.orders().map((o) => o.status)).toEqual(['Canceled', 'Canceled', 'Canceled']);
    expect(h.oms.workingOrders()).toEqual([]);
  });

  it('flatten cancels the symbol working orders and closes the position at market', () => {
    const h = harness({ limits: [{ id: 'ro', kind: 'MAX_POSITION', max: 1_000 }] });
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 300, timeInForce: 'DAY' }));
    h.oms.flush();
    const resting = must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'LIMIT', quantity: 300, limitPrice: 110, timeInForce: 'GTC' }));
    h.oms.flush();
    const flat = must(h.oms.flatten('AAPL'));
    h.oms.flush();
    expect(resting.status).toBe('Canceled');
    expect(flat).toMatchObject({ side: 'SELL', type: 'MARKET', quantity: 300, status: 'Filled', tag: 'flatten' });
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
    expect(must(h.oms.flatten('AAPL'))).toBeNull();
  });

  it('kill switch cancels working orders, blocks new risk, lets risk-reducing orders through until a person releases it', () => {
    const h = harness();
    const events: OmsEvent[] = [];
    h.oms.subscribe((e) => events.push(e));
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
    const working = must(h.oms.submit(buyLimit(50, 95)));
    h.oms.flush();
    h.oms.engageKillSwitch('runaway strategy', 'risk-monitor');
    h.oms.flush();
    expect(working.status).toBe('Canceled');
    expect(h.oms.submit(buyLimit(1, 99))).toEqual({ ok: false, error: { code: 'KILL_SWITCH_ENGAGED', reason: 'runaway strategy' } });
    // selling more than held would open a short: not reducing
    expect(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 150, timeInForce: 'DAY' })).toMatchObject({ ok: false, error: { code: 'KILL_SWITCH_ENGAGED' } });
    must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 60, timeInForce: 'DAY' }));
    h.oms.flush();
    expect(h.positions.quantity('U1', 'AAPL')).toBe(40);
    expect(h.oms.releaseKillSwitch('  ')).toEqual({ ok: false, error: { code: 'PERSON_REQUIRED' } });
    must(h.oms.releaseKillSwitch('jane.trader'));
    must(h.oms.submit(buyLimit(1, 99)));
    h.oms.flush();
    expect(events.filter((e) => e.kind === 'TRADING_HALT').map((e) => e.kind === 'TRADING_HALT' && e.killSwitch)).toEqual([true, false]);
    expect(h.journal.committed.filter((r) => r.kind === 'KILL_SWITCH').length).toBe(2);
  });

  it('reduce-only mode and reduce-only orders refuse anything that opens or flips a position', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
    h.oms.flush();
    expect(h.oms.submit({ ...buyLimit(10, 99, 'MSFT'), reduceOnly: true })).toMatchObject({ ok: false, error: { code: 'NO_REFERENCE_PRICE' } });
    h.tick(quote('MSFT', 300, 300.05));
    expect(h.oms.submit({ ...buyLimit(10, 299, 'MSFT'), reduceOnly: true })).toEqual({
      ok: false,
      error: { code: 'REDUCE_ONLY', symbol: 'MSFT', position: 0, openSameSide: 0, quantity: 10 },
    });
    must(h.oms.setReduceOnly(true, 'jane'));
    expect(h.oms.submit(buyLimit(1, 99))).toMatchObject({ ok: false, error: { code: 'REDUCE_ONLY', position: 100 } });
    must(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'LIMIT', limitPrice: 101, quantity: 70, timeInForce: 'DAY' }));
    // 70 already working on the sell side: 40 more would flip the position
    expect(h.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'LIMIT', limitPrice: 101, quantity: 40, timeInForce: 'DAY' })).toMatchObject({
      ok: false,
      error: { code: 'REDUCE_ONLY', openSameSide: 70 },
    });
    expect(h.oms.setReduceOnly(false, '')).toEqual({ ok: false, error: { code: 'PERSON_REQUIRED' } });
    must(h.oms.setReduceOnly(false, 'jane'));
    must(h.oms.submit(buyLimit(1, 99)));
  });
});

describe('brackets', () => {
  it('activates both exits when the entry fills, and the first exit to fill cancels the other', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const entry = must(h.oms.submitBracket({ entry: buyLimit(100, 100.01), takeProfitPrice: 102, stopLossPrice: 98 }));
    expect(h.oms.orders().length).toBe(1);
    h.oms.flush();
    expect(entry.status).toBe('Filled');
    const [tp, sl] = h.oms.orders().slice(1);
    expect(tp).toMatchObject({ side: 'SELL', type: 'LIMIT', limitPrice: 102, quantity: 100, bracketRole: 'TAKE_PROFIT', parentId: entry.clientOrderId, status: 'Accepted' });
    expect(sl).toMatchObject({ side: 'SELL', type: 'STOP', stopPrice: 98, quantity: 100, bracketRole: 'STOP_LOSS', status: 'Accepted' });
    h.tick(quote('AAPL', 102.5, 102.6, 10));
    h.oms.flush();
    expect(tp?.status).toBe('Filled');
    expect(sl?.status).toBe('Canceled');
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
  });

  it('a partial exit fill shrinks the sibling to the unprotected quantity', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submitBracket({ entry: buyLimit(100, 100.01), takeProfitPrice: 102, stopLossPrice: 98 }));
    h.oms.flush();
    const [, tp, sl] = h.oms.orders();
    h.tick({ ...quote('AAPL', 102.5, 102.6, 10), bidSize: 10 }); // 5 bid levels of 10 above 102: 50 of 100 fill
    const filled = tp?.filledQuantity ?? 0;
    expect(filled).toBeGreaterThan(0);
    expect(filled).toBeLessThan(100);
    h.oms.flush();
    expect(sl).toMatchObject({ status: 'Accepted', quantity: 100 - filled });
  });

  it('an entry canceled after a partial fill protects what was bought; one canceled unfilled activates nothing', () => {
    const h = harness();
    h.tick({ ...quote('AAPL', 100, 100.01), askSize: 10 });
    const entry = must(h.oms.submitBracket({ entry: buyLimit(100, 100.01), takeProfitPrice: 102, stopLossPrice: 98 }));
    h.oms.flush();
    expect(entry.filledQuantity).toBe(10);
    must(h.oms.cancel(entry.clientOrderId));
    h.oms.flush();
    const exits = h.oms.orders().filter((o) => o.parentId === entry.clientOrderId);
    expect(exits.map((o) => [o.bracketRole, o.quantity])).toEqual([['TAKE_PROFIT', 10], ['STOP_LOSS', 10]]);
    const idle = must(h.oms.submitBracket({ entry: buyLimit(100, 90), takeProfitPrice: 95, stopLossPrice: 85 }));
    h.oms.flush();
    must(h.oms.cancel(idle.clientOrderId));
    h.oms.flush();
    expect(h.oms.orders().filter((o) => o.parentId === idle.clientOrderId)).toEqual([]);
  });

  it('refuses exits on the wrong side of the entry', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    expect(h.oms.submitBracket({ entry: buyLimit(10, 100), takeProfitPrice: 98, stopLossPrice: 102 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BRACKET', reason: 'TAKE_PROFIT_NOT_BEYOND_STOP_LOSS' },
    });
    expect(h.oms.submitBracket({ entry: buyLimit(10, 100), takeProfitPrice: 99.5, stopLossPrice: 98 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BRACKET', reason: 'EXITS_NOT_AROUND_ENTRY' },
    });
  });
});

describe('restart: replay and reconciliation', () => {
  it('replay rebuilds orders, positions and risk aggregates, and ids continue after the highest', () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' }));
    must(h.oms.submit(buyLimit(50, 99)));
    const toCancel = must(h.oms.submit(buyLimit(20, 98)));
    must(h.oms.submitBracket({ entry: buyLimit(10, 100.01), takeProfitPrice: 105, stopLossPrice: 95 }));
    h.oms.flush();
    must(h.oms.cancel(toCancel.clientOrderId));
    h.oms.flush();
    const restarted = harness({ venue: h.venue, clock: h.clock, highestOrderSequence: 0 });
    const report = restoreFromJournal(restarted.oms, h.journal.committed);
    expect(report.unknown).toEqual([]);
    const strip = (o: object) => JSON.parse(JSON.stringify(o));
    expect(strip(restarted.oms.orders())).toEqual(strip(h.oms.orders()));
    expect(restarted.positions.positions()).toEqual(h.positions.positions().map((p) => ({ ...p, markPrice: p.markPrice, unrealizedPnl: p.unrealizedPnl, marketValue: p.marketValue })));
    const a = h.risk.book.symbol('AAPL');
    const b = restarted.risk.book.symbol('AAPL');
    expect([b?.position, b?.openBuy, b?.openSell]).toEqual([a?.position, a?.openBuy, a?.openSell]);
    restarted.tick(quote('AAPL', 100, 100.01));
    const next = must(restarted.oms.submit(buyLimit(1, 97)));
    expect(next.clientOrderId > h.oms.orders().at(-1)!.clientOrderId).toBe(true);
  });

  it('an order journaled but unanswered at the crash becomes Unknown, is not re-sent, and reconciliation settles it', async () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const sent: string[] = [];
    // A venue that records submits and never answers (the crash happens before it does).
    const silent: Venue & { onQuote(): void } = { name: h.venue.name, onQuote: () => {}, submit: (o) => void sent.push(o.clientOrderId), modify: () => {}, cancel: () => {}, subscribe: () => () => {}, openOrders: () => h.venue.openOrders(), executions: (s) => h.venue.executions(s) };
    const crashed = harness({ venue: silent as never, clock: h.clock });
    crashed.tick(quote('AAPL', 100, 100.01));
    const lost = must(crashed.oms.submit(buyLimit(10, 99)));
    const reached = must(crashed.oms.submit(buyLimit(20, 98)));
    crashed.oms.flush();
    expect(sent.length).toBe(2);
    // only the second one actually reached the real venue
    h.venue.submit({ clientOrderId: reached.clientOrderId, symbol: 'AAPL', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 20, limitPrice: 98, stopPrice: null });
    const restarted = harness({ venue: h.venue, clock: h.clock });
    const report = restoreFromJournal(restarted.oms, crashed.journal.committed);
    expect(report.unknown.sort()).toEqual([lost.clientOrderId, reached.clientOrderId].sort());
    const venueMessages: VenueEvent[] = [];
    h.venue.subscribe((e) => venueMessages.push(e));
    restarted.oms.flush();
    expect(venueMessages).toEqual([]); // nothing re-sent blindly
    const rec = await reconcile(restarted.oms);
    expect(restarted.oms.order(lost.clientOrderId)?.status).toBe('Rejected');
    expect(restarted.oms.order(reached.clientOrderId)?.status).toBe('Accepted');
    expect(rec.settled.length).toBe(2);
    const kinds = restarted.journal.committed.concat([] as JournalRecord[]).map((r) => r.kind);
    restarted.oms.flush();
    expect(restarted.journal.committed.map((r) => r.kind)).toEqual(expect.arrayContaining(['ORDER_TIMED_OUT', 'ORDER_NOT_FOUND_AT_VENUE', 'VENUE_EVENT']));
    expect(kinds.length).toBeGreaterThan(0);
  });

  it('reconciliation recovers fills missed while down, exactly once', async () => {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const order = must(h.oms.submit(buyLimit(100, 99)));
    h.oms.flush();
    const journalAtCrash = [...h.journal.committed];
    h.tick(quote('AAPL', 98, 98.5, 5)); // fills while "we" are down: the new process never saw this
    const restarted = harness({ venue: h.venue, clock: h.clock });
    restoreFromJournal(restarted.oms, journalAtCrash);
    const first = await reconcile(restarted.oms);
    const second = await reconcile(restarted.oms);
    expect(first.fillsRecovered).toBe(1);
    expect(second.fillsRecovered).toBe(0);
    expect(restarted.oms.order(order.clientOrderId)?.status).toBe('Filled');
    expect(restarted.positions.quantity('U1', 'AAPL')).toBe(100);
  });

  it('times out an unanswered request into Unknown', () => {
    const clock = new ManualClock(0);
    const h = harness({ clock, fillModel: { latencyMs: 10_000, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1 } });
    h.tick(quote('AAPL', 100, 100.01));
    const order = must(h.oms.submit(buyLimit(1, 99)));
    h.oms.flush();
    clock.advance(4_999);
    expect(h.oms.checkTimeouts()).toEqual([]);
    clock.advance(1);
    expect(h.oms.checkTimeouts()).toEqual([order.clientOrderId]);
    expect(order.status).toBe('Unknown');
    expect(h.oms.cancel(order.clientOrderId)).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', from: 'Unknown' } });
    // the late acknowledgement settles it
    clock.advance(5_000);
    h.venue.poll();
    expect(order.status).toBe('Accepted');
    expect(INSTRUMENTS.length).toBeGreaterThan(0);
    void MemoryJournal;
  });
});
