// Engine health and the features engine's first methods, as seen across the API.
import { z } from 'zod';
import { finite, positiveInt, empty } from './schemas';

export const ENGINE_STATES = ['starting', 'up', 'restarting', 'down', 'stopped'] as const;
export type EngineState = (typeof ENGINE_STATES)[number];

export const engineHealthSchema = z.object({
  name: z.string(),
  state: z.enum(ENGINE_STATES),
  /** How many times the supervisor has restarted it since the backend started. */
  restarts: z.number().int(),
  /** Why it is not up (exit code, error), when it is not. */
  reason: z.string().optional(),
  /** When it entered this state, epoch ms. */
  since: z.number(),
});
export type EngineHealth = z.infer<typeof engineHealthSchema>;

export const engineNameInput = z.object({ name: z.string().min(1).max(64) }).strict();

export const movingAverageInput = z
  .object({
    kind: z.enum(['sma', 'ema']),
    period: positiveInt(10_000),
    values: z.array(finite()).max(5_000_000),
  })
  .strict();
export type MovingAverageInput = z.infer<typeof movingAverageInput>;

export const enginesContract = {
  'engines.list': { input: empty, output: z.array(engineHealthSchema) },
  'engines.restart': { input: engineNameInput, output: engineHealthSchema },
  /** SMA/EMA through the features engine; warm-up values come back as null (JSON has no NaN). */
  'features.movingAverage': { input: movingAverageInput, output: z.array(z.number().nullable()) },
} as const;
