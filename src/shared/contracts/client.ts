// A typed client over any transport: the renderer code is the same for Electron IPC and WebSocket.
import type { MethodName, MethodInput, MethodOutput } from './api';
import { ApiCallError } from './errors';
import type { StreamTopic, StreamTopics } from './topics';
import type { CallReply } from './wire';

/** What a transport must provide: the preload's bridge and the WebSocket client both do. */
export interface ApiTransport {
  call(method: string, input: unknown): Promise<CallReply>;
  subscribe(topic: string, onEvent: (data: unknown) => void): () => void;
}

export interface WorkstationClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<T extends StreamTopic>(topic: T, onEvent: (data: StreamTopics[T]) => void): () => void;
}

export function createWorkstationClient(transport: ApiTransport): WorkstationClient {
  return {
    async call(method, input) {
      const reply = await transport.call(method, input);
      if (!reply.ok) throw new ApiCallError(reply.error);
      return reply.value as never;
    },
    subscribe(topic, onEvent) {
      return transport.subscribe(topic, onEvent as (data: unknown) => void);
    },
  };
}
