// Owns TWS socket framing: a 4-byte big-endian body length, then UTF-8 fields each terminated by NUL.
import { err, ok, type Result } from '../../../../core/model/result';

/** The largest body the @stoqey/ib client accepts (its MAX_V100_MESSAGE_LENGTH); we hold the peer to the same bound. */
export const MAX_FRAME_BODY_BYTES = 0xffffff;

/** Bytes of the length prefix in front of every frame body. */
export const FRAME_HEADER_BYTES = 4;

/** The wire spelling of Java's Double.MAX_VALUE, which TWS uses for "unset". */
export const UNSET_DOUBLE = '1.7976931348623157E308';

/** Java's Integer.MAX_VALUE, which TWS uses for "unset" integers. */
export const UNSET_INTEGER = 2147483647;

export type WireField = string | number | boolean | null | undefined;

const NUL = 0;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Renders one field the way TWS does: booleans as 1/0, absent values as the empty string,
 * Number.MAX_VALUE as Java's spelling, other numbers without float noise.
 */
export function fieldToString(value: WireField): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) throw new RangeError(`cannot put non-finite number ${value} on the wire`);
  if (value === Number.MAX_VALUE) return UNSET_DOUBLE;
  if (Number.isInteger(value)) return String(value);
  // 12 significant digits strips binary noise (101.23000000000001) without losing real precision.
  return String(Number(value.toPrecision(12)));
}

/** The body of a frame: every field followed by a NUL, including the last one. */
export function encodeFrameBody(fields: readonly WireField[]): Buffer {
  const text = fields.map((f) => `${fieldToString(f)}\0`).join('');
  return Buffer.from(text, 'utf8');
}

/** Length prefix plus body. Throws if the body is larger than any peer would accept (a bug on our side). */
export function encodeFrame(fields: readonly WireField[]): Buffer {
  return frameFromBody(encodeFrameBody(fields));
}

/** Wraps an already-encoded body (or deliberately odd bytes) in a length prefix. */
export function frameFromBody(body: Uint8Array): Buffer {
  if (body.length > MAX_FRAME_BODY_BYTES) {
    throw new RangeError(`frame body of ${body.length} bytes exceeds ${MAX_FRAME_BODY_BYTES}`);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  frame.set(body, FRAME_HEADER_BYTES);
  return frame;
}

export type FrameBodyError =
  | { readonly code: 'EMPTY_FRAME' }
  | { readonly code: 'MISSING_TERMINATOR'; readonly byteLength: number }
  | { readonly code: 'BAD_UTF8'; readonly byteOffset: number };

/** Splits a frame body into its fields, insisting on valid UTF-8 and a trailing NUL. */
export function decodeFrameBody(body: Uint8Array): Result<string[], FrameBodyError> {
  if (body.length === 0) return err({ code: 'EMPTY_FRAME' });
  if (body[body.length - 1] !== NUL) return err({ code: 'MISSING_TERMINATOR', byteLength: body.length });
  let text: string;
  try {
    text = utf8Decoder.decode(body);
  } catch {
    return err({ code: 'BAD_UTF8', byteOffset: firstInvalidUtf8Offset(body) });
  }
  const fields = text.split('\0');
  fields.pop(); // the empty string after the final NUL
  return ok(fields);
}

/** Byte offset of the first sequence that is not valid UTF-8 (for the log line), or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need > bytes.length - 1) return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
