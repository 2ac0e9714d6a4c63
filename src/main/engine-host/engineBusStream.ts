// The host's side of the bus-to-engine stream: subscribes to an engine's topics and sends it batches over its port,
// one at a time. Trading and risk messages are queued and never dropped or reordered; market data is conflated per
// topic (the latest value wins) while a batch is in flight, so a slow engine never backs up the bus.
import type { BusMessage } from '../../engines/runtime/busSubscriber';
import { deliveryClassOf } from '../bus/messageBus';

export interface BusSource {
  subscribe(pattern: string, handler: (payload: unknown, topic: string) => void): () => void;
}

export class EngineBusStream {
  private readonly reliable: BusMessage[] = [];
  private readonly conflated = new Map<string, unknown>();
  private readonly unsubscribes: Array<() => void> = [];
  private inFlight = false;
  private stopped = false;

  constructor(
    private readonly deliver: (batch: BusMessage[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues `initial` (a snapshot of the topics' current state) first, then follows the topics. */
  start(bus: BusSource, topics: readonly string[], initial: readonly BusMessage[] = []): void {
    for (const m of initial) this.push(m.topic, m.payload);
    for (const topic of topics) this.unsubscribes.push(bus.subscribe(topic, (payload, t) => this.push(t, payload)));
  }

  stop(): void {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.reliable.length = 0;
    this.conflated.clear();
  }

  /** Messages waiting for the engine (for health pages and tests). */
  get backlog(): number {
    return this.reliable.length + this.conflated.size;
  }

  private push(topic: string, payload: unknown): void {
    if (this.stopped) return;
    if (deliveryClassOf(topic) === 'conflated') {
      this.conflated.delete(topic); // re-inserted last: the batch keeps the topics in order of their latest update
      this.conflated.set(topic, payload);
    } else {
      this.reliable.push({ topic, payload });
    }
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || this.stopped || this.backlog === 0) return;
    const batch: BusMessage[] = this.reliable.splice(0);
    for (const [topic, payload] of this.conflated) batch.push({ topic, payload });
    this.conflated.clear();
    this.inFlight = true;
    this.deliver(batch).then(
      () => {
        this.inFlight = false;
        this.pump();
      },
      (error: unknown) => {
        // The engine went away (the supervisor restarts it and opens a new stream) or refused the batch.
        this.inFlight = false;
        this.onError(error);
      },
    );
  }
}
