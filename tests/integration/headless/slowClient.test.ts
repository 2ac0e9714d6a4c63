// A client that stops reading cannot grow the backend's memory: its requests wait in its own socket once its replies
// back up, market data to it is dropped, and reliable events piling up past the bound close it with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { OUTGOING_HARD_LIMIT_BYTES, OUTGOING_SOFT_LIMIT_BYTES } from '../../../src/main/headless/socketChannel';
import { MessageBus } from '../../../src/main/bus/messageBus';
import type { Dispatch } from '../../../src/main/api/dispatcher';
import { collect, exchangeLaunchToken, openSocket } from './headlessClient';

const TOKEN = 'slow-client-token-0123456789';
const REPLY = 'x'.repeat(200_000);
const EVENT = { payload: 'y'.repeat(50_000) };

describe('a client that never reads', () => {
  let server: HeadlessServer;
  let dir: string;
  let session: string;
  const bus = new MessageBus();
  const logged: string[] = [];
  const dispatch: Dispatch = async () => ({ ok: true, value: REPLY });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-slow-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: join(dir, 'renderer'), dispatch, bus, onLog: (_l, m) => logged.push(m) });
    session = (await exchangeLaunchToken(server.port, TOKEN)).session!;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops reading its calls once its replies back up, keeps the buffer bounded, and answers every call when it reads again', async () => {
    const { ws } = await openSocket(`ws://127.0.0.1:${server.port}/api`, { session });
    ws!.pause();
    const calls = 400; // 80 MB of replies
    for (let id = 1; id <= calls; id++) ws!.send(JSON.stringify({ kind: 'call', id, method: 'system.ping', input: {} }));
    await expect.poll(() => server.clientStats()[0]?.paused, { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 50; i++) await turn(); // let anything still in flight land
    const [stats] = server.clientStats();
    expect(stats!.peakBufferedBytes).toBeLessThan(OUTGOING_SOFT_LIMIT_BYTES + 64 * REPLY.length);
    expect(stats!.peakBufferedBytes).toBeLessThan(OUTGOING_HARD_LIMIT_BYTES);
    // Backpressure, not loss: reading again gets every reply.
    const messages = collect(ws!);
    ws!.resume();
    await expect.poll(() => messages.filter((m) => m.kind === 'result').length, { timeout: 30_000 }).toBe(calls);
    ws!.close();
  });

  it('closes it with a reason when reliable events pile up past the bound, and frees its buffer', async () => {
    const { ws } = await openSocket(`ws://127.0.0.1:${server.port}/api`, { session });
    const subscribed = new Promise((resolve) => ws!.once('message', resolve));
    ws!.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'trading.orders' }));
    await subscribed;
    ws!.pause();
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    const reason = 'websocket closed (1008): client not reading: over 32 MiB unsent';
    let published = 0;
    while (!logged.includes(reason) && published < 4_000) {
      bus.publish('trading.orders', EVENT);
      published += 1;
      await turn();
    }
    expect(logged).toContain(reason);
    await expect.poll(() => server.clientStats(), { timeout: 10_000 }).toHaveLength(0); // destroyed, its buffer freed
    expect(published * EVENT.payload.length).toBeLessThan(OUTGOING_HARD_LIMIT_BYTES + 16 * 1024 * 1024); // bounded, not 200 MB
    ws!.resume();
    expect([1006, 1008]).toContain(await closed);
  });

  it('reads its calls again once what backed up drains, though nothing more is sent to it', async () => {
    const { ws } = await openSocket(`ws://127.0.0.1:${server.port}/api`, { session });
    const subscribed = new Promise((resolve) => ws!.once('message', resolve));
    ws!.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'trading.orders' }));
    await subscribed;
    ws!.pause();
    // Small frames, each written while the last is unsent, until the buffer is over the soft limit and reading stops.
    const stopped = () => server.clientStats()[0]?.paused === true;
    let published = 0;
    for (; !stopped() && published < 4_000; published++) {
      bus.publish('trading.orders', EVENT);
      await turn();
    }
    expect(stopped()).toBe(true);
    // Nothing more is sent: only the completion of the writes already made can start its reading again.
    const messages = collect(ws!);
    ws!.resume();
    ws!.send(JSON.stringify({ kind: 'call', id: 1, method: 'system.ping', input: {} }));
    await expect.poll(() => messages.filter((m) => m.kind === 'event').length, { timeout: 30_000 }).toBe(published);
    await expect.poll(() => messages.some((m) => m.kind === 'result' && m.id === 1), { timeout: 10_000 }).toBe(true);
    expect(server.clientStats()[0]?.paused).toBe(false);
    ws!.close();
  });
});
