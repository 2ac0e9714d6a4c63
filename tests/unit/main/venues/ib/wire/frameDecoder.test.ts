// The incremental frame decoder: split reads, packed reads, oversized prefixes, bad UTF-8, missing terminators.
import { describe, expect, it } from 'vitest';
import { encodeFrame, frameFromBody, MAX_FRAME_BODY_BYTES } from '../../../../../../src/main/venues/ib/wire/frameCodec';
import { FrameDecoder, type FrameDecodeEvent } from '../../../../../../src/main/venues/ib/wire/frameDecoder';

const fieldsOf = (events: FrameDecodeEvent[]) => events.map((e) => (e.kind === 'frame' ? e.fields : e.error.code));

describe('FrameDecoder', () => {
  it('reassembles a frame split across reads at every byte boundary', () => {
    const frame = encodeFrame([3, 17, 'Submitted', 100, 0, 101.25, 99999]);
    for (let cut = 1; cut < frame.length; cut += 1) {
      const d = new FrameDecoder();
      expect(d.push(frame.subarray(0, cut))).toEqual([]);
      expect(d.bufferedBytes).toBe(cut);
      expect(fieldsOf(d.push(frame.subarray(cut)))).toEqual([['3', '17', 'Submitted', '100', '0', '101.25', '99999']]);
      expect(d.bufferedBytes).toBe(0);
    }
  });

  it('returns every frame packed into one read, in order, keeping a trailing partial for later', () => {
    const a = encodeFrame([49, 1, 1704205800]);
    const b = encodeFrame([9, 1, 42]);
    const c = encodeFrame([4, 2, -1, 2104, 'ok', '']);
    const d = new FrameDecoder();
    const packed = Buffer.concat([a, b, c.subarray(0, 5)]);
    expect(fieldsOf(d.push(packed))).toEqual([
      ['49', '1', '1704205800'],
      ['9', '1', '42'],
    ]);
    expect(fieldsOf(d.push(c.subarray(5)))).toEqual([['4', '2', '-1', '2104', 'ok', '']]);
  });

  it('handles a frame delivered one byte at a time, including multi-byte UTF-8 split mid-character', () => {
    const frame = encodeFrame([4, 2, 1, 399, 'Ordre accepté – 日本']);
    const d = new FrameDecoder();
    const events: FrameDecodeEvent[] = [];
    for (const byte of frame) events.push(...d.push(Uint8Array.of(byte)));
    expect(fieldsOf(events)).toEqual([['4', '2', '1', '399', 'Ordre accepté – 日本']]);
  });

  it('rejects a length prefix above the limit before buffering the body, and stops decoding', () => {
    const d = new FrameDecoder();
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_FRAME_BODY_BYTES + 1, 0);
    const events = d.push(Buffer.concat([header, Buffer.from('junk')]));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'error', error: { code: 'FRAME_TOO_LARGE', declaredLength: MAX_FRAME_BODY_BYTES + 1 } });
    expect(d.failed).toBe(true);
    expect(d.push(encodeFrame([49, 1, 5]))).toEqual([]);
  });

  it('honours a smaller configured limit', () => {
    const d = new FrameDecoder({ maxBodyBytes: 8 });
    expect(fieldsOf(d.push(encodeFrame(['a-long-field'])))).toEqual(['FRAME_TOO_LARGE']);
  });

  it('reports bad UTF-8 with its offset and stays in sync for the next frame', () => {
    const bad = frameFromBody(Buffer.from([0x34, 0x00, 0x61, 0xc3, 0x28, 0x00]));
    const d = new FrameDecoder();
    const events = d.push(Buffer.concat([bad, encodeFrame([49, 1, 7])]));
    expect(events[0]).toMatchObject({ kind: 'error', error: { code: 'BAD_UTF8', byteOffset: 3 } });
    expect(events[1]).toMatchObject({ kind: 'frame', fields: ['49', '1', '7'] });
    expect(d.failed).toBe(false);
  });

  it('reports a body without its final NUL and an empty body', () => {
    const d = new FrameDecoder();
    const events = d.push(Buffer.concat([frameFromBody(Buffer.from('49\u00001')), frameFromBody(Buffer.alloc(0))]));
    expect(fieldsOf(events)).toEqual(['MISSING_TERMINATOR', 'EMPTY_FRAME']);
  });
});
