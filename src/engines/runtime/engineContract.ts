// What every engine exposes besides its own methods: a liveness probe the supervisor calls after start.

export interface EngineBase {
  ping(): Promise<{ pid: number; name: string }>;
}

/** The message a host sends an engine to hand it its port. */
export const CONNECT_MESSAGE = 'nautilus:engine-port';
