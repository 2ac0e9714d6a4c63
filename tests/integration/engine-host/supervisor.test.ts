// The supervisor with real worker threads: engines come up, a killed engine restarts with backoff, calls succeed after.
import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { EngineSupervisor, EngineUnavailableError } from '../../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { FeaturesEngine } from '../../../src/engines/features/featuresEngine';
import type { EngineHealth } from '../../../src/shared/contracts/engines';

function waitForHealth(events: EngineHealth[], predicate: (h: EngineHealth) => boolean, timeoutMs = 15_000): Promise<EngineHealth> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const hit = events.find(predicate);
      if (hit) return resolve(hit);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no such health event in ${JSON.stringify(events)}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

const FEATURES = [{ name: 'features', entry: 'features' }];

describe('EngineSupervisor with worker threads', () => {
  let supervisor: EngineSupervisor | undefined;
  afterEach(async () => supervisor?.stop());

  it('starts the features engine and computes over a transferred Float64Array', async () => {
    const events: EngineHealth[] = [];
    supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: FEATURES, onHealth: (h) => events.push(h) });
    supervisor.start();
    await waitForHealth(events, (h) => h.state === 'up');

    const values = new Float64Array([1, 2, 3, 4, 5, 6]);
    const result = await supervisor.call<FeaturesEngine, Float64Array>('features', (engine) =>
      engine.movingAverage('sma', 3, Comlink.transfer(values, [values.buffer])),
    );
    expect(values.byteLength).toBe(0); // moved into the worker, not copied
    expect(result).toBeInstanceOf(Float64Array);
    expect(Array.from(result)).toEqual([NaN, NaN, 2, 3, 4, 5]);
  });

  it('restarts a killed engine and serves calls again', async () => {
    const events: EngineHealth[] = [];
    supervisor = new EngineSupervisor({
      launcher: createWorkerEngineLauncher(),
      engines: FEATURES,
      onHealth: (h) => events.push(h),
      baseBackoffMs: 50,
    });
    supervisor.start();
    await waitForHealth(events, (h) => h.state === 'up');
    const firstPid = (await supervisor.call<FeaturesEngine, { pid: number }>('features', (e) => e.ping())).pid;

    supervisor.kill('features', 'killed by test');
    const restarting = await waitForHealth(events, (h) => h.state === 'restarting');
    expect(restarting.reason).toContain('killed by test');
    await waitForHealth(events, (h) => h.state === 'up' && h.restarts === 1);

    const after = await supervisor.call<FeaturesEngine, Float64Array>('features', (e) => e.movingAverage('ema', 2, new Float64Array([2, 4, 6])));
    expect(Array.from(after)).toEqual([NaN, 3, 5]);
    expect(firstPid).toBe(process.pid); // worker threads share the pid; the restart count proves a new instance
    expect(supervisor.health()[0]).toMatchObject({ name: 'features', state: 'up', restarts: 1 });
  });

  it('fails a call in flight when its engine dies, instead of hanging', async () => {
    const events: EngineHealth[] = [];
    supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: FEATURES, onHealth: (h) => events.push(h), baseBackoffMs: 5_000 });
    supervisor.start();
    await waitForHealth(events, (h) => h.state === 'up');
    const big = new Float64Array(20_000_000).fill(1);
    const call = supervisor.call<FeaturesEngine, Float64Array>('features', (e) => e.movingAverage('sma', 5, big));
    setTimeout(() => supervisor?.kill('features', 'killed mid-call'), 5);
    await expect(call).rejects.toBeInstanceOf(EngineUnavailableError);
  });
});
