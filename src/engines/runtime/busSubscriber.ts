// The engine's side of the bus-to-engine stream: an engine that follows bus topics names them in `busTopics` and
// receives batches in `deliverBus` (trading and risk messages all and in order; market data conflated per topic).

export interface BusMessage {
  readonly topic: string;
  readonly payload: unknown;
}

/** Implemented by an engine that follows bus topics (patterns as on the bus: `a.b`, `a.*`, `a.>`). */
export interface BusSubscriber {
  readonly busTopics: readonly string[];
  /** One batch at a time: the next is sent only once this one has returned (or its promise settled). */
  deliverBus(batch: readonly BusMessage[]): void | Promise<void>;
}

/** Routes a batch to handlers by exact topic or by prefix (`market.quotes.` for `market.quotes.*`). */
export class BusRouter {
  private readonly exact = new Map<string, (payload: unknown, topic: string) => void>();
  private readonly prefixes: Array<[string, (payload: unknown, topic: string) => void]> = [];

  on(pattern: string, handler: (payload: unknown, topic: string) => void): this {
    if (pattern.endsWith('.*') || pattern.endsWith('.>')) this.prefixes.push([pattern.slice(0, -1), handler]);
    else this.exact.set(pattern, handler);
    return this;
  }

  deliver(batch: readonly BusMessage[]): void {
    for (const { topic, payload } of batch) {
      const handler = this.exact.get(topic) ?? this.prefixes.find(([prefix]) => topic.startsWith(prefix))?.[1];
      handler?.(payload, topic);
    }
  }
}
