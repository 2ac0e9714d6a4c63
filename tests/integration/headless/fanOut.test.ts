// One quote fanned out to many browser sockets: each receives the very frame text it always did, and the quote is
// serialized once for all of them, not once per socket (the cost `nautilus bench serve` found). Sockets subscribed under
// the same id share one frame's bytes: still a text frame, holding the turn's quotes in publish order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { MessageBus } from '../../../src/main/bus/messageBus';
import type { Dispatch } from '../../../src/main/api/dispatcher';
import { exchangeLaunchToken, openSocket } from './headlessClient';

const TOKEN = 'fan-out-token-0123456789abcdef';
const CLIENTS = 25;

describe('quotes fanned out to many sockets', () => {
  let server: HeadlessServer;
  let dir: string;
  let session: string;
  const sockets: WebSocket[] = [];
  const frames: string[][] = [];
  const bus = new MessageBus();
  const dispatch: Dispatch = async () => ({ ok: true, value: null });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-fanout-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: join(dir, 'renderer'), dispatch, bus });
    session = (await exchangeLaunchToken(server.port, TOKEN)).session!;
    for (let i = 0; i < CLIENTS; i++) {
      const { ws } = await openSocket(`ws://127.0.0.1:${server.port}/api`, { session });
      const received: string[] = [];
      ws!.on('message', (data) => received.push(String(data)));
      // Subscription ids differ per socket, as pages choose their own.
      ws!.send(JSON.stringify({ kind: 'subscribe', id: 100 + i, topic: 'market.quotes.*' }));
      sockets.push(ws!);
      frames.push(received);
    }
  });
  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends every socket the frame JSON.stringify wrote, serializing the quote once', async () => {
    await expect.poll(() => frames.every((f) => f.length === 1 && JSON.parse(f[0]!).kind === 'subscribed')).toBe(true);
    let serialized = 0;
    const fields = { symbol: 'AAPL', time: 1_764_650_000_123.25, bid: 189.42, ask: 189.44, bidSize: 300, askSize: 500, last: 189.43, volume: 1_250_300 };
    // toJSON runs once per serialization of the quote, whichever JSON.stringify call reaches it.
    const quote = { ...fields, toJSON: () => (serialized++, fields) };
    bus.publish('market.quotes.AAPL', quote);
    await expect.poll(() => frames.every((f) => f.length === 2)).toBe(true);
    frames.forEach((f, i) => expect(f[1]).toBe(JSON.stringify({ kind: 'event', id: 100 + i, topic: 'market.quotes.AAPL', data: fields })));
    expect(serialized).toBe(1);
  });

  it('sends sockets subscribed under one id the same text frame, with the quotes of one turn in publish order', async () => {
    const same: Array<Array<{ text: string; binary: boolean }>> = [];
    for (let i = 0; i < 10; i++) {
      const { ws } = await openSocket(`ws://127.0.0.1:${server.port}/api`, { session });
      const received: Array<{ text: string; binary: boolean }> = [];
      ws!.on('message', (data, binary) => received.push({ text: String(data), binary }));
      ws!.send(JSON.stringify({ kind: 'subscribe', id: 7, topic: 'market.quotes.*' }));
      sockets.push(ws!);
      same.push(received);
    }
    await expect.poll(() => same.every((f) => f.length === 1)).toBe(true);
    const quotes = ['MSFT', 'AAPL', 'NVDA'].map((symbol, i) => ({ symbol, time: 1_764_650_000_000 + i, bid: 100 + i, ask: 101 + i }));
    for (const q of quotes) bus.publish(`market.quotes.${q.symbol}`, q);
    await expect.poll(() => same.every((f) => f.length === 2)).toBe(true);
    const expected = JSON.stringify(quotes.map((q) => ({ kind: 'event', id: 7, topic: `market.quotes.${q.symbol}`, data: q })));
    for (const f of same) expect(f[1]).toEqual({ text: expected, binary: false });
  });
});
