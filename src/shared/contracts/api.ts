// The WorkstationApi: every method the renderer may call, with its input and output schema.
import type { z } from 'zod';
import { systemContract } from './system';
import { enginesContract } from './engines';
import { ibContract } from './ib';
import { marketContract } from './market';
import { riskContract } from './risk';
import { tradingContract } from './trading';
import { auditContract } from './audit';
import { backtestContract } from './backtest';
import { reportContract } from './riskReport';
import { portfolioRiskContract } from './portfolioRisk';
import { dataContract } from './data';
import { portfolioContract } from './portfolio';
import { mlContract } from './ml';
import { mlTrainingContract } from './mlTraining';
import { mlCompareContract } from './mlCompare';
import { factorsContract } from './factors';
import { strategiesContract } from './strategies';
import { syncContract } from './sync';
import { backupContract } from './backup';
import { executionContract } from './execution';

export const workstationContract = {
  ...systemContract,
  ...enginesContract,
  ...marketContract,
  ...tradingContract,
  ...riskContract,
  ...ibContract,
  ...auditContract,
  ...backtestContract,
  ...reportContract,
  ...portfolioRiskContract,
  ...dataContract,
  ...portfolioContract,
  ...mlContract,
  ...mlTrainingContract,
  ...mlCompareContract,
  ...factorsContract,
  ...strategiesContract,
  ...syncContract,
  ...backupContract,
  ...executionContract,
} as const;

export type WorkstationContract = typeof workstationContract;
export type MethodName = keyof WorkstationContract;
export type MethodInput<M extends MethodName> = z.input<WorkstationContract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<WorkstationContract[M]['output']>;

/** The backend's side of the contract: one handler per method, given validated input. */
export type WorkstationApi = {
  [M in MethodName]: (input: z.output<WorkstationContract[M]['input']>) => Promise<MethodOutput<M>>;
};

export const isMethodName = (value: unknown): value is MethodName =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(workstationContract, value);
