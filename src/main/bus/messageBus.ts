// The backend's publish/subscribe bus. Trading and risk events are delivered in order and never dropped;
// market data is conflated per topic (latest value wins) so a slow consumer cannot back up the order path.
import { compileTopicPattern, type TopicMatcher } from './topicPattern';

export type DeliveryClass = 'reliable' | 'conflated';

/** Market data conflates; everything else (trading.*, risk.*, engine.*, system.*) is reliable. */
export const deliveryClassOf = (topic: string): DeliveryClass => (topic.startsWith('market.') ? 'conflated' : 'reliable');

export type BusHandler = (payload: unknown, topic: string) => void;

export interface SubscribeOptions {
  /** For conflated topics: a consumer that is not ready keeps only the latest value per topic until it is. */
  ready?: () => boolean;
}

interface Subscription {
  readonly matches: TopicMatcher;
  readonly handler: BusHandler;
  readonly ready: () => boolean;
  /** Latest undelivered value per conflated topic. */
  pending: Map<string, unknown>;
  /** The emptied map a drain swaps in for `pending` (drained values are read from the one swapped out, not copied);
   *  absent while a drain of this subscription is delivering, so a nested drain (a synchronous scheduler) takes a new one. */
  spare: Map<string, unknown> | undefined;
  active: boolean;
}

export interface MessageBusOptions {
  /** Schedules a conflated drain; setImmediate by default. */
  schedule?: (fn: () => void) => void;
  /** Retry delay when a conflated consumer is not ready. */
  retryMs?: number;
  onHandlerError?: (error: unknown, topic: string) => void;
}

export class MessageBus {
  /** Replaced, never mutated (copy on write): publishing iterates it without copying, and a handler that
   *  subscribes or unsubscribes does not disturb the delivery in progress. */
  private subscriptions: readonly Subscription[] = [];
  private readonly reliableQueue: Array<[string, unknown]> = [];
  private dispatching = false;
  private drainScheduled = false;
  private readonly schedule: (fn: () => void) => void;
  private readonly retryMs: number;
  private readonly onHandlerError: (error: unknown, topic: string) => void;

  constructor(options: MessageBusOptions = {}) {
    this.schedule = options.schedule ?? ((fn) => setImmediate(fn));
    this.retryMs = options.retryMs ?? 16;
    this.onHandlerError = options.onHandlerError ?? ((error, topic) => console.error(`bus handler for ${topic} failed`, error));
  }

  subscribe(pattern: string, handler: BusHandler, options: SubscribeOptions = {}): () => void {
    const subscription: Subscription = {
      matches: compileTopicPattern(pattern),
      handler,
      ready: options.ready ?? (() => true),
      pending: new Map(),
      spare: undefined,
      active: true,
    };
    this.subscriptions = [...this.subscriptions, subscription];
    return () => {
      subscription.active = false;
      subscription.pending.clear();
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
    };
  }

  publish(topic: string, payload: unknown): void {
    if (deliveryClassOf(topic) === 'conflated') this.publishConflated(topic, payload);
    else this.publishReliable(topic, payload);
  }

  /** In order for every subscriber: a publish from inside a handler waits until the current one is delivered. */
  private publishReliable(topic: string, payload: unknown): void {
    this.reliableQueue.push([topic, payload]);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.reliableQueue.shift(); next; next = this.reliableQueue.shift()) {
        const [t, p] = next;
        for (const subscription of this.subscriptions) {
          if (subscription.active && subscription.matches(t)) this.deliver(subscription, t, p);
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  private publishConflated(topic: string, payload: unknown): void {
    let any = false;
    for (const subscription of this.subscriptions) {
      if (!subscription.matches(topic)) continue;
      subscription.pending.set(topic, payload);
      any = true;
    }
    if (any) this.scheduleDrain(0);
  }

  private scheduleDrain(delayMs: number): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    const run = () => {
      this.drainScheduled = false;
      this.drainConflated();
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else this.schedule(run);
  }

  private drainConflated(): void {
    let waiting = false;
    for (const subscription of this.subscriptions) {
      if (subscription.pending.size === 0 || !subscription.active) continue;
      if (!subscription.ready()) {
        waiting = true;
        continue;
      }
      // Values published while these are delivered go to the swapped-in map, for the next drain, as with a copy.
      const batch = subscription.pending;
      subscription.pending = subscription.spare ?? new Map();
      subscription.spare = undefined;
      batch.forEach((payload, topic) => this.deliver(subscription, topic, payload));
      batch.clear();
      subscription.spare = batch;
    }
    if (waiting) this.scheduleDrain(this.retryMs);
  }

  /** Messages published and not yet delivered: reliable ones queued plus conflated values waiting for a slow consumer. */
  depth(): number {
    let pending = this.reliableQueue.length;
    for (const subscription of this.subscriptions) pending += subscription.pending.size;
    return pending;
  }

  private deliver(subscription: Subscription, topic: string, payload: unknown): void {
    try {
      subscription.handler(payload, topic);
    } catch (error) {
      this.onHandlerError(error, topic);
    }
  }
}
