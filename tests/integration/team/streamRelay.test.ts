// The fan-out's two ends against a real redis-server: a relay republishes each valid stream entry once, in order,
// skips (and logs, by stream id) any entry that fails validation or repeats a publisher's sequence, and a publisher's
// events reach the stream in bus order with the fields a relay checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { StreamPublisher, StreamRelay } from '../../../src/main/team/streamFanout';
import { encodeFanoutEntry } from '../../../src/main/team/fanoutEntry';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../support/redisServer';

if (redisUnavailable()) console.warn(`skipped: ${redisUnavailable()}`);

const entry = (event: Parameters<typeof encodeFanoutEntry>[0]): string[] => {
  const fields = encodeFanoutEntry(event);
  if (!fields.ok) throw new Error(fields.error);
  return fields.value;
};
const quote = (symbol: string, time: number, bid: number) => ({ symbol, time, bid, ask: bid + 0.01, bidSize: 100, askSize: 100, last: bid, volume: 1000 });

describe.skipIf(redisUnavailable())('Redis Streams fan-out ends', () => {
  let redis: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedisServer();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  /** A relay on `stream` into a fresh bus, recording what it republishes and what it logs. */
  async function relayOn(stream: string) {
    const bus = new MessageBus({ schedule: (fn) => fn() });
    const received: Array<{ topic: string; data: unknown }> = [];
    bus.subscribe('>', (data, topic) => received.push({ topic, data }));
    const logs: string[] = [];
    const relay = new StreamRelay(bus, { url: redis.url, stream, log: (_level, line) => logs.push(line) });
    await expect.poll(() => relay.status().redisUp).toBe(true);
    return { relay, received, logs };
  }

  it('skips and logs each malformed entry by its stream id, and relays the valid ones around them in order', async () => {
    const stream = 'test:malformed';
    // The relay starts after the newest entry: seed one so it has a place to start from.
    await client.xadd(stream, '*', ...entry({ publisher: 'seed', seq: 1, topic: 'trading.status', data: { halted: false } }));
    const { relay, received, logs } = await relayOn(stream);
    await expect.poll(() => relay.status().position).not.toBeNull();
    await client.xadd(stream, '*', ...entry({ publisher: 'p1', seq: 1, topic: 'market.quotes.AAA', data: quote('AAA', 1_700_000_000_000, 10) }));
    const notJson = await client.xadd(stream, '*', 'p', 'p1', 's', '2', 't', 'trading.status', 'd', '{halted');
    const badField = await client.xadd(stream, '*', ...entry({ publisher: 'p1', seq: 3, topic: 'market.quotes.AAA', data: { ...quote('AAA', 1_700_000_000_001, 10), bid: 'ten' } }));
    const wrongSymbol = await client.xadd(stream, '*', ...entry({ publisher: 'p1', seq: 4, topic: 'market.quotes.AAA', data: quote('BBB', 1_700_000_000_002, 10) }));
    const localTopic = await client.xadd(stream, '*', ...entry({ publisher: 'p1', seq: 5, topic: 'system.log', data: { level: 'info' } }));
    const missing = await client.xadd(stream, '*', 'p', 'p1', 't', 'trading.status', 'd', '{}');
    await client.xadd(stream, '*', ...entry({ publisher: 'p1', seq: 6, topic: 'trading.status', data: { halted: true } }));
    await expect.poll(() => relay.status().entries).toBe(2);
    expect(received).toEqual([
      { topic: 'market.quotes.AAA', data: quote('AAA', 1_700_000_000_000, 10) },
      { topic: 'trading.status', data: { halted: true } },
    ]);
    expect(relay.status().malformed).toBe(5);
    const skipped = logs.filter((l) => l.startsWith('fanout: skipped stream entry'));
    expect(skipped).toEqual([
      expect.stringContaining(`${notJson}: field d of trading.status: not JSON`),
      expect.stringContaining(`${badField}: payload of market.quotes.AAA at bid:`),
      expect.stringContaining(`${wrongSymbol}: payload of market.quotes.AAA: symbol BBB is not the topic's`),
      expect.stringContaining(`${localTopic}: topic "system.log" is not fanned out`),
      expect.stringContaining(`${missing}: field s:`),
    ]);
    await relay.stop();
  });

  it("relays a publisher's resent entry once (same run, same sequence), and a restarted publisher's from its first", async () => {
    const stream = 'test:duplicates';
    await client.xadd(stream, '*', ...entry({ publisher: 'seed', seq: 1, topic: 'trading.status', data: { halted: false } }));
    const { relay, received } = await relayOn(stream);
    await expect.poll(() => relay.status().position).not.toBeNull();
    const order = (seq: number) => ({ clientOrderId: `o${seq}`, symbol: 'AAA', status: 'New', quantity: 1, filledQuantity: 0, updatedAt: 1_700_000_000_000 });
    for (const [publisher, seq] of [['run1', 1], ['run1', 2], ['run1', 2], ['run1', 1], ['run1', 3], ['run2', 1]] as const) {
      await client.xadd(stream, '*', ...entry({ publisher, seq, topic: 'trading.orders', data: order(seq) }));
    }
    await expect.poll(() => relay.status().entries + relay.status().duplicates).toBe(6);
    expect(received.map((r) => (r.data as { clientOrderId: string }).clientOrderId)).toEqual(['o1', 'o2', 'o3', 'o1']);
    expect(relay.status().duplicates).toBe(2);
    await relay.stop();
  });

  it("appends the bus's fanned-out topics in bus order, and nothing else", async () => {
    const stream = 'test:publisher';
    const bus = new MessageBus({ schedule: (fn) => fn() });
    const publisher = new StreamPublisher(bus, { url: redis.url, stream, log: () => undefined });
    await expect.poll(() => publisher.status().redisUp).toBe(true);
    for (let i = 1; i <= 5; i++) bus.publish('trading.orders', { clientOrderId: `o${i}`, symbol: 'AAA', status: 'New', quantity: i, filledQuantity: 0, updatedAt: 1_700_000_000_000 });
    bus.publish('system.log', { level: 'info', message: 'local only' });
    bus.publish('engine.health', { name: 'risk', state: 'up' });
    await expect.poll(() => publisher.status().entries).toBe(5);
    const entries = (await client.xrange(stream, '-', '+')) as Array<[string, string[]]>;
    expect(entries.map(([, f]) => [f[1], f[3], f[5], JSON.parse(f[7] as string).clientOrderId])).toEqual(
      [1, 2, 3, 4, 5].map((i) => [publisher.publisherId, String(i), 'trading.orders', `o${i}`]),
    );
    expect(publisher.status().backlog).toBe(0);
    await publisher.stop();
  });

  it('leaves out an event JSON cannot carry, and one Redis refuses, instead of blocking the events behind it', async () => {
    const stream = 'test:poison';
    const bus = new MessageBus({ schedule: (fn) => fn() });
    const logs: string[] = [];
    const publisher = new StreamPublisher(bus, { url: redis.url, stream, log: (_level, line) => logs.push(line) });
    await expect.poll(() => publisher.status().redisUp).toBe(true);
    const order = (id: string, extra: object = {}) => ({ clientOrderId: id, symbol: 'AAA', status: 'New', quantity: 1, filledQuantity: 0, updatedAt: 1_700_000_000_000, ...extra });
    bus.publish('trading.orders', order('big', { quantity: 10n }));
    bus.publish('trading.orders', order('after-big'));
    await expect.poll(() => publisher.status().entries).toBe(1);
    expect(logs).toContainEqual(expect.stringMatching(/^fanout: trading\.orders event not shared: payload is not JSON: .*BigInt/));

    // The key holds something that is not a stream: Redis refuses each append (WRONGTYPE); they are counted, not retried.
    await client.del(stream);
    await client.set(stream, 'not a stream');
    bus.publish('trading.orders', order('refused'));
    await expect.poll(() => publisher.status().dropped).toBe(2);
    expect(publisher.status().backlog).toBe(0);
    expect(logs).toContainEqual(expect.stringMatching(/^fanout: Redis refused event 2: WRONGTYPE/));
    await client.del(stream);
    bus.publish('trading.orders', order('after-refused'));
    await expect.poll(() => publisher.status().entries).toBe(2);
    const entries = (await client.xrange(stream, '-', '+')) as Array<[string, string[]]>;
    expect(entries.map(([, f]) => JSON.parse(f[7] as string).clientOrderId)).toEqual(['after-refused']);
    await publisher.stop();
  });
});
