// Stream topics the renderer may subscribe to, with the payload each carries.
import type { EngineHealth } from './engines';
import type { LogEntry } from './system';

export interface StreamTopics {
  'engine.health': EngineHealth;
  'system.log': LogEntry;
}
export type StreamTopic = keyof StreamTopics;

/** Topics a client may subscribe to (the bus has more, internal ones). */
export const STREAM_TOPICS: readonly StreamTopic[] = ['engine.health', 'system.log'];

export const isStreamTopic = (value: unknown): value is StreamTopic =>
  typeof value === 'string' && (STREAM_TOPICS as readonly string[]).includes(value);
