// engines.* and features.* methods: health, restart, and calls routed through the supervisor.
import * as Comlink from 'comlink';
import type { WorkstationApi } from '../../shared/contracts/api';
import { apiError } from '../../shared/contracts/errors';
import type { FeaturesEngine } from '../../engines/features/featuresEngine';
import { EngineUnavailableError, type EngineSupervisor } from '../engine-host/supervisor';

type EngineHandlers = Pick<WorkstationApi, 'engines.list' | 'engines.restart' | 'features.movingAverage'>;

/** JSON has no NaN: warm-up values travel as null. */
const toJsonNumbers = (values: Float64Array): Array<number | null> => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

export function engineHandlers(supervisor: EngineSupervisor): EngineHandlers {
  return {
    'engines.list': async () => supervisor.health(),
    'engines.restart': async ({ name }) => {
      if (!supervisor.has(name)) throw new EngineUnavailableError(apiError('UNKNOWN_ENGINE', `no engine named ${name}`, { engine: name }));
      supervisor.kill(name, 'restarted on request');
      return supervisor.healthOf(name);
    },
    'features.movingAverage': async ({ kind, period, values }) => {
      const input = Float64Array.from(values);
      const output = await supervisor.call<FeaturesEngine, Float64Array>('features', (engine) =>
        engine.movingAverage(kind, period, Comlink.transfer(input, [input.buffer])),
      );
      return toJsonNumbers(output);
    },
  };
}
