// What a model registration carries (validated before it reaches the registry: no NaN metric is ever stored).
import { z } from 'zod';
import type { LifecycleError, ModelStatus } from '../../core/ml/modelLifecycle';
import { epochMs, finite } from './schemas';

export const modelNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be lower-case letters, digits, dots, dashes or underscores');

export const modelRegistrationSchema = z
  .object({
    name: modelNameSchema,
    kind: z.enum(['garch', 'hmm', 'ridge', 'lasso', 'logistic', 'tree', 'forest', 'gbt']),
    params: z.record(z.string().min(1).max(64), z.union([finite(), z.string().max(256), z.boolean()])),
    features: z.array(z.string().min(1).max(128)).max(1_000),
    trainFrom: epochMs(),
    trainTo: epochMs(),
    dataHash: z.string().regex(/^[0-9a-f]{16,128}$/, 'must be a hex digest'),
    metrics: z.record(z.string().min(1).max(64), finite()),
    artifactPath: z.string().min(1).max(1_024),
  })
  .strict()
  .refine((r) => r.trainFrom < r.trainTo, { message: 'trainFrom must be before trainTo', path: ['trainFrom'] });
export type ModelRegistration = z.output<typeof modelRegistrationSchema>;

/** A registered version as the registry returns it. */
export interface RegisteredModel extends ModelRegistration {
  readonly id: number;
  readonly version: number;
  readonly status: ModelStatus;
  /** A candidate running in shadow beside production: `ml.compare` by name scores it against production. */
  readonly shadow: boolean;
  readonly createdAt: number;
}

export type RegistryError =
  | { readonly code: 'BAD_REGISTRATION'; readonly message: string }
  | { readonly code: 'UNKNOWN_MODEL'; readonly name: string; readonly version?: number; readonly message: string }
  | { readonly code: 'NOTHING_TO_ROLL_BACK'; readonly name: string; readonly message: string }
  | { readonly code: 'NOT_A_CANDIDATE'; readonly name: string; readonly version: number; readonly status: ModelStatus; readonly message: string }
  | LifecycleError;
