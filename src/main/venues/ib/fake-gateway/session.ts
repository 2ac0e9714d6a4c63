// Owns one client connection: the handshake, frame decoding, START_API, outgoing frames, stalls and closing on bad input.
import type { Socket } from 'node:net';
import { encodeFrame, type WireField } from '../wire/frameCodec';
import { FrameDecoder, type FrameDecodeEvent } from '../wire/frameDecoder';
import { renderFrame } from '../wire/frameLog';
import { negotiateServerVersion, parseClientHello } from '../wire/handshake';
import { parseClientRequest, type ClientRequest } from './requestParsers';
import { errorMessage, serverHello } from './messages/connection';
import type { InstrumentSpec } from './types';

export type SessionState = 'awaiting-hello' | 'awaiting-start-api' | 'ready' | 'closed';

export interface SessionHooks {
  readonly serverVersion: number;
  connectionTime(): string;
  log(line: string): void;
  /** Every framed message, before it is parsed (so malformed ones are counted too; id -1 if unreadable). */
  record(session: GatewaySession, msgId: number): void;
  /** Whether START_API may bind this client id (TWS refuses a second connection with the same id). */
  clientIdAvailable(clientId: number, session: GatewaySession): boolean;
  onReady(session: GatewaySession): void;
  onRequest(session: GatewaySession, request: ClientRequest): void;
  onClosed(session: GatewaySession, reason: string): void;
}

/** Outgoing frames held during a stall beyond this many are dropped (and logged). */
const MAX_STALLED_FRAMES = 100_000;

export class GatewaySession {
  state: SessionState = 'awaiting-hello';
  clientId: number | undefined;
  /** The peer stopped being read and answered; requests and replies wait. */
  stalled = false;
  /** After a deliberately broken length prefix, nothing we send can be framed any more. */
  poisoned = false;
  /** Between info 1100 and 1101/1102: no market data goes out. */
  marketDataSuspended = false;
  readonly marketData = new Map<number, InstrumentSpec>();
  readonly accountSummaries = new Set<number>();
  positionsSubscribed = false;
  readonly remote: string;

  private helloBuffer = Buffer.alloc(0);
  private readonly decoder = new FrameDecoder();
  private backlog: FrameDecodeEvent[] = [];
  private outbox: Buffer[] = [];
  private closeReported = false;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly hooks: SessionHooks,
  ) {
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.guard(() => this.onData(chunk)));
    socket.on('error', (e) => this.hooks.log(`session ${this.id} (${this.label()}): socket error ${e.message}`));
    socket.on('close', () => this.finish('peer closed the connection'));
  }

  label(): string {
    return this.clientId === undefined ? this.remote : `client ${this.clientId}`;
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  send(fields: readonly WireField[]): void {
    this.sendRaw(encodeFrame(fields));
  }

  sendRaw(bytes: Buffer): void {
    if (this.state === 'closed') return;
    if (this.poisoned) {
      this.hooks.log(`session ${this.id}: dropping a frame; the stream was deliberately corrupted`);
      return;
    }
    if (this.stalled) {
      if (this.outbox.length >= MAX_STALLED_FRAMES) this.hooks.log(`session ${this.id}: stall outbox full, dropping ${renderFrame(bytes, 64)}`);
      else this.outbox.push(bytes);
      return;
    }
    this.socket.write(bytes);
  }

  /** Stop reading the client and answering it, like a hung gateway; TCP keeps the connection up. */
  stall(): void {
    if (this.stalled || this.state === 'closed') return;
    this.stalled = true;
    this.socket.pause();
  }

  /** Answer everything that piled up, then carry on. */
  unstall(): void {
    if (!this.stalled || this.state === 'closed') return;
    this.stalled = false;
    const outbox = this.outbox;
    this.outbox = [];
    for (const bytes of outbox) this.socket.write(bytes);
    const backlog = this.backlog;
    this.backlog = [];
    this.guard(() => this.handleEvents(backlog));
    if (!this.stalled) this.socket.resume();
  }

  /** Drop the connection abruptly (what a crash or network cut looks like to the client). */
  close(reason: string): void {
    if (this.state === 'closed') return;
    this.hooks.log(`session ${this.id} (${this.label()}): closing: ${reason}`);
    this.state = 'closed';
    this.socket.destroy();
    this.finish(reason);
  }

  /** Close after flushing what was already written (so a final error frame reaches the client). */
  end(reason: string): void {
    if (this.state === 'closed') return;
    this.hooks.log(`session ${this.id} (${this.label()}): ending: ${reason}`);
    this.state = 'closed';
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 2000).unref();
    this.finish(reason);
  }

  private finish(reason: string): void {
    this.state = 'closed';
    if (this.closeReported) return;
    this.closeReported = true;
    this.hooks.onClosed(this, reason);
  }

  /** Bad input must never take the gateway down: log it and drop this one connection. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (e) {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.close(`internal error while handling input: ${message}`);
    }
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    if (this.state !== 'awaiting-hello') return this.handleEvents(this.decoder.push(chunk));
    this.helloBuffer = Buffer.concat([this.helloBuffer, chunk]);
    const parsed = parseClientHello(this.helloBuffer);
    if (parsed.kind === 'need-more') return;
    if (parsed.kind === 'error') return this.close(`bad handshake (${parsed.code}): ${parsed.detail}`);
    const version = negotiateServerVersion(parsed.hello, this.hooks.serverVersion, this.hooks.serverVersion);
    if (version === undefined) {
      return this.close(`client speaks v${parsed.hello.minVersion}..${parsed.hello.maxVersion}, we speak only ${this.hooks.serverVersion}`);
    }
    const rest = this.helloBuffer.subarray(parsed.hello.consumed);
    this.helloBuffer = Buffer.alloc(0);
    this.state = 'awaiting-start-api';
    this.send(serverHello(version, this.hooks.connectionTime()));
    if (rest.length > 0) this.handleEvents(this.decoder.push(rest));
  }

  private handleEvents(events: readonly FrameDecodeEvent[]): void {
    for (let i = 0; i < events.length; i += 1) {
      if (this.state === 'closed') return;
      if (this.stalled) {
        this.backlog.push(...events.slice(i));
        return;
      }
      const event = events[i] as FrameDecodeEvent;
      if (event.kind === 'error') {
        this.hooks.record(this, -1);
        return this.close(`malformed frame (${event.error.code}): ${renderFrame(event.raw, 128)}`);
      }
      this.handleFrame(event.fields, event.raw);
    }
  }

  private handleFrame(fields: string[], raw: Buffer): void {
    const first = fields[0] ?? '';
    this.hooks.record(this, /^\d+$/.test(first) ? Number(first) : -1);
    const parsed = parseClientRequest(fields);
    if (!parsed.ok) return this.close(`unparsable request ${JSON.stringify(parsed.error)}: ${renderFrame(raw, 128)}`);
    const request = parsed.value;
    if (this.state === 'awaiting-start-api') {
      if (request.kind !== 'startApi') return this.close(`expected START_API, got ${renderFrame(raw, 64)}`);
      if (!this.hooks.clientIdAvailable(request.clientId, this)) {
        this.send(errorMessage(-1, 326, `Unable to connect as the client id is already in use. Retry with a unique client id.`));
        return this.end(`client id ${request.clientId} already in use`);
      }
      this.clientId = request.clientId;
      this.state = 'ready';
      this.hooks.onReady(this);
      return;
    }
    if (request.kind === 'startApi') {
      this.hooks.log(`session ${this.id} (${this.label()}): ignoring a second START_API`);
      return;
    }
    this.hooks.onRequest(this, request);
  }
}
