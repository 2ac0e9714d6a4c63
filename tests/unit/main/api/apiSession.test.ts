// One client's session: reliable topics arrive whole; market data is paced per subscription to the latest value.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiSession } from '../../../../src/main/api/apiSession';
import { MessageBus } from '../../../../src/main/bus/messageBus';
import type { ServerMessage } from '../../../../src/shared/contracts/wire';

describe('api session pacing', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  function setup(marketIntervalMs: number) {
    const bus = new MessageBus({ retryMs: 5 });
    const sent: ServerMessage[] = [];
    const session = createApiSession({ dispatch: async () => ({ ok: true, value: null }), bus, send: (m) => sent.push(m), marketIntervalMs });
    return { bus, sent, session };
  }
  const events = (sent: ServerMessage[]) => sent.filter((m) => m.kind === 'event') as Extract<ServerMessage, { kind: 'event' }>[];

  it('delivers a quote stream at most once per interval, always ending on the latest value', async () => {
    const { bus, sent, session } = setup(50);
    session.receive({ kind: 'subscribe', id: 1, topic: 'market.quotes.*' });
    for (let i = 0; i < 40; i++) {
      bus.publish('market.quotes.ABC', { symbol: 'ABC', last: i });
      await vi.advanceTimersByTimeAsync(5); // 200 ms of quotes every 5 ms
    }
    await vi.advanceTimersByTimeAsync(100);
    const delivered = events(sent).map((e) => (e.data as { last: number }).last);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    expect(delivered.length).toBeLessThanOrEqual(6); // 250 ms / 50 ms, not 40
    expect(delivered.at(-1)).toBe(39);
    expect(events(sent).every((e) => e.topic === 'market.quotes.ABC')).toBe(true);
  });

  it('never paces or drops reliable topics', async () => {
    const { bus, sent, session } = setup(50);
    session.receive({ kind: 'subscribe', id: 2, topic: 'trading.orders' });
    for (let i = 0; i < 40; i++) bus.publish('trading.orders', { n: i });
    await vi.advanceTimersByTimeAsync(1);
    expect(events(sent).map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
