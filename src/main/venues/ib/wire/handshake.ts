// Owns the TWS connection preamble: the client's `API\0` + length-prefixed version range, and version negotiation.
import { FRAME_HEADER_BYTES } from './frameCodec';

export const API_PREFIX = 'API\0';
const PREFIX_BYTES = Buffer.from(API_PREFIX, 'latin1');
/** A version range is a few bytes ("v100..193" plus optional connect options); anything huge is garbage. */
const MAX_HELLO_BODY_BYTES = 4096;

export interface ClientHello {
  readonly minVersion: number;
  readonly maxVersion: number;
  /** Anything after the range ("+PACEAPI" and the like); IB-internal, usually empty. */
  readonly connectOptions: string;
  /** Bytes of the stream the hello occupied; whatever follows is ordinary frames. */
  readonly consumed: number;
}

export type ClientHelloParse =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'hello'; readonly hello: ClientHello }
  | { readonly kind: 'error'; readonly code: 'BAD_PREFIX' | 'HELLO_TOO_LARGE' | 'BAD_VERSION_RANGE'; readonly detail: string };

/** What the client writes first: `API\0`, then a length prefix, then `v<min>..<max>` (no trailing NUL). */
export function encodeClientHello(minVersion: number, maxVersion: number, connectOptions = ''): Buffer {
  const range = minVersion < maxVersion ? `v${minVersion}..${maxVersion}` : `v${minVersion}`;
  const body = Buffer.from(connectOptions ? `${range} ${connectOptions}` : range, 'utf8');
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([PREFIX_BYTES, header, body]);
}

/** Parses the preamble from the start of the stream; call again with more bytes while it answers need-more. */
export function parseClientHello(bytes: Uint8Array): ClientHelloParse {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const seen = Math.min(buf.length, PREFIX_BYTES.length);
  if (!buf.subarray(0, seen).equals(PREFIX_BYTES.subarray(0, seen))) {
    return { kind: 'error', code: 'BAD_PREFIX', detail: `stream starts with ${JSON.stringify(buf.subarray(0, seen).toString('latin1'))}` };
  }
  if (buf.length < PREFIX_BYTES.length + FRAME_HEADER_BYTES) return { kind: 'need-more' };
  const length = buf.readUInt32BE(PREFIX_BYTES.length);
  if (length > MAX_HELLO_BODY_BYTES) {
    return { kind: 'error', code: 'HELLO_TOO_LARGE', detail: `version string of ${length} bytes` };
  }
  const start = PREFIX_BYTES.length + FRAME_HEADER_BYTES;
  if (buf.length < start + length) return { kind: 'need-more' };
  const text = buf.subarray(start, start + length).toString('utf8');
  const match = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/s.exec(text);
  if (!match) return { kind: 'error', code: 'BAD_VERSION_RANGE', detail: `version string ${JSON.stringify(text)}` };
  const minVersion = Number(match[1]);
  const maxVersion = match[2] === undefined ? minVersion : Number(match[2]);
  if (minVersion > maxVersion) {
    return { kind: 'error', code: 'BAD_VERSION_RANGE', detail: `empty range ${JSON.stringify(text)}` };
  }
  return { kind: 'hello', hello: { minVersion, maxVersion, connectOptions: match[3] ?? '', consumed: start + length } };
}

/** The highest version both sides speak, or undefined when the ranges do not overlap. */
export function negotiateServerVersion(hello: Pick<ClientHello, 'minVersion' | 'maxVersion'>, serverMin: number, serverMax: number): number | undefined {
  const version = Math.min(hello.maxVersion, serverMax);
  return version >= Math.max(hello.minVersion, serverMin) ? version : undefined;
}
