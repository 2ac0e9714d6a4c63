// Scripted faults as the real client sees them: drops, stalls, connectivity notices, malformed frames; bad client input.
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import type { FakeGateway, MalformedFrameKind } from '../../../src/main/venues/ib/fake-gateway';
import { encodeClientHello } from '../../../src/main/venues/ib/wire/handshake';
import { encodeFrame } from '../../../src/main/venues/ib/wire/frameCodec';
import { OUT } from '../../../src/main/venues/ib/wire/messageIds';
import { AAPL, connectClient, gatewayEvent, startGateway, type ConnectedClient } from './helpers';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fake IB Gateway: scripted faults', () => {
  let gateway: FakeGateway;
  let client: ConnectedClient;

  beforeEach(async () => {
    gateway = await startGateway();
    client = await connectClient(gateway, 2);
  });
  afterEach(async () => {
    client.ib.disconnect();
    await gateway.close();
  });

  it('drops the connection: the client sees a disconnect and can come back', async () => {
    gateway.script.dropConnections();
    await client.rec.waitFor(EventName.disconnected);
    expect(client.ib.isConnected).toBe(false);
  });

  it('stalls: requests go unanswered until the stall ends, then everything is answered', async () => {
    expect(gateway.script.stall({ clientId: 2 })).toBe(1);
    const before = gateway.counts.count(OUT.REQ_CURRENT_TIME);
    client.ib.reqCurrentTime();
    client.ib.reqCurrentTime();
    await pause(300); // a negative check: however slow the machine, a stalled gateway must stay silent
    expect(client.rec.all(EventName.currentTime)).toHaveLength(0);
    expect(gateway.counts.count(OUT.REQ_CURRENT_TIME)).toBe(before);
    expect(gateway.sessions()[0]?.stalled).toBe(true);
    gateway.script.unstall();
    await client.rec.waitFor(EventName.currentTime);
    await client.rec.waitFor(EventName.currentTime, () => true, { from: client.rec.events.findIndex((e) => e.name === EventName.currentTime) + 1 });
    expect(gateway.counts.count(OUT.REQ_CURRENT_TIME)).toBe(before + 2);
  });

  it('sends 1100/1101/1102 as info; market data pauses on 1100, resumes on 1102 and is lost on 1101', async () => {
    client.ib.reqMktData(5, AAPL, '', false, false);
    await client.rec.waitFor(EventName.tickPrice, (id: number) => id === 5);
    const ticks = () => client.rec.all(EventName.tickPrice).length;
    const barrier = async () => {
      const from = client.rec.mark();
      client.ib.reqCurrentTime();
      await client.rec.waitFor(EventName.currentTime, () => true, { from });
    };

    gateway.script.sendConnectivity(1100);
    await client.rec.waitFor(EventName.info, (_m: string, code: number) => code === 1100);
    const paused = ticks();
    gateway.script.advanceMarket(2);
    await barrier();
    expect(ticks()).toBe(paused);

    gateway.script.sendConnectivity(1102);
    await client.rec.waitFor(EventName.info, (_m: string, code: number) => code === 1102);
    gateway.script.advanceMarket(1);
    await barrier();
    expect(ticks()).toBeGreaterThan(paused);

    gateway.script.sendConnectivity(1101);
    await client.rec.waitFor(EventName.info, (_m: string, code: number) => code === 1101);
    const lost = ticks();
    gateway.script.advanceMarket(2);
    await barrier();
    expect(ticks()).toBe(lost);
  });

  const malformed: Array<[MalformedFrameKind, (c: ConnectedClient) => Promise<void>]> = [
    ['truncated', async (c) => void (await c.rec.waitFor(EventName.error, (e: Error, code: number) => code === 505 && /Underrun/.test(e.message)))],
    [
      'extraFields',
      async (c) => {
        await c.rec.waitFor(EventName.error, (e: Error, code: number) => code === 505 && /unprocessed data/.test(e.message));
        await c.rec.waitFor(EventName.currentTime);
      },
    ],
    ['unknownMsgId', async (c) => void (await c.rec.waitFor(EventName.error, (e: Error, code: number) => code === 505 && /No parser/.test(e.message)))],
    ['badUtf8MsgId', async (c) => void (await c.rec.waitFor(EventName.error, (_e: Error, code: number) => code === 505))],
    ['badUtf8', async (c) => void (await c.rec.waitFor(EventName.info, (m: string, code: number) => code === 2104 && m.includes('\uFFFD')))],
    [
      'hugeLength',
      async (c) => {
        await c.rec.waitFor(EventName.error, (e: Error) => /exceeded max message length/.test(e.message), { timeoutMs: 30_000 });
        await c.rec.waitFor(EventName.disconnected, () => true, { timeoutMs: 30_000 });
      },
    ],
    ['cutOff', async (c) => void (await c.rec.waitFor(EventName.disconnected))],
  ];

  for (const [kind, observe] of malformed) {
    it(`sends a malformed frame (${kind}) and the client reacts as to a real gateway`, async () => {
      expect(gateway.script.sendMalformed(kind)).toBe(1);
      await observe(client);
    }, 40_000);
  }

  it('a frame without errors still decodes after a 505 (the stream stays in sync)', async () => {
    gateway.script.sendMalformed('truncated');
    await client.rec.waitFor(EventName.error, (_e: Error, code: number) => code === 505);
    client.ib.reqCurrentTime();
    await client.rec.waitFor(EventName.currentTime);
  });
});

describe('fake IB Gateway: bad client input', () => {
  let gateway: FakeGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    await gateway.close();
  });

  const rawExchange = (bytes: Buffer[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const socket: Socket = connect({ host: gateway.host, port: gateway.port }, () => {
        for (const b of bytes) socket.write(b);
      });
      socket.on('error', () => undefined);
      socket.resume(); // read (and discard) the server hello, or 'close' never fires
      socket.on('close', () => resolve());
      setTimeout(() => reject(new Error('the gateway did not close the connection')), 10_000).unref();
    });

  const hello = encodeClientHello(100, 193);
  const startApi = encodeFrame([OUT.START_API, 2, 77, '']);
  const hugeHeader = Buffer.from([0x7f, 0xff, 0xff, 0xff]);
  const badUtf8 = Buffer.concat([Buffer.from([0, 0, 0, 4]), Buffer.from([0x34, 0x39, 0xff, 0])]);
  const cases: Array<[string, Buffer[]]> = [
    ['a stream that does not start with API\\0', [Buffer.from('GET / HTTP/1.1\r\n\r\n')]],
    ['a version range without 193', [encodeClientHello(100, 150)]],
    ['a request before START_API', [hello, encodeFrame([OUT.REQ_CURRENT_TIME, 1])]],
    ['a huge length prefix', [hello, startApi, hugeHeader]],
    ['bad UTF-8', [hello, startApi, badUtf8]],
    ['a frame without its final NUL', [hello, startApi, Buffer.from([0, 0, 0, 2, 0x34, 0x39])]],
    ['a non-numeric field', [hello, startApi, encodeFrame([OUT.CANCEL_ORDER, 'twelve', '', '', ''])]],
  ];

  for (const [name, bytes] of cases) {
    it(`logs and closes the connection on ${name}, and keeps serving others`, async () => {
      await rawExchange(bytes);
      expect(gateway.logs().some((l) => /clos/.test(l))).toBe(true);
      const client = await connectClient(gateway, 8);
      client.ib.reqCurrentTime();
      await client.rec.waitFor(EventName.currentTime);
      client.ib.disconnect();
      await gatewayEvent(gateway, (e) => e.type === 'disconnected' && e.clientId === 8);
    });
  }
});
