// The team server's shared bus on Redis Streams: the primary appends its bus's market and trading events to one stream
// (StreamPublisher); every replica reads it from its last id and republishes each entry once on the bus its own
// WebSocket clients subscribe to (StreamRelay). Both survive Redis going away and resume where they were.
import { randomUUID } from 'node:crypto';
import { Redis, ReplyError } from 'ioredis';
import type { MessageBus } from '../bus/messageBus';
import { FANOUT_MAXLEN, FANOUT_PATTERNS, FANOUT_STREAM, decodeFanoutEntry, encodeFanoutEntry, streamIdMs } from './fanoutEntry';

export type FanoutRole = 'primary' | 'replica';

/** What /health and /metrics read: whether Redis answers, and how many entries went through. */
export interface FanoutStatus {
  readonly role: FanoutRole;
  readonly redisUp: boolean;
  /** Why Redis is not usable, while it is not. */
  readonly lastError: string | null;
  /** Primary: entries appended. Replica: entries republished to its clients. */
  readonly entries: number;
  /** Replica: entries seen twice (a publisher's resend after a lost reply) and skipped. */
  readonly duplicates: number;
  /** Replica: entries that failed validation, logged and skipped. */
  readonly malformed: number;
  /** Primary: events waiting for Redis. */
  readonly backlog: number;
  /** Primary: events dropped because the backlog was full while Redis was away. */
  readonly dropped: number;
  /** Replica: publish-to-relay delay of the newest entry relayed, in ms (0 before the first). */
  readonly lagMs: number;
  /** Replica: the stream id it resumes after (null until it has read where the stream stands). */
  readonly position: string | null;
}

export interface FanoutOptions {
  readonly url: string;
  readonly stream?: string;
  readonly log: (level: 'info' | 'warn', message: string) => void;
  readonly now?: () => number;
}

/** Entries sent to Redis in one pipeline. */
const BATCH = 500;
/** Above this many waiting events market data waits in the bus, which keeps only the latest quote per symbol. */
const MARKET_BACKLOG = 1_000;
/** Events held while Redis is away; beyond it the oldest are dropped (and counted): memory stays bounded. */
export const MAX_BACKLOG = 200_000;
/** How long one XREAD waits for new entries before asking again (also bounds how long stop() waits). */
const BLOCK_MS = 1_000;
/** Publishers whose last sequence a relay remembers (one per primary run; bounded). */
const PUBLISHERS_REMEMBERED = 64;

const STOPPED = Symbol('stopped');

const message = (error: unknown) => (error as Error)?.message ?? String(error);

/** One Redis connection that reconnects for ever, its commands waiting while it is away; its state is tracked. */
function connect(url: string, onState: (up: boolean, error: string | null) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false, retryStrategy: (times) => Math.min(50 * times, 1_000) });
  let lastError: string | null = null;
  redis.on('ready', () => ((lastError = null), onState(true, null)));
  redis.on('error', (error: Error) => ((lastError = error.message), onState(false, lastError)));
  redis.on('close', () => onState(false, lastError ?? 'connection closed'));
  return redis;
}

/** The primary's side: every fanned-out bus event, in bus order, appended to the stream (MAXLEN ~ FANOUT_MAXLEN). */
export class StreamPublisher {
  /** This run's id: a relay counts sequences per publisher run, so a restarted primary starts afresh. */
  readonly publisherId = randomUUID();
  private readonly stream: string;
  private readonly redis: Redis;
  private readonly pending: Array<{ seq: number; fields: string[] }> = [];
  private readonly unsubscribe: Array<() => void> = [];
  private seq = 0;
  private sending = false;
  private failing = false;
  private stopped = false;
  private up = false;
  private lastError: string | null = null;
  private appended = 0;
  private dropped = 0;

  constructor(
    bus: MessageBus,
    private readonly options: FanoutOptions,
  ) {
    this.stream = options.stream ?? FANOUT_STREAM;
    this.redis = connect(options.url, (up, error) => {
      if (up && !this.up) options.log('info', `fanout: Redis up, appending to ${this.stream}`);
      if (!up && this.up && !this.stopped) options.log('warn', `fanout: Redis down (${error}); holding events until it is back`);
      this.up = up;
      this.lastError = error;
      if (up) this.send();
    });
    const ready = () => this.pending.length < MARKET_BACKLOG;
    for (const pattern of FANOUT_PATTERNS) this.unsubscribe.push(bus.subscribe(pattern, (payload, topic) => this.enqueue(topic, payload), { ready }));
  }

  private enqueue(topic: string, data: unknown): void {
    if (this.stopped) return;
    const fields = encodeFanoutEntry({ publisher: this.publisherId, seq: this.seq + 1, topic, data });
    if (!fields.ok) {
      // A payload JSON cannot carry (a cycle, a BigInt) would block the stream for ever if queued: it is left out.
      this.dropped += 1;
      this.options.log('warn', `fanout: ${topic} event not shared: ${fields.error}`);
      return;
    }
    const seq = ++this.seq;
    this.pending.push({ seq, fields: fields.value });
    if (this.pending.length > MAX_BACKLOG) {
      this.pending.shift();
      if (this.dropped++ === 0) this.options.log('warn', `fanout: over ${MAX_BACKLOG} events waiting for Redis; dropping the oldest`);
    }
    this.send();
  }

  /** One pipeline in flight at a time, so entries reach the stream in bus order. */
  private send(): void {
    if (this.sending || this.stopped || this.pending.length === 0) return;
    this.sending = true;
    const batch = this.pending.slice(0, BATCH);
    const pipeline = this.redis.pipeline();
    for (const entry of batch) pipeline.xadd(this.stream, 'MAXLEN', '~', String(FANOUT_MAXLEN), '*', ...entry.fields);
    pipeline
      .exec()
      .then((results) => {
        // Entries are done up to the first that the connection failed; it and the rest are sent again (a relay skips
        // any it already has). One Redis refused (an error reply: the key is not a stream, out of memory) would be
        // refused again for ever: it is dropped, counted and logged.
        let done = 0;
        for (; done < batch.length; done++) {
          const error = results?.[done]?.[0] ?? (results?.[done] ? null : new Error('no reply'));
          if (error === null) this.appended += 1;
          else if (error instanceof ReplyError) {
            this.dropped += 1;
            this.options.log('warn', `fanout: Redis refused event ${batch[done]?.seq}: ${message(error)}`);
          } else break;
        }
        // The backlog may have dropped its oldest meanwhile: remove by sequence, not by position.
        const upTo = done > 0 ? (batch[done - 1]?.seq ?? 0) : 0;
        while ((this.pending[0]?.seq ?? Infinity) <= upTo) this.pending.shift();
        if (done < batch.length) this.failed(message(results?.[done]?.[0]));
        return done < batch.length;
      })
      .catch((error: unknown) => {
        this.failed(message(error));
        return true;
      })
      .then((failed) => {
        this.sending = false;
        if (!failed) this.failing = false;
        if (failed) setTimeout(() => this.send(), 200).unref();
        else this.send();
      });
  }

  /** Logged once per streak of failures (a Redis outage would otherwise log five times a second). */
  private failed(reason: string): void {
    if (!this.failing) this.options.log('warn', `fanout: append failed (${reason}); retrying until it succeeds`);
    this.failing = true;
  }

  status(): FanoutStatus {
    return { role: 'primary', redisUp: this.up, lastError: this.up ? null : this.lastError, entries: this.appended, duplicates: 0, malformed: 0, backlog: this.pending.length, dropped: this.dropped, lagMs: 0, position: null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.redis.disconnect();
  }
}

/** A replica's side: reads the stream from where it was and republishes each entry once on `target`. */
export class StreamRelay {
  private readonly stream: string;
  private readonly redis: Redis;
  private readonly now: () => number;
  /** The last entry id read: where the next read (and a reconnection) resumes. */
  private lastId: string | null = null;
  private readonly lastSeq = new Map<string, number>();
  private stopped = false;
  private up = false;
  private lastError: string | null = null;
  private relayed = 0;
  private duplicates = 0;
  private malformed = 0;
  private lagMs = 0;
  private readonly loop: Promise<void>;
  /** Settles on stop(): a read waiting on a connection that is reconnecting never settles when ioredis is closed then. */
  private stopSignal!: () => void;
  private readonly stopping = new Promise<typeof STOPPED>((resolve) => (this.stopSignal = () => resolve(STOPPED)));

  constructor(
    private readonly target: MessageBus,
    private readonly options: FanoutOptions,
  ) {
    this.stream = options.stream ?? FANOUT_STREAM;
    this.now = options.now ?? Date.now;
    this.redis = connect(options.url, (up, error) => {
      if (up && !this.up) options.log('info', `fanout: Redis up, relaying ${this.stream}${this.lastId ? ` after ${this.lastId}` : ''}`);
      if (!up && this.up && !this.stopped) options.log('warn', `fanout: Redis down (${error}); clients get nothing new until it is back`);
      this.up = up;
      this.lastError = error;
    });
    this.loop = this.run();
  }

  /** The id after which entries are new; until it is read, a started replica serves only what comes from now on. */
  private async startId(): Promise<string> {
    const newest = (await this.redis.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    return newest[0]?.[0] ?? '0-0';
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.lastId === null) {
          const start = await Promise.race([this.startId(), this.stopping]);
          if (start === STOPPED) return;
          this.lastId = start;
        }
        const read = this.redis.xread('COUNT', 1000, 'BLOCK', BLOCK_MS, 'STREAMS', this.stream, this.lastId) as Promise<Array<[string, Array<[string, string[]]>]> | null>;
        const reply = await Promise.race([read, this.stopping]);
        if (reply === STOPPED) return;
        for (const [, entries] of reply ?? []) for (const [id, fields] of entries) this.relay(id, fields);
      } catch (error) {
        if (this.stopped) return;
        this.options.log('warn', `fanout: reading ${this.stream} failed (${message(error)}); retrying`);
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 200).unref()), this.stopping]);
      }
    }
  }

  private relay(id: string, fields: readonly string[]): void {
    this.lastId = id;
    const decoded = decodeFanoutEntry(fields);
    if (!decoded.ok) {
      this.malformed += 1;
      this.options.log('warn', `fanout: skipped stream entry ${id}: ${decoded.error}`);
      return;
    }
    const { publisher, seq, topic, data } = decoded.value;
    const last = this.lastSeq.get(publisher);
    if (last !== undefined && seq <= last) {
      this.duplicates += 1;
      return;
    }
    if (last === undefined && this.lastSeq.size >= PUBLISHERS_REMEMBERED) this.lastSeq.delete(this.lastSeq.keys().next().value as string);
    this.lastSeq.set(publisher, seq);
    this.relayed += 1;
    this.lagMs = Math.max(0, this.now() - streamIdMs(id));
    this.target.publish(topic, data);
  }

  status(): FanoutStatus {
    return { role: 'replica', redisUp: this.up, lastError: this.up ? null : this.lastError, entries: this.relayed, duplicates: this.duplicates, malformed: this.malformed, backlog: 0, dropped: 0, lagMs: this.lagMs, position: this.lastId };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopSignal();
    this.redis.disconnect();
    await this.loop;
  }
}
