// One connection's subscriptions: a topic once, at most MAX_SUBSCRIPTIONS_PER_CONNECTION, each refusal with a code;
// and the client shares one subscription per topic among its panels, so it never asks twice.
import { describe, expect, it } from 'vitest';
import { createApiSession, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../../src/main/api/apiSession';
import { MessageBus } from '../../../../src/main/bus/messageBus';
import { createMessageTransport } from '../../../../src/shared/contracts/messageTransport';
import type { ClientMessage, ServerMessage } from '../../../../src/shared/contracts/wire';

function session() {
  const bus = new MessageBus({ schedule: (fn) => fn() });
  const sent: ServerMessage[] = [];
  const s = createApiSession({ dispatch: async () => ({ ok: true, value: null }), bus, send: (m) => sent.push(m) });
  const subscribed = (id: number) => sent.find((m) => m.kind === 'subscribed' && m.id === id) as Extract<ServerMessage, { kind: 'subscribed' }>;
  return { bus, sent, session: s, subscribed };
}

describe('subscriptions per connection', () => {
  it('refuses a topic already subscribed on the connection, and delivers it once', () => {
    const { bus, sent, session: s, subscribed } = session();
    s.receive({ kind: 'subscribe', id: 1, topic: 'market.quotes.ABC' });
    s.receive({ kind: 'subscribe', id: 2, topic: 'market.quotes.ABC' });
    s.receive({ kind: 'subscribe', id: 1, topic: 'trading.orders' });
    expect(subscribed(1)).toEqual({ kind: 'subscribed', id: 1 });
    expect(subscribed(2).error).toMatchObject({ code: 'DUPLICATE_SUBSCRIPTION', topic: 'market.quotes.ABC' });
    expect(sent.filter((m) => m.kind === 'subscribed' && m.id === 1 && m.error?.code === 'DUPLICATE_SUBSCRIPTION')).toHaveLength(1);
    bus.publish('market.quotes.ABC', { last: 1 });
    expect(sent.filter((m) => m.kind === 'event')).toHaveLength(1);
  });

  it('allows the topic again after it is unsubscribed', () => {
    const { session: s, subscribed } = session();
    s.receive({ kind: 'subscribe', id: 1, topic: 'trading.orders' });
    s.receive({ kind: 'unsubscribe', id: 1 });
    s.receive({ kind: 'subscribe', id: 2, topic: 'trading.orders' });
    expect(subscribed(2)).toEqual({ kind: 'subscribed', id: 2 });
  });

  it(`caps a connection at ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions with TOO_MANY_SUBSCRIPTIONS`, () => {
    const { session: s, subscribed } = session();
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) s.receive({ kind: 'subscribe', id: i, topic: `market.quotes.S${i}` });
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) expect(subscribed(i).error).toBeUndefined();
    s.receive({ kind: 'subscribe', id: 9999, topic: 'trading.orders' });
    expect(subscribed(9999).error).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', max: MAX_SUBSCRIPTIONS_PER_CONNECTION });
  });

  it('the client transport asks once per topic however many panels follow it, and lets go after the last', () => {
    const sentByClient: ClientMessage[] = [];
    let deliver: (m: ServerMessage) => void = () => undefined;
    const transport = createMessageTransport({ send: (m) => void sentByClient.push(m), onMessage: (h) => (deliver = h as typeof deliver) });
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = transport.subscribe('trading.orders', (d) => a.push(d));
    const offB = transport.subscribe('trading.orders', (d) => b.push(d));
    expect(sentByClient).toEqual([{ kind: 'subscribe', id: 1, topic: 'trading.orders' }]);
    deliver({ kind: 'event', id: 1, topic: 'trading.orders', data: 'x' });
    expect([a, b]).toEqual([['x'], ['x']]);
    offA();
    offA();
    expect(sentByClient).toHaveLength(1);
    offB();
    expect(sentByClient.at(-1)).toEqual({ kind: 'unsubscribe', id: 1 });
    transport.resubscribe();
    expect(sentByClient).toHaveLength(2);
  });
});
