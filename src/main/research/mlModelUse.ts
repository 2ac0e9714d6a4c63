// Registered models put to use, composed once for the CLI and the API: which two versions a comparison by name
// means (production against its shadow, else its latest candidate), their artifacts scored A/B through
// core/ml/modelComparison, and predictions on one date; over a panel file (CLI) or stored factors (API).
import { compareModels, type ComparedModel, type ComparisonError, type ComparisonWindow } from '../../core/ml/modelComparison';
import { predictOnDate, type PredictionError } from '../../core/ml/modelPrediction';
import type { MissingPolicy, PanelRow } from '../../core/ml/trainingSet';
import { err, ok, type Result } from '../../core/model/result';
import type { CompareRequest, ComparisonReport, ModelPredictions, ModelVersionRef, PredictRequest } from '../../shared/contracts/mlCompare';
import type { MlModelRegistry, RegisteredModel } from '../storage/sqlite/mlModelRegistry';
import type { PanelError } from './factorPanel';
import type { FactorRunError } from './factorReport';
import type { FactorDeps } from './factorService';
import { factorPanelRows } from './mlFactorDataset';
import { loadArtifact, type ArtifactError, type ModelArtifact } from './mlModelStore';

export type ModelChoiceError =
  | { readonly code: 'UNKNOWN_MODEL'; readonly id?: number; readonly name?: string; readonly message: string }
  | { readonly code: 'NO_PRODUCTION'; readonly name: string; readonly message: string }
  | { readonly code: 'NO_CHALLENGER'; readonly name: string; readonly message: string };

export type ModelUseFailure = ModelChoiceError | ArtifactError | ComparisonError | PredictionError | FactorRunError | PanelError;

export interface ModelUseDeps {
  readonly registry: MlModelRegistry;
  readonly dataDir: string;
}

export interface LoadedModel {
  readonly model: RegisteredModel;
  readonly artifact: ModelArtifact;
}

const summary = (m: RegisteredModel): ModelVersionRef => ({
  id: m.id,
  name: m.name,
  version: m.version,
  kind: m.kind,
  status: m.status,
  shadow: m.shadow,
});

/** A name's production version (A) and its challenger (B): the shadow if one is marked, else the latest candidate. */
export function challengerPair(registry: MlModelRegistry, name: string): Result<[RegisteredModel, RegisteredModel], ModelChoiceError> {
  const all = registry.list(name);
  if (all.length === 0) return err({ code: 'UNKNOWN_MODEL', name, message: `no model named ${name}` });
  const production = registry.production(name);
  if (!production) return err({ code: 'NO_PRODUCTION', name, message: `${name} has no production version to compare against: promote one first` });
  const challenger = registry.shadowOf(name) ?? all.filter((m) => m.status === 'candidate').at(-1);
  if (!challenger) return err({ code: 'NO_CHALLENGER', name, message: `${name} has no shadow and no candidate to compare with production v${production.version}` });
  return ok([production, challenger]);
}

export function loadModel(dataDir: string, model: RegisteredModel): Result<LoadedModel, ArtifactError> {
  const artifact = loadArtifact(dataDir, model);
  return artifact.ok ? ok({ model, artifact: artifact.value }) : artifact;
}

const compared = ({ model, artifact }: LoadedModel): ComparedModel => ({ features: artifact.features, target: artifact.target, horizon: artifact.horizon, fitted: artifact.fitted, trainTo: model.trainTo });

/** Both models scored on the same rows; `missing` as the rows' source needs ('refuse' a file, 'skip' stored factors). */
export function compareLoaded(rows: readonly PanelRow[], a: LoadedModel, b: LoadedModel, window: ComparisonWindow, missing: MissingPolicy): Result<ComparisonReport, ComparisonError> {
  const c = compareModels(rows, compared(a), compared(b), window, missing);
  if (!c.ok) return c;
  return ok({ ...c.value, a: { ...summary(a.model), ...c.value.a }, b: { ...summary(b.model), ...c.value.b } });
}

/** The union of two models' features, in A's order then B's. */
export const featuresOf = (...models: readonly LoadedModel[]): string[] => [...new Set(models.flatMap((m) => m.artifact.features))];

function byId(registry: MlModelRegistry, id: number): Result<RegisteredModel, ModelChoiceError> {
  const m = registry.get(id);
  return m ? ok(m) : err({ code: 'UNKNOWN_MODEL', id, message: `no registered model with id ${id}` });
}

/** ml.compare: the two versions' features evaluated by the factors workers over every stored date, then the window. */
export async function compareStored(factors: FactorDeps, deps: ModelUseDeps, request: CompareRequest): Promise<Result<ComparisonReport, ModelUseFailure>> {
  // the schema lets through either a name or both ids
  const pair = request.name !== undefined ? challengerPair(deps.registry, request.name) : pairById(deps.registry, request.a!, request.b!);
  if (!pair.ok) return pair;
  const a = loadModel(deps.dataDir, pair.value[0]);
  if (!a.ok) return a;
  const b = loadModel(deps.dataDir, pair.value[1]);
  if (!b.ok) return b;
  const rows = await factorPanelRows(factors, { factors: featuresOf(a.value, b.value), ...(request.symbols ? { symbols: request.symbols } : {}), timeframe: request.timeframe });
  if (!rows.ok) return rows;
  return compareLoaded(rows.value, a.value, b.value, { ...(request.from !== undefined ? { from: request.from } : {}), ...(request.to !== undefined ? { to: request.to } : {}) }, 'skip');
}

function pairById(registry: MlModelRegistry, a: number, b: number): Result<[RegisteredModel, RegisteredModel], ModelChoiceError> {
  const ma = byId(registry, a);
  if (!ma.ok) return ma;
  const mb = byId(registry, b);
  return mb.ok ? ok([ma.value, mb.value]) : mb;
}

/** ml.predict: the features up to `asOf` (never after it), the model's predictions on the last date with bars. */
export async function predictStored(factors: FactorDeps, deps: ModelUseDeps, request: PredictRequest): Promise<Result<ModelPredictions, ModelUseFailure>> {
  const chosen = request.id !== undefined ? byId(deps.registry, request.id) : productionOf(deps.registry, request.name!);
  if (!chosen.ok) return chosen;
  const loaded = loadModel(deps.dataDir, chosen.value);
  if (!loaded.ok) return loaded;
  const { artifact, model } = loaded.value;
  const rows = await factorPanelRows(factors, { factors: artifact.features, ...(request.symbols ? { symbols: request.symbols } : {}), ...(request.asOf !== undefined ? { to: request.asOf } : {}), timeframe: request.timeframe });
  if (!rows.ok) return rows;
  const p = predictOnDate(rows.value, artifact.features, artifact.fitted, request.asOf);
  if (!p.ok) return p;
  return ok({ model: summary(model), target: artifact.target, horizon: artifact.horizon, date: p.value.date, predictions: p.value.predictions, missing: p.value.missing.map(({ symbol, feature }) => ({ symbol, feature })) });
}

function productionOf(registry: MlModelRegistry, name: string): Result<RegisteredModel, ModelChoiceError> {
  if (registry.list(name).length === 0) return err({ code: 'UNKNOWN_MODEL', name, message: `no model named ${name}` });
  const m = registry.production(name);
  return m ? ok(m) : err({ code: 'NO_PRODUCTION', name, message: `${name} has no production version: promote one, or ask for a version by id` });
}
