// Malformed and fuzzed inbound frames: never a crash; logged with their bytes; the session is reset and reconciled; trading resumes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGateway, MalformedFrameKind } from '../../../src/main/venues/ib/fake-gateway';
import { IN } from '../../../src/main/venues/ib/wire/messageIds';
import type { WireField } from '../../../src/main/venues/ib/wire/frameCodec';
import { startGateway, venueHarness, venueOrder, type VenueHarness } from './helpers';

/** mulberry32: the same frames on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('IbVenue: malformed inbound frames', () => {
  let gateway: FakeGateway;
  let h: VenueHarness;
  let resets: number;

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 1 });
    gateway.script.setPrice('AAPL', 100);
    h = await venueHarness(gateway);
    resets = 0;
    h.connection.onStatus((s) => s.state === 'backoff' && (resets += 1));
  });
  afterEach(async () => {
    await h.close();
    await gateway.close();
  });

  const afterReset = async () => {
    const before = h.connection.status().lastReconciledAt ?? 0;
    await h.state((s) => s.state === 'connected' && (s.lastReconciledAt ?? 0) > before);
  };
  const canTrade = async () => {
    const o = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === o.clientOrderId);
  };

  const kinds: Array<[MalformedFrameKind, RegExp]> = [
    ['truncated', /IB 505.*frame: \[\d+\] 3\|1\|Submitted\|/],
    ['extraFields', /IB 505.*unexpected-extra-field/],
    ['unknownMsgId', /IB 505.*frame: \[\d+\] 999\|/],
    ['badUtf8', /malformed bytes \(undecodable frame.*\\xff\\xfe/],
    ['badUtf8MsgId', /malformed bytes \(undecodable frame.*\\xff\\xfe/],
    ['hugeLength', /malformed bytes \(length prefix 2147483647/],
    ['cutOff', /./],
  ];

  for (const [kind, logged] of kinds) {
    it(`${kind}: no crash, logged with its bytes, reset, reconciled, orders flow again`, async () => {
      const reconciled = afterReset();
      expect(gateway.script.sendMalformed(kind)).toBe(1);
      await reconciled;
      expect(resets).toBeGreaterThanOrEqual(1);
      expect(h.logs.some((l) => logged.test(l))).toBe(true);
      await canTrade();
    }, 60_000);
  }

  it('a frame that makes the client decoder throw (bad JSON in an error frame) is caught, logged with its bytes, and the session reset', async () => {
    const reconciled = afterReset();
    gateway.script.sendFrame([IN.ERR_MSG, 2, 5, 399, 'warning', '{not json']);
    await reconciled;
    expect(h.logs.some((l) => /client failed to decode a message.*\{not json/.test(l))).toBe(true);
    await canTrade();
  });

  it('survives 300 seeded random frames: the backend keeps running and ends connected and able to trade', async () => {
    const random = prng(20240102);
    const ids = Object.values(IN).filter((id) => id !== IN.ERR_MSG && id !== IN.NEXT_VALID_ID);
    const field = (): WireField => {
      const r = random();
      if (r < 0.25) return Math.floor(random() * 2000) - 5;
      if (r < 0.4) return '';
      if (r < 0.5) return random() * 1e6;
      if (r < 0.6) return '1.7976931348623157E308';
      if (r < 0.7) return 'ÄÖÜ€𝄞';
      if (r < 0.8) return 'x'.repeat(Math.floor(random() * 300));
      return String(Math.floor(random() * 100));
    };
    for (let i = 0; i < 300; i += 1) {
      const n = Math.floor(random() * 40);
      gateway.script.sendFrame([ids[Math.floor(random() * ids.length)] as number, ...Array.from({ length: n }, field)]);
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 10)); // let the client read between volleys
    }
    await h.ready();
    await canTrade();
    expect(h.logs.some((l) => /IB 505/.test(l))).toBe(true);
  }, 90_000);
});
