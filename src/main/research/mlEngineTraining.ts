// Walk-forward fits in the ML engine, so a long training never blocks the backend's thread: the training set goes as
// transferred copies, fold progress comes back through a proxy, the API's cancel sets a shared flag the engine polls
// between folds and between trees; each training holds the least-busy instance (mlInstances), so concurrent trainings
// spread over the pool and short calls go around them.
import * as Comlink from 'comlink';
import { err, ok, type Result } from '../../core/model/result';
import type { MlEngine } from '../../engines/ml/mlEngine';
import type { WalkForwardJobError, WalkForwardReply } from '../../engines/ml/walkForwardJob';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { holdForTraining } from './mlInstances';
import type { WalkForwardFit } from './mlTraining';

export interface EngineFitDeps {
  readonly supervisor: EngineSupervisor;
  /** Worker threads share memory (the cancel flag); Electron's utility-process ports do not. */
  readonly sharedMemory: boolean;
}

export function fitInMlEngine(deps: EngineFitDeps): WalkForwardFit {
  return async (set, spec, control) => {
    if (control.signal?.aborted) return err({ code: 'CANCELLED', message: 'cancelled before the first fold' });
    const flag = deps.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    const cancel = () => flag && Atomics.store(flag, 0, 1);
    control.signal?.addEventListener('abort', cancel, { once: true });
    let received = 0;
    let caughtUp: (() => void) | undefined;
    const progress = Comlink.proxy((done: number, total: number) => {
      received++;
      control.onProgress(done, total);
      caughtUp?.();
    });
    // Copies are moved, so the caller keeps its set (the registry hashes it) and a crash loses nothing of it.
    const x = set.design.x.slice();
    const y = set.y.slice();
    const time = set.time.slice();
    const job = { x, features: set.design.features, y, time, spec, ...(flag ? { cancelFlag: flag } : {}) };
    const { name, release } = holdForTraining(deps.supervisor);
    try {
      const reply = await deps.supervisor.call<MlEngine, Result<WalkForwardReply, WalkForwardJobError>>(name, (engine) =>
        engine.trainWalkForward(Comlink.transfer(job, [x.buffer, y.buffer, time.buffer] as ArrayBuffer[]), progress),
      );
      if (!reply.ok) return reply;
      // Without a shared flag (Electron's ports) the engine fits to the end; a cancel asked meanwhile still wins.
      if (control.signal?.aborted) return err({ code: 'CANCELLED', message: 'cancelled: the fit had finished in the engine and is discarded' });
      // Progress travels on its own port: wait for the last fold's report, so completion is never announced first.
      if (received < reply.value.progressSent) await new Promise<void>((resolve) => (caughtUp = () => received >= reply.value.progressSent && resolve()));
      return ok(reply.value.training);
    } finally {
      release();
      control.signal?.removeEventListener('abort', cancel);
    }
  };
}
