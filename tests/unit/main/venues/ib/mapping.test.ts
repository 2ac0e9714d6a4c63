// Pure pieces of the IB adapter: connection state table, error codes, order ids, order mapping, profiles, TWS times.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { connectionTransition, IB_CONNECTION_EVENTS, IB_CONNECTION_STATES, IB_CONNECTION_TABLE } from '../../../../../src/main/venues/ib/connectionStateTable';
import { classifyIbError } from '../../../../../src/main/venues/ib/errorMapping';
import { highestIbOrderIdInJournal, OrderIdAllocator, REQUEST_ID_BASE } from '../../../../../src/main/venues/ib/orderIds';
import { toIbBracket, toIbOrder, fromIbOrder } from '../../../../../src/main/venues/ib/orderMapping';
import { parseConnectionProfile, presetProfile, isLivePort } from '../../../../../src/main/venues/ib/connectionProfile';
import { formatExecutionFilterTime, parseIbTime } from '../../../../../src/main/venues/ib/ibTime';
import type { VenueOrder } from '../../../../../src/core/trading/venue';

const order = (o: Partial<VenueOrder>): VenueOrder => ({ clientOrderId: 'C000000000001', symbol: 'AAPL', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 10, limitPrice: 100, stopPrice: null, ...o });

describe('IB connection state table', () => {
  it('only trading-ready state is connected, and every session-losing event leads to backoff or disconnected', () => {
    for (const state of IB_CONNECTION_STATES) {
      for (const event of IB_CONNECTION_EVENTS) {
        const to = IB_CONNECTION_TABLE[state][event];
        if (to === 'connected') expect(event).toBe('RECONCILED');
        if (['SOCKET_CLOSED', 'HEARTBEAT_TIMEOUT', 'PROTOCOL_FAULT'].includes(event) && to !== undefined) expect(to).toBe('backoff');
        if (event === 'DISCONNECT') expect(to).toBe('disconnected');
      }
    }
    expect(connectionTransition('connected', 'SESSION_STARTED')).toMatchObject({ ok: false, error: { code: 'INVALID_CONNECTION_TRANSITION' } });
  });

  it('no sequence of events reaches connected without a reconciliation since the last connectivity loss or new session', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...IB_CONNECTION_EVENTS), { maxLength: 40 }), (events) => {
        let state: (typeof IB_CONNECTION_STATES)[number] = 'disconnected';
        let reconciledSinceLoss = false;
        for (const e of events) {
          const next = connectionTransition(state, e);
          if (!next.ok) continue;
          if (e === 'RECONCILED') reconciledSinceLoss = true;
          if (e === 'SESSION_STARTED' || e === 'CONNECTIVITY_LOST' || e === 'CONNECTIVITY_RESTORED') reconciledSinceLoss = false;
          state = next.value;
          if (state === 'connected') expect(reconciledSinceLoss).toBe(true);
        }
      }),
    );
  });
});

describe('IB error codes', () => {
  it.each([
    [201, 'ORDER_REFUSED', 'ORDER_REJECTED'],
    [103, 'ORDER_REFUSED', 'DUPLICATE_ORDER_ID'],
    [110, 'ORDER_REFUSED', 'BAD_PRICE_INCREMENT'],
    [10147, 'CANCEL_REFUSED', 'CANCEL_UNKNOWN_ORDER'],
    [10148, 'CANCEL_REFUSED', 'CANCEL_NOT_CANCELLABLE'],
    [161, 'CANCEL_REFUSED', 'CANCEL_NOT_CANCELLABLE'],
  ])('%i → %s %s', (code, kind, typed) => {
    expect(classifyIbError(code)).toEqual({ kind, code: typed });
  });
  it('202 is a cancel (an expiry when IB says so), 1100/1101/1102 connectivity, 505 a protocol fault, 2104 info', () => {
    expect(classifyIbError(202, 'Order Canceled - reason:')).toEqual({ kind: 'ORDER_CANCELED', expired: false });
    expect(classifyIbError(202, 'Order Canceled - reason:Expired')).toEqual({ kind: 'ORDER_CANCELED', expired: true });
    expect(classifyIbError(1100).kind).toBe('CONNECTIVITY_LOST');
    expect(classifyIbError(1101)).toEqual({ kind: 'CONNECTIVITY_RESTORED', dataLost: true });
    expect(classifyIbError(1102)).toEqual({ kind: 'CONNECTIVITY_RESTORED', dataLost: false });
    expect(classifyIbError(505).kind).toBe('PROTOCOL_FAULT');
    expect(classifyIbError(2104).kind).toBe('INFO');
  });
});

describe('IB order ids', () => {
  it('next = max(nextValidId, highest used + 1); never reused after a lower nextValidId; below the request id range', () => {
    const ids = new OrderIdAllocator(40);
    ids.onNextValidId(10);
    expect(ids.next()).toBe(41);
    ids.onNextValidId(100);
    expect(ids.next()).toBe(100);
    ids.onNextValidId(5);
    expect(ids.next()).toBe(101);
    ids.observe(500);
    expect(ids.next()).toBe(501);
    expect(ids.next()).toBeLessThan(REQUEST_ID_BASE);
  });
  it('reads the high-water mark from a journal: ACCEPTED and FILL venue order ids of orders routed to the venue', () => {
    const spec = (id: string) => ({ clientOrderId: id }) as never;
    const records = [
      { kind: 'ORDER_SUBMITTED', time: 0, order: spec('C1'), venue: 'IB' },
      { kind: 'ORDER_SUBMITTED', time: 0, order: spec('C2'), venue: 'SIM' },
      { kind: 'VENUE_EVENT', time: 0, event: { kind: 'ACCEPTED', clientOrderId: 'C1', venueOrderId: '77', time: 0 } },
      { kind: 'VENUE_EVENT', time: 0, event: { kind: 'ACCEPTED', clientOrderId: 'C2', venueOrderId: '900', time: 0 } },
    ] as const;
    expect(highestIbOrderIdInJournal(records as never, 'IB')).toBe(77);
  });
});

describe('order mapping', () => {
  it('maps every type and TIF, with our id in orderRef; refuses missing prices', () => {
    expect(toIbOrder(order({}))).toMatchObject({ ok: true, value: { action: 'BUY', orderType: 'LMT', lmtPrice: 100, tif: 'GTC', orderRef: 'C000000000001', totalQuantity: 10, transmit: true } });
    expect(toIbOrder(order({ type: 'MARKET', limitPrice: null, timeInForce: 'IOC' }))).toMatchObject({ ok: true, value: { orderType: 'MKT', tif: 'IOC' } });
    expect(toIbOrder(order({ type: 'STOP', limitPrice: null, stopPrice: 95, side: 'SELL', timeInForce: 'FOK' }))).toMatchObject({ ok: true, value: { orderType: 'STP', auxPrice: 95, action: 'SELL', tif: 'FOK' } });
    expect(toIbOrder(order({ type: 'STOP_LIMIT', stopPrice: 95, limitPrice: 94.5 }))).toMatchObject({ ok: true, value: { orderType: 'STP LMT', auxPrice: 95, lmtPrice: 94.5 } });
    expect(toIbOrder(order({ type: 'STOP', stopPrice: null }))).toMatchObject({ ok: false, error: { code: 'STOP_PRICE_REQUIRED' } });
    expect(toIbOrder(order({ quantity: 0 }))).toMatchObject({ ok: false, error: { code: 'BAD_QUANTITY' } });
    const ib = toIbOrder(order({ type: 'STOP_LIMIT', stopPrice: 95, limitPrice: 94.5 }));
    if (ib.ok) expect(fromIbOrder('C000000000001', 'AAPL', ib.value)).toEqual(order({ type: 'STOP_LIMIT', stopPrice: 95, limitPrice: 94.5 }));
  });
  it('a bracket: parent and take-profit held (transmit=false), stop-loss transmits the family, children name the parent', () => {
    const b = toIbBracket({ entry: order({}), takeProfit: order({ side: 'SELL', limitPrice: 110 }), stopLoss: order({ side: 'SELL', type: 'STOP', limitPrice: null, stopPrice: 90 }) }, [5, 6, 7]);
    expect(b.ok && b.value.map((o) => [o.transmit, o.parentId])).toEqual([[false, undefined], [false, 5], [true, 5]]);
    expect(toIbBracket({ entry: order({}), takeProfit: order({}), stopLoss: order({ side: 'SELL', type: 'STOP', stopPrice: 90 }) }, [1, 2, 3])).toMatchObject({ ok: false, error: { reason: 'EXITS_MUST_BE_OPPOSITE_SIDE' } });
  });
});

describe('connection profiles and TWS times', () => {
  it('validates profiles and names the bad field', () => {
    expect(parseConnectionProfile(presetProfile('GATEWAY_PAPER', 3))).toMatchObject({ ok: true, value: { port: 4002, clientId: 3 } });
    expect(isLivePort(presetProfile('TWS_LIVE', 1))).toBe(true);
    const bad = parseConnectionProfile({ name: 'x', host: 'local host', port: 70000, clientId: -1 });
    expect(bad.ok ? [] : bad.error.issues.map((i) => i.path).sort()).toEqual(['profile.clientId', 'profile.host', 'profile.port']);
  });
  it('parses execution times with and without zones, and formats the execution filter in UTC', () => {
    expect(parseIbTime('20240102 15:01:00 UTC')).toBe(Date.UTC(2024, 0, 2, 15, 1, 0));
    expect(parseIbTime('20240102 10:01:00 US/Eastern')).toBe(Date.UTC(2024, 0, 2, 15, 1, 0));
    expect(parseIbTime('1704207660')).toBe(1704207660_000);
    expect(parseIbTime('garbage')).toBeUndefined();
    expect(formatExecutionFilterTime(Date.UTC(2024, 0, 2, 14, 30, 0))).toBe('20240102-14:30:00');
  });
});
