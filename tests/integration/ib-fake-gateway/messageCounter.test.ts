// The gateway counts every message it receives, by id, with timestamps; and can enforce IB's pacing with error 100.
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, IBApi } from '@stoqey/ib';
import { IB_MESSAGES_PER_SECOND, type FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { OUT } from '../../../src/main/venues/ib/wire/messageIds';
import { connectClient, Recorder, startGateway, type ConnectedClient } from './helpers';

describe('fake IB Gateway: message counter', () => {
  let gateway: FakeGateway;
  let client: ConnectedClient | undefined;
  afterEach(async () => {
    client?.ib.disconnect();
    await gateway.close();
  });

  it('counts every request by message id and client; the client limiter keeps any second under 50', async () => {
    gateway = await startGateway();
    client = await connectClient(gateway, 4);
    const n = 60;
    for (let i = 0; i < n; i += 1) client.ib.reqCurrentTime();
    client.ib.reqPositions();
    await client.rec.waitFor(EventName.positionEnd, () => true, { timeoutMs: 20_000 });
    expect(client.rec.all(EventName.currentTime)).toHaveLength(n);
    expect(gateway.counts.count(OUT.START_API)).toBe(1);
    expect(gateway.counts.count(OUT.REQ_CURRENT_TIME, 4)).toBe(n);
    expect(gateway.counts.byId({ clientId: 4 }).get(OUT.REQ_POSITIONS)).toBe(1);
    expect(gateway.counts.total()).toBe(n + 2);
    const stamps = gateway.counts.messages().map((m) => m.at);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(gateway.counts.maxInWindow(1000)).toBeLessThanOrEqual(IB_MESSAGES_PER_SECOND);
  }, 30_000);

  it('answers a burst over the pacing limit with error 100', async () => {
    gateway = await startGateway({ pacingLimitPerSecond: 5 });
    const ib = new IBApi({ host: gateway.host, port: gateway.port, clientId: 6, maxReqPerSec: 1000 });
    const rec = new Recorder(ib);
    const ready = rec.waitFor(EventName.nextValidId);
    ib.connect();
    await ready;
    client = { ib, rec, firstId: 0 };
    for (let i = 0; i < 20; i += 1) ib.reqCurrentTime();
    const [err] = (await rec.waitFor(EventName.info, (_m: string, code: number) => code === 100)) as [string];
    expect(err).toMatch(/Max rate of messages per second/);
  });
});
