// The real @stoqey/ib client connects to the fake gateway exactly as to a real one: handshake, ids, farm notices.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { connectClient, startGateway, type ConnectedClient } from './helpers';

describe('fake IB Gateway: connection', () => {
  let gateway: FakeGateway;
  const clients: ConnectedClient[] = [];

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 7 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ib.disconnect();
    await gateway.close();
  });

  it('completes the handshake at server version 193 and announces the account and nextValidId', async () => {
    const client = await connectClient(gateway, 11);
    clients.push(client);
    expect(client.firstId).toBe(7);
    expect(client.ib.serverVersion).toBe(193);
    const [accounts] = await client.rec.waitFor(EventName.managedAccounts);
    expect(accounts).toBe('DU123456');
    await client.rec.waitFor(EventName.info, (_m: string, code: number) => code === 2158);
    expect(client.rec.codes()).toEqual(expect.arrayContaining([2104, 2106, 2158]));
    expect(gateway.sessions()).toEqual([expect.objectContaining({ clientId: 11, state: 'ready' })]);
  });

  it('answers reqCurrentTime with the gateway clock', async () => {
    const t = Date.UTC(2024, 0, 2, 14, 30, 0);
    await gateway.close();
    gateway = await startGateway({ clock: () => t });
    const client = await connectClient(gateway, 1);
    clients.push(client);
    client.ib.reqCurrentTime();
    const [time] = await client.rec.waitFor(EventName.currentTime);
    expect(time).toBe(t / 1000);
  });
});
