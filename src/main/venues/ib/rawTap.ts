// A raw-bytes tap on the IB client's socket: keeps the frames the client is decoding, so a bad message is logged with its bytes.
import type { Socket } from 'node:net';
import type { IBApi } from '@stoqey/ib';
import { FrameDecoder } from './wire/frameDecoder';
import { renderFrame, renderRawBytes } from './wire/frameLog';

type DataListener = (chunk: Buffer) => void;

const RECENT_FRAMES = 16;

/**
 * @stoqey/ib keeps its net.Socket private. We read it (never modify the library) to
 * 1. see every byte before the client does (our own FrameDecoder, strict UTF-8), and
 * 2. wrap the client's 'data' listener, because an exception in its decoder other than an
 *    underrun (for example JSON.parse of a bad advancedOrderReject field) would otherwise
 *    escape into Node's event loop and take the backend down.
 * Each frame the client hands to its decoder emits one `received` event; `onReceived` pairs
 * that event with the bytes we decoded, so `current` is the frame being decoded right now.
 */
export class RawTap {
  private readonly decoder = new FrameDecoder();
  private readonly pending: Buffer[] = [];
  private readonly recentFrames: Buffer[] = [];
  private currentFrame: Buffer | null = null;
  attached = false;

  constructor(private readonly onBadBytes: (problem: string, rendered: string) => void) {}

  /** Call right after ib.connect() (the socket exists from then on). */
  attach(ib: IBApi, onThrow: (error: unknown, frame: string) => void): boolean {
    const socket = (ib as unknown as { controller?: { socket?: { client?: Socket } } }).controller?.socket?.client;
    if (!socket || typeof socket.prependListener !== 'function') return false;
    const clientListeners = socket.listeners('data') as DataListener[];
    for (const listener of clientListeners) {
      socket.removeListener('data', listener);
      socket.on('data', (chunk: Buffer) => {
        try {
          listener.call(socket, chunk);
        } catch (error) {
          onThrow(error, this.describeCurrent());
        }
      });
    }
    socket.prependListener('data', (chunk: Buffer) => this.push(chunk));
    this.attached = true;
    return true;
  }

  /** The client emitted `received` for its next frame. */
  onReceived(): void {
    this.currentFrame = this.pending.shift() ?? null;
  }

  describeCurrent(): string {
    return this.currentFrame ? renderFrame(this.currentFrame, 256) : '(no frame captured)';
  }

  /** The last frames received, rendered for a log line. */
  describeRecent(count = 4): string {
    return this.recentFrames
      .slice(-count)
      .map((f) => renderFrame(f, 256))
      .join(' ‖ ');
  }

  private push(chunk: Buffer): void {
    try {
      for (const event of this.decoder.push(chunk)) {
        this.remember(event.raw);
        if (event.kind === 'frame') continue;
        const { error } = event;
        if (error.code === 'FRAME_TOO_LARGE') {
          this.onBadBytes(`length prefix ${error.declaredLength} exceeds ${error.maxLength}`, renderRawBytes(event.raw, 64));
        } else {
          this.onBadBytes(`undecodable frame (${error.code})`, renderFrame(event.raw, 256));
        }
      }
    } catch (error) {
      this.onBadBytes(`tap failed: ${error instanceof Error ? error.message : String(error)}`, renderRawBytes(chunk, 128));
    }
  }

  private remember(raw: Buffer): void {
    this.pending.push(raw);
    // The client may drop frames we counted (it gives up on an oversized stream); never grow without bound.
    if (this.pending.length > 4096) this.pending.splice(0, this.pending.length - 4096);
    this.recentFrames.push(raw);
    if (this.recentFrames.length > RECENT_FRAMES) this.recentFrames.shift();
  }
}
