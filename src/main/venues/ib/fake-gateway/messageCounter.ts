// Owns counting of every message the gateway receives: per message id, per client, with receipt timestamps.

export interface ReceivedMessage {
  readonly msgId: number;
  /** Client id once START_API has been seen on that connection, otherwise undefined. */
  readonly clientId: number | undefined;
  readonly sessionId: number;
  /** Milliseconds from the gateway's clock. */
  readonly at: number;
}

export interface CounterFilter {
  readonly msgId?: number;
  readonly clientId?: number;
}

/** IB's own limit: 50 client messages in any one second. */
export const IB_MESSAGES_PER_SECOND = 50;

export class MessageCounter {
  private readonly log: ReceivedMessage[] = [];

  record(message: ReceivedMessage): void {
    this.log.push(message);
  }

  /** Every message received so far, oldest first. */
  messages(filter: CounterFilter = {}): ReceivedMessage[] {
    return this.log.filter((m) => matches(m, filter));
  }

  total(filter: CounterFilter = {}): number {
    return this.messages(filter).length;
  }

  count(msgId: number, clientId?: number): number {
    return this.total({ msgId, clientId });
  }

  /** Message id → how many were received. */
  byId(filter: Omit<CounterFilter, 'msgId'> = {}): Map<number, number> {
    const out = new Map<number, number>();
    for (const m of this.messages(filter)) out.set(m.msgId, (out.get(m.msgId) ?? 0) + 1);
    return out;
  }

  /** The most messages inside any window of `windowMs` (a sliding window over receipt times). */
  maxInWindow(windowMs = 1000, filter: CounterFilter = {}): number {
    const times = this.messages(filter).map((m) => m.at);
    times.sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end += 1) {
      while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Messages received in the `windowMs` ending at `now` (what a pacing check looks at). */
  inLastWindow(now: number, windowMs = 1000, filter: CounterFilter = {}): number {
    let n = 0;
    // Newest last: walk back until the window closes (receipt order is time order).
    for (let i = this.log.length - 1; i >= 0; i -= 1) {
      const m = this.log[i] as ReceivedMessage;
      if (m.at <= now - windowMs) break;
      if (m.at <= now && matches(m, filter)) n += 1;
    }
    return n;
  }

  reset(): void {
    this.log.length = 0;
  }
}

function matches(m: ReceivedMessage, f: CounterFilter): boolean {
  return (f.msgId === undefined || m.msgId === f.msgId) && (f.clientId === undefined || m.clientId === f.clientId);
}
