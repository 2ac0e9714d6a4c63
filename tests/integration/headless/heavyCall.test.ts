// A heavy research call over the socket neither stalls trading nor breaks the socket: the moving average runs in
// the features engine, its input is capped to what one frame carries, and an over-cap input is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { MAX_SERIES_VALUES } from '../../../src/shared/contracts/wire';
import { collect, exchangeLaunchToken, openSocket } from './headlessClient';

describe('a heavy call beside an order', () => {
  let dir: string;
  let workstation: Workstation;
  let server: HeadlessServer;
  let ws: WebSocket;
  let messages: Array<Record<string, unknown>>;
  let symbol: string;
  let session: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-heavy-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    workstation = await Workstation.start({ dataDir: join(dir, 'data'), host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['features'], syntheticHistory: false });
    for (let i = 0; i < 400 && workstation.supervisor.healthOf('features').state !== 'up'; i++) await new Promise((r) => setTimeout(r, 50));
    server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token: 'heavy-token-0123456789', rendererDir: join(dir, 'renderer'), dispatch: workstation.dispatch, bus: workstation.bus });
    session = (await exchangeLaunchToken(server.port, 'heavy-token-0123456789')).session!;
    ws = (await openSocket(`ws://127.0.0.1:${server.port}/api`, { session })).ws!;
    messages = collect(ws);
    symbol = workstation.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1)!.symbol;
  }, 60_000);
  afterAll(async () => {
    ws?.close();
    await server?.close();
    await workstation?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const resultOf = (id: number) => messages.find((m) => m.kind === 'result' && m.id === id);
  const order = (id: number) => ({ kind: 'call', id, method: 'orders.submit', input: { symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' } });

  it('refuses one value over the cap by naming input.values, keeps the socket, and still trades', async () => {
    const values = new Array(MAX_SERIES_VALUES + 1).fill(1); // a small frame, over the schema's cap
    ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'features.movingAverage', input: { kind: 'sma', period: 20, values } }));
    ws.send(JSON.stringify(order(2)));
    await expect.poll(() => resultOf(1) && resultOf(2), { timeout: 20_000 }).toBeTruthy();
    expect(resultOf(1)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'input.values', message: expect.stringContaining(String(MAX_SERIES_VALUES)) }] } });
    expect(resultOf(2)).toMatchObject({ ok: true });
  });

  it('closes a frame over the limit with 1009 (the browser transport names the field before sending)', async () => {
    const other = (await openSocket(`ws://127.0.0.1:${server.port}/api`, { session })).ws!;
    const closed = new Promise<number>((resolve) => other.once('close', resolve));
    other.send(JSON.stringify({ kind: 'call', id: 1, method: 'features.movingAverage', input: { kind: 'sma', period: 2, values: new Array(MAX_SERIES_VALUES * 2).fill(1.2345678901234567) } }));
    expect(await closed).toBe(1009);
  });

  it('answers an order sent behind a moving average at the cap before the moving average', async () => {
    const values = Array.from({ length: MAX_SERIES_VALUES }, (_, i) => 100 + Math.sin(i / 50));
    ws.send(JSON.stringify({ kind: 'call', id: 10, method: 'features.movingAverage', input: { kind: 'ema', period: 200, values } }));
    ws.send(JSON.stringify(order(11)));
    await expect.poll(() => resultOf(10), { timeout: 30_000 }).toBeTruthy();
    const order11 = messages.findIndex((m) => m.kind === 'result' && m.id === 11);
    const heavy = messages.findIndex((m) => m.kind === 'result' && m.id === 10);
    expect(order11).toBeGreaterThanOrEqual(0);
    expect(order11).toBeLessThan(heavy);
    expect(resultOf(10)).toMatchObject({ ok: true });
    expect((resultOf(10)!.value as unknown[]).length).toBe(MAX_SERIES_VALUES);
  });
});
