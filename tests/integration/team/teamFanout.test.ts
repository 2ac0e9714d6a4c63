// Two real team servers sharing one real redis-server: primary A trades, replica B serves a WebSocket client the
// quotes and the order and fill events A produced, in A's order and exactly once; B refuses orders; Redis restarted
// mid-stream, B resumes after what it relayed (nothing twice, nothing A held meanwhile lost); /health and /metrics
// say where Redis stands on each side; a malformed entry is skipped and logged on B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/headless/headlessHost';
import { collect, exchangeLaunchToken, httpRequest, openSocket } from '../headless/headlessClient';
import { fakeRenderer } from './teamClient';
import { waitFor } from '../../support/waitFor';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../support/redisServer';

if (redisUnavailable()) console.warn(`skipped: ${redisUnavailable()}`);

const STREAM = 'test:team-fanout';
type Message = Record<string, unknown>;
type Event = { topic: string; data: Record<string, unknown> };

/** The order and fill events of `orderIds`, as (topic, order id, status or execution id): their order is the point. */
const tradingTrail = (events: readonly Event[], orderIds: readonly string[]) =>
  events
    .filter((e) => (e.topic === 'trading.orders' && orderIds.includes(e.data.clientOrderId as string)) || (e.topic === 'trading.fills' && orderIds.includes((e.data.fill as Message).clientOrderId as string)))
    .map((e) => (e.topic === 'trading.orders' ? [e.topic, e.data.clientOrderId, e.data.status, e.data.filledQuantity] : [e.topic, (e.data.fill as Message).clientOrderId, (e.data.fill as Message).executionId]));

describe.skipIf(redisUnavailable())('team servers fanning out through Redis Streams', () => {
  let dir: string;
  let redis: RedisServer;
  let primary: HeadlessHost;
  let replica: HeadlessHost;
  let ws: WebSocket;
  let messages: Message[];
  const replicaLog: string[] = [];
  /** Everything A's own bus carried on the fanned-out topics this test watches, in A's order (JSON as it travels). */
  const onPrimary: Event[] = [];
  let symbol: string;

  const start = (name: string, role: 'primary' | 'replica', echoLog?: (line: string) => void) =>
    startHeadlessHost({
      dataDir: join(dir, name),
      host: '127.0.0.1',
      port: 0,
      rendererDir: fakeRenderer(dir),
      engines: [],
      poolSize: 1,
      syntheticHistory: false,
      fanout: { url: redis.url, role, stream: STREAM },
      ...(echoLog ? { echoLog } : {}),
    });

  const received = (): Event[] => messages.filter((m) => m.kind === 'event').map((m) => ({ topic: m.topic as string, data: m.data as Record<string, unknown> }));
  let submitted = 0;
  // Each order differs in size: the duplicate-order guard refuses the same order twice within its window.
  const submit = async () => {
    submitted += 1;
    const reply = (await primary.workstation.dispatch('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: submitted, timeInForce: 'DAY' })) as { ok: boolean; value: { ok: boolean; value: { clientOrderId: string } } };
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, value: { ok: true } });
    return reply.value.value.clientOrderId;
  };
  const filledOn = (events: readonly Event[], orderId: string) => events.some((e) => e.topic === 'trading.fills' && (e.data.fill as Message).clientOrderId === orderId);
  const probe = async (host: HeadlessHost, path: string) => {
    const reply = await httpRequest(host.server.port, path, { headers: { Host: `127.0.0.1:${host.server.port}` } });
    return { status: reply.status, body: reply.body };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-fanout-'));
    redis = await startRedisServer();
    primary = await start('a', 'primary');
    replica = await start('b', 'replica', (line) => replicaLog.push(line));
    symbol = primary.workstation.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1)!.symbol;
    for (const topic of ['trading.orders', 'trading.fills', `market.quotes.${symbol}`]) {
      primary.workstation.bus.subscribe(topic, (data, actual) => onPrimary.push({ topic: actual, data: JSON.parse(JSON.stringify(data)) }));
    }
    const session = (await exchangeLaunchToken(replica.server.port, replica.token)).session!;
    const opened = await openSocket(`ws://127.0.0.1:${replica.server.port}/api`, { session });
    ws = opened.ws!;
    messages = collect(ws);
    ['trading.orders', 'trading.fills', `market.quotes.${symbol}`].forEach((topic, i) => ws.send(JSON.stringify({ kind: 'subscribe', id: i + 1, topic })));
    await waitFor(() => messages.filter((m) => m.kind === 'subscribed' && m.error === undefined).length === 3, "B's subscriptions");
    await waitFor(() => (replica.fanout?.status().position ?? null) !== null, 'B reading the stream');
  }, 90_000);
  afterAll(async () => {
    ws?.close();
    await replica?.stop();
    await primary?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("gives B's client A's quotes and A's order and fill events, in A's order, exactly once; B refuses orders", async () => {
    const orderId = await submit();
    await expect.poll(() => filledOn(received(), orderId), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => tradingTrail(received(), [orderId]), { timeout: 30_000 }).toEqual(tradingTrail(onPrimary, [orderId]));
    expect(tradingTrail(received(), [orderId]).filter(([topic]) => topic === 'trading.fills')).toHaveLength(1);
    // The fill reaches B as A sent it, field for field.
    const fillOnA = onPrimary.find((e) => e.topic === 'trading.fills' && (e.data.fill as Message).clientOrderId === orderId);
    expect(received().find((e) => e.topic === 'trading.fills')).toEqual(fillOnA);

    // Quotes: A's (not B's own simulated market), each once, in time order (B's client is paced, so some are skipped).
    await expect.poll(() => received().filter((e) => e.topic === `market.quotes.${symbol}`).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const quotesOnB = received().filter((e) => e.topic === `market.quotes.${symbol}`).map((e) => e.data);
    const quotesOnA = onPrimary.filter((e) => e.topic === `market.quotes.${symbol}`).map((e) => e.data);
    for (const quote of quotesOnB) expect(quotesOnA).toContainEqual(quote);
    const times = quotesOnB.map((q) => q.time as number);
    expect(times).toEqual([...new Set(times)].sort((x, y) => x - y));

    // Its quote snapshot is the latest it relayed from A, not its own simulated market's.
    ws.send(JSON.stringify({ kind: 'call', id: 98, method: 'market.quotes', input: { symbols: [symbol] } }));
    await expect.poll(() => messages.find((m) => m.kind === 'result' && m.id === 98)).toMatchObject({ ok: true });
    const snapshot = messages.find((m) => m.kind === 'result' && m.id === 98)!.value as Message[];
    expect(snapshot).toHaveLength(1);
    expect(onPrimary.filter((e) => e.topic === `market.quotes.${symbol}`).map((e) => e.data)).toContainEqual(snapshot[0]);
    ws.send(JSON.stringify({ kind: 'call', id: 97, method: 'market.quotes', input: { symbols: [''] } }));
    await expect.poll(() => messages.find((m) => m.kind === 'result' && m.id === 97)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const ask = JSON.stringify({ kind: 'call', id: 99, method: 'orders.submit', input: { symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' } });
    ws.send(ask);
    await expect.poll(() => messages.find((m) => m.kind === 'result' && m.id === 99)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', replica: true } });
    // A read of the desk is the primary's too: B's own trading node is idle, and its empty order list would lie.
    ws.send(JSON.stringify({ kind: 'call', id: 96, method: 'orders.list', input: {} }));
    await expect.poll(() => messages.find((m) => m.kind === 'result' && m.id === 96)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', replica: true, method: 'orders.list' } });
    ws.send(JSON.stringify({ kind: 'call', id: 95, method: 'system.ping', input: {} }));
    await expect.poll(() => messages.find((m) => m.kind === 'result' && m.id === 95)).toMatchObject({ ok: true });
  }, 90_000);

  it('skips and logs a malformed entry on B, and goes on relaying', async () => {
    const writer = new Redis(redis.url);
    const id = await writer.xadd(STREAM, '*', 'p', 'intruder', 's', '1', 't', 'trading.fills', 'd', '{"fill":{}}');
    writer.disconnect();
    await expect.poll(() => replicaLog.some((l) => l.includes(`skipped stream entry ${id}: payload of trading.fills at fill.executionId`)), { timeout: 30_000 }).toBe(true);
    const orderId = await submit();
    await expect.poll(() => filledOn(received(), orderId), { timeout: 30_000 }).toBe(true);
    const metrics = (await probe(replica, '/metrics')).body;
    expect(metrics).toContain('nautilus_fanout_malformed_total{role="replica"} 1');
    expect(metrics).toMatch(/nautilus_fanout_entries_total\{role="replica"\} [1-9]/);
    expect(metrics).toContain('nautilus_fanout_redis_up{role="replica"} 1');
    expect(metrics).toMatch(/nautilus_fanout_lag_seconds\{role="replica"\} \d/);
    expect((await probe(primary, '/metrics')).body).toMatch(/nautilus_fanout_entries_total\{role="primary"\} [1-9]/);
  }, 90_000);

  it('resumes after Redis restarts: what A did meanwhile reaches B, and nothing B relayed comes again', async () => {
    const before = onPrimary.filter((e) => e.topic === 'trading.orders').map((e) => e.data.clientOrderId as string);
    const port = redis.port;
    await redis.stop();
    await expect.poll(() => replica.fanout?.status().redisUp, { timeout: 30_000 }).toBe(false);
    await expect.poll(() => primary.fanout?.status().redisUp, { timeout: 30_000 }).toBe(false);
    // B without Redis serves a frozen desk: not ready. A still trades: ready, naming Redis as down.
    const replicaReady = await probe(replica, '/health/ready');
    expect(replicaReady.status).toBe(503);
    expect(JSON.parse(replicaReady.body)).toMatchObject({ ready: false, down: ['redis'] });
    const primaryReady = await probe(primary, '/health/ready');
    expect(primaryReady.status).toBe(200);
    expect(JSON.parse(primaryReady.body)).toMatchObject({ ready: true, down: ['redis'] });

    const duringOutage = await submit();
    await expect.poll(() => filledOn(onPrimary, duringOutage), { timeout: 30_000 }).toBe(true);
    expect(primary.fanout!.status().backlog).toBeGreaterThan(0);
    expect(filledOn(received(), duringOutage)).toBe(false);

    redis = await startRedisServer({ port });
    await expect.poll(() => filledOn(received(), duringOutage), { timeout: 60_000 }).toBe(true);
    const orderIds = [...new Set([...before, duringOutage])];
    await expect.poll(() => tradingTrail(received(), orderIds), { timeout: 30_000 }).toEqual(tradingTrail(onPrimary, orderIds));
    // Quotes too: none relayed twice across the restart, still in A's time order.
    const times = received().filter((e) => e.topic === `market.quotes.${symbol}`).map((e) => e.data.time as number);
    expect(times).toEqual([...new Set(times)].sort((x, y) => x - y));
    expect((await probe(replica, '/health/ready')).status).toBe(200);
  }, 120_000);
});
