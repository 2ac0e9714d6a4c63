// Owns incremental decoding of a TWS byte stream into frames, robust to frames split across or packed into reads.
import { decodeFrameBody, FRAME_HEADER_BYTES, MAX_FRAME_BODY_BYTES, type FrameBodyError } from './frameCodec';

export type FrameDecodeError =
  | FrameBodyError
  | { readonly code: 'FRAME_TOO_LARGE'; readonly declaredLength: number; readonly maxLength: number };

export type FrameDecodeEvent =
  | { readonly kind: 'frame'; readonly fields: string[]; readonly raw: Buffer }
  | { readonly kind: 'error'; readonly error: FrameDecodeError; readonly raw: Buffer };

export interface FrameDecoderOptions {
  /** Bodies longer than this are refused; defaults to the client's own bound (16 MiB - 1). */
  readonly maxBodyBytes?: number;
}

/**
 * Feed it whatever the socket delivered; it returns every complete frame (or framing error) in order.
 * A bad body (bad UTF-8, missing terminator) is reported and skipped: its length was known, so the
 * stream stays in sync. An oversized length prefix cannot be skipped safely, so the decoder stops
 * (`failed` turns true) and the caller should drop the connection.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken = false;
  private readonly maxBodyBytes: number;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_FRAME_BODY_BYTES;
  }

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** True after an unrecoverable framing error; further input is ignored. */
  get failed(): boolean {
    return this.broken;
  }

  push(chunk: Uint8Array): FrameDecodeEvent[] {
    if (this.broken || chunk.length === 0) return [];
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.buffered += chunk.length;
    const events: FrameDecodeEvent[] = [];
    while (this.buffered >= FRAME_HEADER_BYTES) {
      const header = this.peek(FRAME_HEADER_BYTES);
      const bodyLength = header.readUInt32BE(0);
      if (bodyLength > this.maxBodyBytes) {
        this.broken = true;
        events.push({
          kind: 'error',
          error: { code: 'FRAME_TOO_LARGE', declaredLength: bodyLength, maxLength: this.maxBodyBytes },
          raw: header,
        });
        this.chunks = [];
        this.buffered = 0;
        break;
      }
      if (this.buffered < FRAME_HEADER_BYTES + bodyLength) break;
      const raw = this.take(FRAME_HEADER_BYTES + bodyLength);
      const decoded = decodeFrameBody(raw.subarray(FRAME_HEADER_BYTES));
      events.push(decoded.ok ? { kind: 'frame', fields: decoded.value, raw } : { kind: 'error', error: decoded.error, raw });
    }
    return events;
  }

  reset(): void {
    this.chunks = [];
    this.buffered = 0;
    this.broken = false;
  }

  /** The first n buffered bytes, without consuming them. */
  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) return first.subarray(0, n);
    this.coalesce();
    return (this.chunks[0] as Buffer).subarray(0, n);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length < n) this.coalesce();
    const whole = this.chunks[0] as Buffer;
    const out = Buffer.from(whole.subarray(0, n)); // copy: the caller may keep it while we reuse the rest
    const rest = whole.subarray(n);
    if (rest.length > 0) this.chunks[0] = rest;
    else this.chunks.shift();
    this.buffered -= n;
    return out;
  }

  // Joining only when a frame is complete keeps large frames arriving in many reads linear, not quadratic.
  private coalesce(): void {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
  }
}
