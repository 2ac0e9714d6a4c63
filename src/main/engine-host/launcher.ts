// How the supervisor starts an engine: one implementation per host (worker thread, Electron utility process).
import type { Endpoint } from 'comlink';

export interface LaunchedEngine {
  /** The engine's end of its MessagePort, wrapped for comlink. */
  readonly endpoint: Endpoint;
  /** Called once, when the engine's process or thread ends for any reason. */
  onExit(listener: (reason: string) => void): void;
  /** Ends it now (a crash, as far as the supervisor is concerned, unless it is stopping). */
  kill(): void;
}

export interface EngineLauncher {
  launch(name: string): LaunchedEngine;
}
