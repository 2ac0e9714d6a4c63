// A strategy version's deployment as two tables: its stage (backtest → paper → live, each step through the promotion
// gate) and its run state (running, paused, stopped, failed, retired by a newer version or a rollback, restored by one).
import { err, ok, type Result } from '../model/result';

export const DEPLOYMENT_STAGES = ['BACKTEST', 'PAPER', 'LIVE'] as const;
export type DeploymentStage = (typeof DEPLOYMENT_STAGES)[number];

export const DEPLOYMENT_STATES = ['READY', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RETIRED'] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

/** What happens to a strategy's positions when it is stopped (by the trader or because it threw or hung). */
export const STOP_POLICIES = ['FLATTEN', 'HOLD', 'REDUCE_ONLY'] as const;
export type StopPolicy = (typeof STOP_POLICIES)[number];

export type StageEvent = 'PROMOTE';
/** What the promotion gate asks to see before a step: the metrics of the stage the version is leaving. */
export type GateEvidence = 'BACKTEST_RUN' | 'PAPER_RUN';

interface GateStep {
  readonly to: DeploymentStage;
  readonly evidence: GateEvidence;
  /** A live deployment trades real money only up to a capital limit. */
  readonly needsCapitalLimit: boolean;
}

/** (stage, event) → stage, with what the gate requires; a missing entry is a refused step. */
const PROMOTION_GATE: Readonly<Record<DeploymentStage, Partial<Record<StageEvent, GateStep>>>> = {
  BACKTEST: { PROMOTE: { to: 'PAPER', evidence: 'BACKTEST_RUN', needsCapitalLimit: false } },
  PAPER: { PROMOTE: { to: 'LIVE', evidence: 'PAPER_RUN', needsCapitalLimit: true } },
  LIVE: {},
};

/** PROMOTED: the version moved to its next stage and runs there (whatever it was doing at the stage it left). */
export type DeploymentEvent = 'PROMOTED' | 'PAUSE' | 'RESUME' | 'STOP' | 'FAIL' | 'RETIRE' | 'RESTORE';

/** (state, event) → state. A failed version is not resumed: the trader fixes it (a new version) or rolls back. */
const STATE_TABLE: Readonly<Record<DeploymentState, Partial<Record<DeploymentEvent, DeploymentState>>>> = {
  READY: { PROMOTED: 'RUNNING', RETIRE: 'RETIRED' },
  RUNNING: { PROMOTED: 'RUNNING', PAUSE: 'PAUSED', STOP: 'STOPPED', FAIL: 'FAILED', RETIRE: 'RETIRED' },
  PAUSED: { PROMOTED: 'RUNNING', RESUME: 'RUNNING', STOP: 'STOPPED', FAIL: 'FAILED', RETIRE: 'RETIRED' },
  STOPPED: { PROMOTED: 'RUNNING', RESUME: 'RUNNING', RETIRE: 'RETIRED' },
  FAILED: { RETIRE: 'RETIRED' },
  RETIRED: { RESTORE: 'RUNNING' },
};

/** Whether a state has a strategy instance on the node (a paused one keeps its state and stays subscribed, deaf). */
export const isActiveState = (state: DeploymentState): boolean => state === 'RUNNING' || state === 'PAUSED';

export type DeploymentTransitionError = { readonly code: 'INVALID_DEPLOYMENT_TRANSITION'; readonly state: DeploymentState; readonly event: DeploymentEvent };

export function nextDeploymentState(state: DeploymentState, event: DeploymentEvent): Result<DeploymentState, DeploymentTransitionError> {
  const next = STATE_TABLE[state][event];
  return next ? ok(next) : err({ code: 'INVALID_DEPLOYMENT_TRANSITION', state, event });
}

/** A stage's figures as the gate shows them side by side (fractions for returns; money in the base currency). */
export interface StageMetrics {
  readonly stage: DeploymentStage;
  /** Where the figures come from: "backtest run <id>", "paper run since <time>". */
  readonly source: string;
  readonly values: Readonly<Record<string, number | null>>;
}

export interface PromotionRequest {
  readonly stage: DeploymentStage;
  readonly state: DeploymentState;
  /** The version's backtest figures (a backtest run of exactly this code and these parameters), or null. */
  readonly backtest: StageMetrics | null;
  /** The figures of the stage being left, when it is not the backtest (paper before live), or null. */
  readonly previous: StageMetrics | null;
  readonly capitalLimit: number | null;
}

export type PromotionError =
  | DeploymentTransitionError
  | { readonly code: 'NOT_PROMOTABLE'; readonly stage: DeploymentStage }
  | { readonly code: 'NO_BACKTEST_OF_VERSION' }
  | { readonly code: 'NO_PAPER_RECORD' }
  | { readonly code: 'CAPITAL_LIMIT_REQUIRED' };

/** The gate's verdict: where the version goes and the metrics the approval is recorded with. */
export interface PromotionStep {
  readonly from: DeploymentStage;
  readonly to: DeploymentStage;
  readonly backtest: StageMetrics;
  readonly previous: StageMetrics | null;
}

export function checkPromotion(request: PromotionRequest): Result<PromotionStep, PromotionError> {
  const step = PROMOTION_GATE[request.stage].PROMOTE;
  if (!step) return err({ code: 'NOT_PROMOTABLE', stage: request.stage });
  const runs = nextDeploymentState(request.state, 'PROMOTED');
  if (!runs.ok) return runs;
  if (!request.backtest) return err({ code: 'NO_BACKTEST_OF_VERSION' });
  if (step.evidence === 'PAPER_RUN' && !request.previous) return err({ code: 'NO_PAPER_RECORD' });
  if (step.needsCapitalLimit && !(request.capitalLimit !== null && request.capitalLimit > 0 && Number.isFinite(request.capitalLimit))) return err({ code: 'CAPITAL_LIMIT_REQUIRED' });
  return ok({ from: request.stage, to: step.to, backtest: request.backtest, previous: step.evidence === 'BACKTEST_RUN' ? null : request.previous });
}

export function describePromotionError(e: PromotionError): string {
  switch (e.code) {
    case 'INVALID_DEPLOYMENT_TRANSITION':
      return `a ${e.state.toLowerCase()} deployment cannot ${e.event.toLowerCase()}`;
    case 'NOT_PROMOTABLE':
      return `a ${e.stage.toLowerCase()} deployment is at the last stage`;
    case 'NO_BACKTEST_OF_VERSION':
      return 'no backtest of this version (same code, same parameters): run one first so the gate can show its metrics';
    case 'NO_PAPER_RECORD':
      return 'this version has not traded on paper yet: the gate needs its paper metrics beside the backtest';
    case 'CAPITAL_LIMIT_REQUIRED':
      return 'a live deployment needs a capital limit greater than 0';
    default:
      return e satisfies never;
  }
}
