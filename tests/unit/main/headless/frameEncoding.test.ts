// Frame text is exactly JSON.stringify's for any batch of server messages; an event payload is encoded once per turn
// and afresh in a later turn (a publisher may change an object and publish it again).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { encodeFrame, encodeServerMessage } from '../../../../src/main/headless/frameEncoding';
import type { ServerMessage } from '../../../../src/shared/contracts/wire';

const reference = (batch: readonly ServerMessage[]) => JSON.stringify(batch.length === 1 ? batch[0] : batch);

const quote = fc.record({
  symbol: fc.string(),
  time: fc.double(),
  bid: fc.double(),
  ask: fc.double(),
  bidSize: fc.integer(),
  askSize: fc.integer(),
  last: fc.double(),
  volume: fc.nat(),
});
const id = fc.oneof(fc.nat(), fc.double());
const event = fc.record({ kind: fc.constant('event' as const), id, topic: fc.string({ unit: 'binary' }), data: fc.oneof(quote, fc.jsonValue(), fc.anything()) });
const message: fc.Arbitrary<ServerMessage> = fc.oneof(
  event,
  fc.record({ kind: fc.constant('result' as const), id, ok: fc.constant(true as const), value: fc.jsonValue() }),
  fc.record({ kind: fc.constant('subscribed' as const), id }),
  fc.record({ kind: fc.constant('subscribed' as const), id, error: fc.record({ code: fc.constant('UNKNOWN_TOPIC'), message: fc.string() }) }) as fc.Arbitrary<ServerMessage>,
);

describe('frame encoding', () => {
  it('writes what JSON.stringify writes, for any batch (events with any payload, results, subscriptions)', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 8 }), (batch) => {
        expect(encodeFrame(batch)).toBe(reference(batch));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes the same when one payload object goes out in many frames, as a fan-out does', () => {
    fc.assert(
      fc.property(quote, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (data, ids) => {
        for (const subscription of ids) {
          const m: ServerMessage = { kind: 'event', id: subscription, topic: `market.quotes.${data.symbol}`, data };
          expect(encodeFrame([m])).toBe(reference([m]));
          expect(encodeFrame([m, m])).toBe(reference([m, m]));
        }
      }),
    );
  });

  it('falls back to JSON.stringify for an envelope in another key order, extra keys, or a payload that encodes to nothing', () => {
    const data = { a: 1 };
    const reordered = { id: 3, kind: 'event', data, topic: 't' } as unknown as ServerMessage;
    const extra = { kind: 'event', id: 3, topic: 't', data, more: true } as unknown as ServerMessage;
    const nothing: ServerMessage = { kind: 'event', id: 3, topic: 't', data: { toJSON: () => undefined } };
    const primitive: ServerMessage = { kind: 'event', id: 3, topic: 't', data: 'text "quoted"' };
    const absent: ServerMessage = { kind: 'event', id: 3, topic: 't', data: undefined };
    for (const m of [reordered, extra, nothing, primitive, absent]) expect(encodeServerMessage(m)).toBe(JSON.stringify(m));
  });

  it('encodes one payload once within a turn, and again after it changed in a later turn', async () => {
    let encodings = 0;
    const data = { bid: 1, toJSON: () => (encodings++, { bid: data.bid }) };
    const to = (subscription: number): ServerMessage => ({ kind: 'event', id: subscription, topic: 'market.quotes.X', data });
    for (let client = 1; client <= 100; client++) expect(encodeFrame([to(client)])).toBe(`{"kind":"event","id":${client},"topic":"market.quotes.X","data":{"bid":1}}`);
    expect(encodings).toBe(1);
    await nextTurn();
    data.bid = 2;
    expect(encodeFrame([to(7)])).toBe('{"kind":"event","id":7,"topic":"market.quotes.X","data":{"bid":2}}');
    expect(encodings).toBe(2);
  });

  it('encodes a payload changed after the fan-out afresh even within the same loop iteration (a mutable payload is never sent stale)', async () => {
    const data = { status: 'Accepted' };
    const event: ServerMessage = { kind: 'event', id: 1, topic: 'trading.orders', data };
    expect(encodeServerMessage(event)).toContain('"status":"Accepted"');
    // The sockets' flushes of that publish have run (one microtask checkpoint); no new macrotask has started.
    await Promise.resolve();
    await Promise.resolve();
    data.status = 'Filled';
    expect(encodeServerMessage(event)).toContain('"status":"Filled"');
  });
});
