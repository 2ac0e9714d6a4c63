// The engine lifecycle as one (state, event) → state table; the supervisor refuses anything else.
import type { EngineState } from '../../shared/contracts/engines';

export type EngineEvent = 'ready' | 'exit' | 'exitCrashLoop' | 'retry' | 'stop';

const TABLE: Readonly<Record<EngineState, Partial<Record<EngineEvent, EngineState>>>> = {
  starting: { ready: 'up', exit: 'restarting', exitCrashLoop: 'down', stop: 'stopped' },
  up: { exit: 'restarting', exitCrashLoop: 'down', stop: 'stopped' },
  restarting: { retry: 'starting', stop: 'stopped' },
  down: { retry: 'starting', stop: 'stopped' },
  stopped: {},
};

/** The next state, or undefined when the table has no such transition. */
export function nextEngineState(state: EngineState, event: EngineEvent): EngineState | undefined {
  return TABLE[state][event];
}
