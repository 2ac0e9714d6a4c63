// Execution times in the TWS session's local time: a London gateway in summer, through the real @stoqey/ib client.
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, type Execution } from '@stoqey/ib';
import { ok } from '../../../src/core/model/result';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { startGateway, venueHarness, venueOrder, type VenueHarness } from './helpers';

/** 15 July 2025, 13:00 UTC: 14:00 in London (British Summer Time). */
const SUMMER = Date.UTC(2025, 6, 15, 13, 0, 0);

describe('IB execution times in the session zone', () => {
  let gateway: FakeGateway;
  let h: VenueHarness;
  afterEach(async () => {
    await h.close();
    await gateway.close();
  });

  it('a London session in summer: the zone-less local execution time is one hour ahead of the fill time recorded', async () => {
    const t0 = Date.now();
    gateway = await startGateway({ clock: () => SUMMER + (Date.now() - t0), timeStyle: { zone: 'Europe/London', zoneName: 'long', executionTimes: 'local' } });
    gateway.script.setPrice('AAPL', 100);
    h = await venueHarness(gateway);
    expect(h.connection.sessionZone()).toEqual(ok({ kind: 'REGION', id: 'Europe/London' }));
    expect(h.logs.find((l) => l.includes('IB session time zone'))).toMatch(/Europe\/London \(connection time "20250715 14:0\d:\d\d British Summer Time"\)/);
    const wire: string[] = [];
    h.connection.on(EventName.execDetails, (_reqId: number, _c: unknown, e: Execution) => wire.push(e.time ?? ''));

    const order = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 10 });
    h.venue.submit(order);
    const fill = await h.event((e) => e.kind === 'FILL' && e.clientOrderId === order.clientOrderId);
    const [execution] = gateway.executions();
    const executedAt = Math.floor((execution?.time ?? 0) / 1000) * 1000;
    expect(wire[0]).toMatch(/^20250715 {2}14:0\d:\d\d$/); // TWS local time, no zone, as in the real captures
    expect(Date.parse(`${wire[0]?.replace(/^(\d{4})(\d{2})(\d{2}) +/, '$1-$2-$3T')}Z`) - executedAt).toBe(3_600_000);
    expect(fill.time).toBe(executedAt);
    expect(h.venue.executionTimeFallbacks()).toBe(0);
    expect(h.logs.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
