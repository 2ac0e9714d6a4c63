// Frame encoding: field rendering as TWS spells values, length prefix, and the round trip through decodeFrameBody.
import { describe, expect, it } from 'vitest';
import { decodeFrameBody, encodeFrame, fieldToString, firstInvalidUtf8Offset, UNSET_DOUBLE } from '../../../../../../src/main/venues/ib/wire/frameCodec';
import { encodeClientHello, negotiateServerVersion, parseClientHello } from '../../../../../../src/main/venues/ib/wire/handshake';
import { FieldParseError, FieldReader } from '../../../../../../src/main/venues/ib/wire/fieldReader';
import { renderFrame } from '../../../../../../src/main/venues/ib/wire/frameLog';

describe('frame codec', () => {
  it('renders fields the way TWS does', () => {
    expect([true, false, undefined, null, 17, -1, 0.1 + 0.2, Number.MAX_VALUE, 'x'].map(fieldToString)).toEqual(['1', '0', '', '', '17', '-1', '0.3', UNSET_DOUBLE, 'x']);
    expect(() => fieldToString(Number.NaN)).toThrow(RangeError);
  });

  it('prefixes the body length big-endian and terminates every field with NUL', () => {
    const frame = encodeFrame([9, 1, 42]);
    expect(frame.readUInt32BE(0)).toBe(7);
    expect(frame.subarray(4).toString('latin1')).toBe('9\u00001\u000042\u0000');
    expect(renderFrame(frame)).toBe('[7] 9|1|42|');
  });

  it('round-trips fields, including empty ones and non-ASCII text', () => {
    const fields = ['5', '', 'AAPL', 'Société Générale', ''];
    const decoded = decodeFrameBody(encodeFrame(fields).subarray(4));
    expect(decoded).toEqual({ ok: true, value: fields });
  });

  it('finds the first invalid UTF-8 sequence (overlong, surrogate, truncated)', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('héllo'))).toBe(-1);
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
  });
});

describe('handshake', () => {
  it('parses the client hello incrementally and hands back what follows it', () => {
    const hello = encodeClientHello(100, 193);
    const stream = Buffer.concat([hello, encodeFrame([71, 2, 0, ''])]);
    for (let cut = 0; cut < hello.length; cut += 1) expect(parseClientHello(stream.subarray(0, cut)).kind).toBe('need-more');
    const parsed = parseClientHello(stream);
    expect(parsed).toEqual({ kind: 'hello', hello: { minVersion: 100, maxVersion: 193, connectOptions: '', consumed: hello.length } });
  });

  it('refuses a wrong prefix early and an unreadable version range', () => {
    expect(parseClientHello(Buffer.from('GET'))).toMatchObject({ kind: 'error', code: 'BAD_PREFIX' });
    const bad = Buffer.concat([Buffer.from('API\0'), Buffer.from([0, 0, 0, 3]), Buffer.from('xyz')]);
    expect(parseClientHello(bad)).toMatchObject({ kind: 'error', code: 'BAD_VERSION_RANGE' });
  });

  it('negotiates the highest common version', () => {
    expect(negotiateServerVersion({ minVersion: 100, maxVersion: 193 }, 193, 193)).toBe(193);
    expect(negotiateServerVersion({ minVersion: 100, maxVersion: 150 }, 193, 193)).toBeUndefined();
  });
});

describe('FieldReader', () => {
  it('reads TWS conventions for empty and unset values', () => {
    const r = new FieldReader(['', '2147483647', '1.7976931348623157E308', '1', '', 'x']);
    expect(r.int('a')).toBe(0);
    expect(r.intOrUnset('b')).toBeUndefined();
    expect(r.floatOrUnset('c')).toBeUndefined();
    expect(r.bool('d')).toBe(true);
    expect(r.boolOr('transmit', true)).toBe(true);
    expect(() => r.int('e')).toThrow(FieldParseError);
    expect(() => new FieldReader([]).str('missing')).toThrow(/missing/);
  });
});
