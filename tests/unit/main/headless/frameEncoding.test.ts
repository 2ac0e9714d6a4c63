// Frame text is exactly JSON.stringify's for any batch of server messages; an event payload is encoded once per turn
// and afresh in a later turn (a publisher may change an object and publish it again). Frame bytes are that text in
// UTF-8, shared by the sockets handed the same events in one turn and by no socket handed anything else.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { encodeFrame, encodeFrameBytes, encodeServerMessage } from '../../../../src/main/headless/frameEncoding';
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

  it('gives, for any sequence of batches in one turn, the bytes of JSON.stringify, shared only between equal event batches', () => {
    // Few payload objects, ids and topics, so that consecutive batches often hold the same events, or almost.
    const payloads = [{ bid: 1 }, { bid: 1 }, { symbol: 'Ü→😀', bid: 2 }];
    const variant = fc.record({ id: fc.constantFrom(1, 2), topic: fc.constantFrom('market.quotes.A', 'market.quotes.B'), payload: fc.constantFrom(0, 1, 2), extra: fc.boolean() });
    const toMessage = (v: { id: number; topic: string; payload: number; extra: boolean }): ServerMessage =>
      v.extra ? ({ kind: 'event', id: v.id, topic: v.topic, data: payloads[v.payload], more: 1 } as unknown as ServerMessage) : { kind: 'event', id: v.id, topic: v.topic, data: payloads[v.payload] };
    const batch = fc.oneof(
      { weight: 4, arbitrary: fc.array(variant, { minLength: 1, maxLength: 3 }).map((vs) => vs.map(toMessage)) },
      { weight: 1, arbitrary: fc.array(message, { minLength: 1, maxLength: 3 }) },
    );
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 12 }), (batches) => {
        const sent = batches.map((b) => encodeFrameBytes(b));
        batches.forEach((b, i) => {
          expect(sent[i]!.equals(Buffer.from(reference(b)))).toBe(true);
          // One Buffer is shared only when the frames are the same text (a fan-out hands it to many sockets).
          if (i > 0 && sent[i] === sent[i - 1]) expect(reference(b)).toBe(reference(batches[i - 1]!));
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it('hands the sockets of one fan-out one Buffer, and encodes again in a later turn', async () => {
    let encodings = 0;
    const data = { bid: 1, toJSON: () => (encodings++, { bid: data.bid }) };
    const batchOf = (): ServerMessage[] => [
      { kind: 'event', id: 1, topic: 'market.quotes.X', data },
      { kind: 'event', id: 1, topic: 'market.quotes.Y', data },
    ];
    const first = encodeFrameBytes(batchOf());
    for (let socket = 2; socket <= 100; socket++) expect(encodeFrameBytes(batchOf())).toBe(first);
    expect(first.toString('utf8')).toBe(reference(batchOf().map((m) => ({ ...m, data: { bid: 1 } }))));
    expect(encodings).toBe(1);
    await nextTurn();
    data.bid = 2;
    const later = encodeFrameBytes(batchOf());
    expect(later).not.toBe(first);
    expect(later.toString('utf8')).toContain('"bid":2');
    expect(first.toString('utf8')).toContain('"bid":1');
  });
});
