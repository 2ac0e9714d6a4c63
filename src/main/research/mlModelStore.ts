// Trained tabular models on disk and in the registry: a walk-forward run's final model written as a JSON artifact
// under <dataDir>/models/<name>/ (named by its content hash), registered with version, params, features, training
// window, data hash and out-of-sample metrics; and an artifact read back, validated, to predict with.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FittedTabular, TabularParams } from '../../core/ml/tabularModel';
import type { TargetKind } from '../../core/ml/trainingSet';
import type { BuiltTrainingSet } from '../../core/ml/trainingSet';
import type { WalkForwardSpec, WalkForwardTraining } from '../../core/ml/walkForwardTraining';
import { err, ok, type Result } from '../../core/model/result';
import type { MlModelRegistry, RegisteredModel, RegistryError } from '../storage/sqlite/mlModelRegistry';

export const MODELS_DIR = 'models';

export interface ModelArtifact {
  readonly format: 'nautilus-tabular-1';
  readonly target: TargetKind;
  readonly horizon: number;
  readonly features: readonly string[];
  readonly params: TabularParams;
  readonly fitted: FittedTabular;
}

const arr = (a: ArrayLike<number>): number[] => Array.from(a);
/** A fitted model as plain JSON (the artifact's `fitted`; also how a research worker sends a final fit back). */
export function toJsonFitted(f: FittedTabular): unknown {
  switch (f.kind) {
    case 'linear':
      return { ...f, coefficients: arr(f.coefficients) };
    case 'tree':
      return { kind: 'tree', tree: treeJson(f.tree) };
    case 'forest':
      return { kind: 'forest', forest: { ...f.forest, importance: arr(f.forest.importance), trees: f.forest.trees.map(treeJson) } };
    case 'gbt': {
      const m = f.model;
      return { kind: 'gbt', model: { ...m, roots: arr(m.roots), feature: arr(m.feature), threshold: arr(m.threshold), left: arr(m.left), value: arr(m.value), importance: arr(m.importance) } };
    }
    default: {
      const never: never = f;
      throw new Error(`unknown model ${JSON.stringify(never)}`);
    }
  }
}
function treeJson(t: Extract<FittedTabular, { kind: 'tree' }>['tree']) {
  return { ...t, feature: arr(t.feature), threshold: arr(t.threshold), left: arr(t.left), right: arr(t.right), value: arr(t.value), importance: arr(t.importance) };
}

const num = z.number().finite();
const ints = z.array(z.number().int());
const treeSchema = z.object({ task: z.enum(['regression', 'classification']), features: z.number().int().min(1), feature: ints, threshold: z.array(num), left: ints, right: ints, value: z.array(num), importance: z.array(num) });
// Keys in the order the fits produce them: a model read back serializes to the very bytes it was read from (a final fit
// sent back by a research worker is registered as the same artifact the workstation's own fit would be).
const fittedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), link: z.enum(['identity', 'logistic']), intercept: num, coefficients: z.array(num) }),
  z.object({ kind: z.literal('tree'), tree: treeSchema }),
  z.object({ kind: z.literal('forest'), forest: z.object({ task: z.enum(['regression', 'classification']), features: z.number().int().min(1), trees: z.array(treeSchema).min(1), importance: z.array(num) }) }),
  z.object({ kind: z.literal('gbt'), model: z.object({ loss: z.enum(['squared', 'logistic']), features: z.number().int().min(1), baseMargin: num, roots: ints, feature: ints, threshold: z.array(num), left: ints, value: z.array(num), importance: z.array(num) }) }),
]);
const artifactSchema = z.object({ format: z.literal('nautilus-tabular-1'), target: z.enum(['return', 'direction']), horizon: z.number().int().min(1), features: z.array(z.string()).min(1), params: z.record(z.string(), z.unknown()), fitted: fittedSchema });

/** Children always come after their parent in our trees: checking that bounds every walk from the root. */
function treeWellFormed(feature: number[], left: number[], right: number[] | undefined, features: number): boolean {
  for (let i = 0; i < feature.length; i++) {
    if (feature[i]! < 0) continue;
    const r = right ? right[i]! : left[i]! + 1;
    if (feature[i]! >= features || !(left[i]! > i) || !(r > i) || left[i]! >= feature.length || r >= feature.length) return false;
  }
  return true;
}

export function serializeArtifact(artifact: ModelArtifact): string {
  return JSON.stringify({ ...artifact, fitted: toJsonFitted(artifact.fitted) });
}

export type ArtifactError = { readonly code: 'BAD_ARTIFACT'; readonly path: string; readonly message: string };

/** A fitted model read back from its JSON over `features` features, checked to be well-formed; or what is wrong with it. */
export function parseFitted(json: unknown, features: number): Result<FittedTabular, string> {
  const parsed = fittedSchema.safeParse(json);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const f = parsed.data;
  const p = features;
  const F = (a: readonly number[]) => Float64Array.from(a);
  const tree = (t: z.output<typeof treeSchema>) => ({ ...t, feature: Int32Array.from(t.feature), threshold: F(t.threshold), left: Int32Array.from(t.left), right: Int32Array.from(t.right), value: F(t.value), importance: F(t.importance) });
  let fitted: FittedTabular;
  let wellFormed = true;
  if (f.kind === 'linear') {
    fitted = { ...f, coefficients: F(f.coefficients) };
    wellFormed = f.coefficients.length === p;
  } else if (f.kind === 'tree') {
    fitted = { kind: 'tree', tree: tree(f.tree) };
    wellFormed = f.tree.features === p && treeWellFormed(f.tree.feature, f.tree.left, f.tree.right, p);
  } else if (f.kind === 'forest') {
    fitted = { kind: 'forest', forest: { ...f.forest, importance: F(f.forest.importance), trees: f.forest.trees.map(tree) } };
    wellFormed = f.forest.features === p && f.forest.trees.every((t) => t.features === p && treeWellFormed(t.feature, t.left, t.right, p));
  } else {
    const m = f.model;
    fitted = { kind: 'gbt', model: { ...m, roots: Int32Array.from(m.roots), feature: Int32Array.from(m.feature), threshold: F(m.threshold), left: Int32Array.from(m.left), value: F(m.value), importance: F(m.importance) } };
    wellFormed = m.features === p && treeWellFormed(m.feature, m.left, undefined, p) && m.roots.every((r) => r >= 0 && r < m.feature.length);
  }
  return wellFormed ? ok(fitted) : err('the model does not fit its feature list, or a node points outside its tree');
}

export function parseArtifact(text: string, path: string): Result<ModelArtifact, ArtifactError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ code: 'BAD_ARTIFACT', path, message: `not JSON: ${(e as Error).message}` });
  }
  const parsed = artifactSchema.safeParse(json);
  if (!parsed.success) return err({ code: 'BAD_ARTIFACT', path, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const a = parsed.data;
  const fitted = parseFitted(a.fitted, a.features.length);
  if (!fitted.ok) return err({ code: 'BAD_ARTIFACT', path, message: fitted.error });
  return ok({ format: a.format, target: a.target, horizon: a.horizon, features: a.features, params: a.params as unknown as TabularParams, fitted: fitted.value });
}

export function dataHash(set: BuiltTrainingSet): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(set.features));
  h.update(new Uint8Array(set.design.x.buffer, set.design.x.byteOffset, set.design.x.byteLength));
  h.update(new Uint8Array(set.y.buffer, set.y.byteOffset, set.y.byteLength));
  h.update(new Uint8Array(set.time.buffer, set.time.byteOffset, set.time.byteLength));
  return h.digest('hex');
}

export interface TrainedRegistration {
  readonly name: string;
  readonly set: BuiltTrainingSet;
  readonly target: TargetKind;
  readonly horizon: number;
  readonly spec: WalkForwardSpec;
  readonly training: WalkForwardTraining;
}

/** Writes the artifact and registers it as a candidate; metrics that are not finite (an undefined IC) are left out. */
export function registerTrained(registry: MlModelRegistry, dataDir: string, t: TrainedRegistration): Result<RegisteredModel, RegistryError> {
  const text = serializeArtifact({ format: 'nautilus-tabular-1', target: t.target, horizon: t.horizon, features: t.set.features, params: t.spec.model, fitted: t.training.model });
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const relative = join(MODELS_DIR, t.name, `${hash}.json`);
  mkdirSync(join(dataDir, MODELS_DIR, t.name), { recursive: true });
  writeFileSync(join(dataDir, relative), text);
  const { kind, ...modelParams } = t.spec.model;
  const o = t.training.outOfSample;
  const metrics = Object.fromEntries(Object.entries({ mse: o.mse, mae: o.mae, r2: o.r2, hitRate: o.hitRate, ic: o.ic, folds: t.training.folds.length, rows: t.set.y.length }).filter(([, v]) => Number.isFinite(v)));
  return registry.register({
    name: t.name,
    kind,
    params: { ...modelParams, target: t.target, horizon: t.horizon, mode: t.spec.mode, trainDates: t.spec.trainDates, testDates: t.spec.testDates, embargoDates: t.spec.embargoDates },
    features: [...t.set.features],
    trainFrom: t.set.time[0]!,
    trainTo: t.set.time[t.set.time.length - 1]!,
    dataHash: dataHash(t.set),
    metrics,
    artifactPath: relative,
  });
}

export function loadArtifact(dataDir: string, model: RegisteredModel): Result<ModelArtifact, ArtifactError> {
  const path = join(dataDir, model.artifactPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err({ code: 'BAD_ARTIFACT', path, message: `cannot read: ${(e as Error).message}` });
  }
  return parseArtifact(text, path);
}
