// React access to the WorkstationClient, and a hook that follows a stream topic.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { WorkstationClient } from '../../shared/contracts/client';
import type { StreamTopic, StreamTopics } from '../../shared/contracts/topics';

const ApiContext = createContext<WorkstationClient | undefined>(undefined);

export function ApiProvider({ client, children }: { client: WorkstationClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): WorkstationClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

/** Subscribes for the component's lifetime; `onEvent` should be stable (a store action). */
export function useStream<T extends StreamTopic>(topic: T, onEvent: (data: StreamTopics[T]) => void): void {
  const client = useApi();
  useEffect(() => client.subscribe(topic, onEvent), [client, topic, onEvent]);
}
