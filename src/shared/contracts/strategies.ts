// strategies.*: versioned strategy deployments (backtest → paper → live), the promotion gate, pause/resume/stop and
// one-step rollback. Business outcomes come back as Result values; only malformed input fails the call.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import { DEPLOYMENT_STAGES, STOP_POLICIES, type DeploymentStage, type DeploymentState, type StageMetrics, type StopPolicy } from '../../core/strategy/deploymentLifecycle';
import { finite, positiveInt } from './schemas';
import { symbolSchema } from './market';

const paramName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a parameter name');
const strategyName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a strategy file name (lower case, digits, dashes)');
const deploymentId = positiveInt();
const positiveMoney = () => finite().refine((v) => v > 0 && v <= 1e12, { message: 'must be greater than 0 and at most 1e12' });

export const deployStrategySchema = z
  .object({
    strategy: strategyName,
    params: z.record(paramName, finite()).default({}),
    symbols: z.array(symbolSchema).min(1).max(100),
    /** What happens to its positions when it is stopped or fails. */
    policy: z.enum(STOP_POLICIES).default('FLATTEN'),
    /** Bars the live runtime builds from quotes for onBar, in seconds. */
    barSeconds: positiveInt(86_400).default(60),
    initialCash: positiveMoney().default(100_000),
  })
  .strict();

export const promoteStrategySchema = z
  .object({
    deploymentId,
    /** Who approved the step: recorded with the metrics the gate showed. */
    approvedBy: z.string().trim().min(1).max(64),
    note: z.string().max(500).optional(),
    /** Required for live: the most the strategy may hold, gross, in the base currency (checked before every order). */
    capitalLimit: positiveMoney().optional(),
    /** The real venue a live deployment trades on (default IB). */
    venue: z.string().min(1).max(32).optional(),
  })
  .strict();

export const rollbackStrategySchema = z.object({ strategy: strategyName, stage: z.enum(DEPLOYMENT_STAGES).refine((s) => s !== 'BACKTEST', { message: 'only PAPER or LIVE can roll back' }) }).strict();

export const deploymentRefSchema = z.object({ deploymentId }).strict();

export const stopStrategySchema = z.object({ deploymentId, policy: z.enum(STOP_POLICIES).optional() }).strict();

export interface StrategyPnl {
  readonly realized: number;
  readonly unrealized: number;
  readonly commissions: number;
  readonly net: number;
}

export interface StrategyDeploymentView {
  readonly id: number;
  readonly strategy: string;
  /** Content hash of the code plus canonical parameters. */
  readonly version: string;
  readonly codeHash: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symbols: readonly string[];
  readonly stage: DeploymentStage;
  readonly state: DeploymentState;
  readonly policy: StopPolicy;
  readonly capitalLimit: number | null;
  /** Where its orders go: the simulated exchange on paper, the chosen real venue live; null at the backtest stage. */
  readonly venue: string | null;
  readonly barSeconds: number;
  readonly initialCash: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Why it stopped, when it failed (threw or hung). */
  readonly lastError: string | null;
  /** Its own book on the node since its current run started (null when not running). */
  readonly pnl: StrategyPnl | null;
  readonly positions: readonly { readonly symbol: string; readonly quantity: number }[];
}

export interface PromotionRecord {
  readonly id: number;
  readonly deploymentId: number;
  readonly strategy: string;
  readonly version: string;
  readonly kind: 'promote' | 'rollback';
  readonly fromStage: DeploymentStage;
  readonly toStage: DeploymentStage;
  /** The deployment this step replaced at its stage (what a rollback restores), or null. */
  readonly superseded: number | null;
  readonly approvedBy: string;
  readonly note: string | null;
  /** What the gate showed: the stage left's metrics beside the backtest's. */
  readonly backtest: StageMetrics | null;
  readonly previous: StageMetrics | null;
  readonly at: number;
}

export interface StrategyRunRecord {
  readonly id: number;
  readonly deploymentId: number;
  readonly strategy: string;
  readonly version: string;
  readonly stage: DeploymentStage;
  readonly venue: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly endReason: string | null;
  readonly pnl: StrategyPnl | null;
}

/** What the promotion gate shows before the trader approves. */
export interface PromotionGateView {
  readonly deploymentId: number;
  readonly from: DeploymentStage;
  readonly to: DeploymentStage | null;
  readonly backtest: StageMetrics | null;
  readonly previous: StageMetrics | null;
  /** Why the step is refused now, or null when it can be approved. */
  readonly blocked: { readonly code: string; readonly message: string } | null;
}

export interface StrategiesError {
  readonly code: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

export interface StrategiesList {
  readonly deployments: readonly StrategyDeploymentView[];
  readonly promotions: readonly PromotionRecord[];
  readonly runs: readonly StrategyRunRecord[];
}

/** A lifecycle change or a failure, as the trader is alerted (toast) and the panel refreshes. */
export interface StrategyEvent {
  readonly kind: 'DEPLOYED' | 'STARTED' | 'PAUSED' | 'RESUMED' | 'STOPPED' | 'FAILED' | 'PROMOTED' | 'ROLLED_BACK';
  readonly deploymentId: number;
  readonly strategy: string;
  readonly version: string;
  readonly message: string;
  readonly time: number;
}

type Outcome<T> = Result<T, StrategiesError>;

export const strategiesContract = {
  'strategies.list': { input: z.object({}).strict(), output: z.custom<StrategiesList>() },
  /** Registers a version (code hash + parameters) at the backtest stage; the same version again answers the existing one. */
  'strategies.deploy': { input: deployStrategySchema, output: z.custom<Outcome<StrategyDeploymentView>>() },
  'strategies.gate': { input: deploymentRefSchema, output: z.custom<Outcome<PromotionGateView>>() },
  /** One step through the gate (backtest → paper → live), approved by the trader; the version it replaces is retired. */
  'strategies.promote': { input: promoteStrategySchema, output: z.custom<Outcome<StrategyDeploymentView>>() },
  'strategies.pause': { input: deploymentRefSchema, output: z.custom<Outcome<StrategyDeploymentView>>() },
  'strategies.resume': { input: deploymentRefSchema, output: z.custom<Outcome<StrategyDeploymentView>>() },
  'strategies.stop': { input: stopStrategySchema, output: z.custom<Outcome<StrategyDeploymentView>>() },
  /** Restores the version the last promotion at this stage replaced; the current one is retired (its policy applied). */
  'strategies.rollback': { input: rollbackStrategySchema, output: z.custom<Outcome<StrategyDeploymentView>>() },
} as const;
