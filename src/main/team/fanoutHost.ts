// How a headless host takes part in the Redis Streams fan-out. The primary runs the desk (orders, journal, market) and
// appends its events; its own clients keep reading its bus directly, so they never get an event twice. A replica
// serves its clients a bus of their own, fed by the stream for the desk's topics and by its own process only for
// the topics that describe that process; its quote snapshot is the primary's. Every other method is the primary's:
// with `primary` set, each client's calls are forwarded to it on a link of the client's own (its credential), else
// they are refused.
import type { Quote } from '../../core/model/marketData';
import type { ClientConnection, ClientDispatch } from '../api/dispatcher';
import { MessageBus } from '../bus/messageBus';
import type { Workstation } from '../workstation';
import { REPLICA_LOCAL_TOPICS } from './fanoutEntry';
import type { PrimaryAddress } from './primaryAddress';
import { PrimaryForwarding, type ForwardingOptions } from './primaryForwarding';
import { replicaDispatch } from './replicaDispatch';
import { StreamPublisher, StreamRelay, type FanoutRole, type FanoutStatus } from './streamFanout';

export interface FanoutSettings {
  /** redis:// or rediss:// */
  readonly url: string;
  readonly role: FanoutRole;
  /** The stream's key (default FANOUT_STREAM); one team, one stream. */
  readonly stream?: string;
  /** The primary a replica forwards calls to (absent: they are refused, naming the primary). */
  readonly primary?: PrimaryAddress;
  /** Timing of the forwarding (tests shorten the probe). */
  readonly forwarding?: Omit<ForwardingOptions, 'log'>;
}

export interface RunningFanout {
  readonly role: FanoutRole;
  /** The bus this host's WebSocket clients subscribe to (replica only; a primary's clients use the backend's bus). */
  readonly clientBus: MessageBus | null;
  /** The API each of this host's clients calls, opened per socket (replica only). */
  readonly openClient: ((client: ClientConnection) => ClientDispatch) | null;
  /** The forwarding to the primary (a replica with `primary` only). */
  readonly forwarding: PrimaryForwarding | null;
  status(): FanoutStatus;
  stop(): Promise<void>;
}

export function startFanout(workstation: Workstation, settings: FanoutSettings): RunningFanout {
  const log = (level: 'info' | 'warn', message: string) => workstation.log.write(level, 'fanout', message);
  const options = { url: settings.url, log, ...(settings.stream ? { stream: settings.stream } : {}) };
  if (settings.role === 'primary') {
    const publisher = new StreamPublisher(workstation.bus, options);
    return { role: 'primary', clientBus: null, openClient: null, forwarding: null, status: () => publisher.status(), stop: () => publisher.stop() };
  }
  const clientBus = new MessageBus({ onHandlerError: (error, topic) => log('warn', `client handler for ${topic} failed: ${(error as Error)?.message ?? String(error)}`) });
  const local = REPLICA_LOCAL_TOPICS.map((topic) => workstation.bus.subscribe(topic, (payload) => clientBus.publish(topic, payload)));
  const latestQuotes = new Map<string, Quote>();
  const unsubscribeQuotes = clientBus.subscribe('market.quotes.*', (quote) => latestQuotes.set((quote as Quote).symbol, quote as Quote));
  const quotes = (symbols?: readonly string[]) =>
    symbols === undefined ? [...latestQuotes.values()] : symbols.map((s) => latestQuotes.get(s)).filter((q): q is Quote => q !== undefined);
  const relay = new StreamRelay(clientBus, options);
  const forwarding = settings.primary ? new PrimaryForwarding(settings.primary, { ...settings.forwarding, log: (level, message) => workstation.log.write(level, 'forward', message) }) : null;
  const readOnly: ClientDispatch = { dispatch: replicaDispatch(workstation.dispatch, { quotes }), close: () => undefined };
  return {
    role: 'replica',
    clientBus,
    openClient(client) {
      if (forwarding === null) return readOnly;
      const own = forwarding.openClient(client.credential, (code, reason) => client.closeSocket(code, reason));
      return { dispatch: replicaDispatch(workstation.dispatch, { quotes }, own.forward), close: own.close };
    },
    forwarding,
    status: () => relay.status(),
    async stop() {
      forwarding?.stop();
      for (const unsubscribe of [...local, unsubscribeQuotes]) unsubscribe();
      await relay.stop();
    },
  };
}
