// Pacing: every message to the gateway goes through one limiter; a burst of 1,000 requests never shows IB more than 50 in a second.
import { afterEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { IB_MESSAGES_PER_SECOND, type FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { OUT } from '../../../src/main/venues/ib/wire/messageIds';
import { startGateway, venueHarness, venueOrder, waitUntil, type VenueHarness } from './helpers';

describe('IbVenue: pacing', () => {
  let gateway: FakeGateway;
  let h: VenueHarness;
  afterEach(async () => {
    await h.close();
    await gateway.close();
  });

  it('a burst of 1,000 requests: all answered, never more than 50 in any one-second window; an order overtakes the queued data requests', async () => {
    gateway = await startGateway({ pacingLimitPerSecond: IB_MESSAGES_PER_SECOND });
    gateway.script.setPrice('AAPL', 100);
    h = await venueHarness(gateway);
    let answered = 0;
    const answers = new Set<(n: number) => void>();
    h.connection.on(EventName.currentTime, () => {
      answered += 1;
      for (const l of answers) l(answered);
    });
    const before = gateway.counts.count(OUT.REQ_CURRENT_TIME);
    for (let i = 0; i < 1000; i += 1) h.connection.send('data', (ib) => ib.reqCurrentTime());
    const o = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === o.clientOrderId);
    expect(answered).toBeLessThan(1000); // the order did not wait behind the burst
    await waitUntil<number>((l) => (answers.add(l), () => answers.delete(l)), (n) => n >= 1000, () => `answers: ${answered}`, answered, 90_000);
    expect(gateway.counts.count(OUT.REQ_CURRENT_TIME) - before).toBeGreaterThanOrEqual(1000);
    const peak = gateway.counts.maxInWindow(1000);
    expect(peak).toBeLessThan(IB_MESSAGES_PER_SECOND);
    expect(peak).toBeGreaterThan(20); // the burst did run at speed
    expect(h.logs.some((l) => /pacing violation/.test(l))).toBe(false);
  }, 120_000);
});
