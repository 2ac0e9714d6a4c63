// Which ML engine instances a walk-forward training holds. A fit keeps its instance's thread busy for minutes, so short
// calls (a GARCH fit, regimes, the risk engine's volatility batch) go to the instances no training holds, and a
// training takes the least-held instance (from the last down, so the first stays free while another is).
import type { EngineSupervisor } from '../engine-host/supervisor';

/** Trainings running per instance name, per supervisor (one workstation has one supervisor). */
const held = new WeakMap<EngineSupervisor, Map<string, number>>();

const namesOf = (supervisor: EngineSupervisor): string[] => {
  const names = supervisor.instancesOf('ml');
  return names.length > 0 ? [...names] : ['ml'];
};

/** Instances for a short call: those no training holds, in order; every instance when all are held (it then waits). */
export function instancesForShortCalls(supervisor: EngineSupervisor): string[] {
  const names = namesOf(supervisor);
  const counts = held.get(supervisor);
  const free = counts ? names.filter((n) => !counts.get(n)) : names;
  return free.length > 0 ? free : names;
}

/** Takes the instance with the fewest trainings (ties: the last) for one training; `release` gives it back. */
export function holdForTraining(supervisor: EngineSupervisor): { readonly name: string; readonly release: () => void } {
  const names = namesOf(supervisor);
  let counts = held.get(supervisor);
  if (!counts) held.set(supervisor, (counts = new Map()));
  let name = names[names.length - 1]!;
  for (let i = names.length - 1; i >= 0; i--) if ((counts.get(names[i]!) ?? 0) < (counts.get(name) ?? 0)) name = names[i]!;
  counts.set(name, (counts.get(name) ?? 0) + 1);
  let released = false;
  return {
    name,
    release: () => {
      if (released) return;
      released = true;
      const left = (counts.get(name) ?? 1) - 1;
      if (left > 0) counts.set(name, left);
      else counts.delete(name);
    },
  };
}
