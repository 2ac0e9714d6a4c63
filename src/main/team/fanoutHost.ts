// How a headless host takes part in the Redis Streams fan-out. The primary runs the desk (orders, journal, market) and
// appends its events; its own clients keep reading its bus directly, so they never get an event twice. A replica
// serves its clients a bus of their own, fed by the stream for the desk's topics and by its own process only for
// the topics that describe that process, and refuses every method that would change state (read-only, viewer-grade);
// its quote snapshot is the primary's. Other snapshots (orders, fills, positions lists) still answer from the replica's
// own, idle trading node: a client builds those views from the streams.
import type { Quote } from '../../core/model/marketData';
import type { Dispatch } from '../api/dispatcher';
import { MessageBus } from '../bus/messageBus';
import type { Workstation } from '../workstation';
import { REPLICA_LOCAL_TOPICS } from './fanoutEntry';
import { replicaDispatch } from './replicaDispatch';
import { StreamPublisher, StreamRelay, type FanoutRole, type FanoutStatus } from './streamFanout';

export interface FanoutSettings {
  /** redis:// or rediss:// */
  readonly url: string;
  readonly role: FanoutRole;
  /** The stream's key (default FANOUT_STREAM); one team, one stream. */
  readonly stream?: string;
}

export interface RunningFanout {
  readonly role: FanoutRole;
  /** The bus this host's WebSocket clients subscribe to (replica only; a primary's clients use the backend's bus). */
  readonly clientBus: MessageBus | null;
  /** The API this host's clients call (replica only: read-only). */
  readonly dispatch: Dispatch | null;
  status(): FanoutStatus;
  stop(): Promise<void>;
}

export function startFanout(workstation: Workstation, settings: FanoutSettings): RunningFanout {
  const log = (level: 'info' | 'warn', message: string) => workstation.log.write(level, 'fanout', message);
  const options = { url: settings.url, log, ...(settings.stream ? { stream: settings.stream } : {}) };
  if (settings.role === 'primary') {
    const publisher = new StreamPublisher(workstation.bus, options);
    return { role: 'primary', clientBus: null, dispatch: null, status: () => publisher.status(), stop: () => publisher.stop() };
  }
  const clientBus = new MessageBus({ onHandlerError: (error, topic) => log('warn', `client handler for ${topic} failed: ${(error as Error)?.message ?? String(error)}`) });
  const local = REPLICA_LOCAL_TOPICS.map((topic) => workstation.bus.subscribe(topic, (payload) => clientBus.publish(topic, payload)));
  const latestQuotes = new Map<string, Quote>();
  const unsubscribeQuotes = clientBus.subscribe('market.quotes.*', (quote) => latestQuotes.set((quote as Quote).symbol, quote as Quote));
  const quotes = (symbols?: readonly string[]) =>
    symbols === undefined ? [...latestQuotes.values()] : symbols.map((s) => latestQuotes.get(s)).filter((q): q is Quote => q !== undefined);
  const relay = new StreamRelay(clientBus, options);
  return {
    role: 'replica',
    clientBus,
    dispatch: replicaDispatch(workstation.dispatch, { quotes }),
    status: () => relay.status(),
    async stop() {
      for (const unsubscribe of [...local, unsubscribeQuotes]) unsubscribe();
      await relay.stop();
    },
  };
}
