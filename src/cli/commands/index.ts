// Every `nautilus` subcommand, in the order --help lists them.
import type { CliCommand } from '../command';
import { ML_COMMANDS } from '../ml';
import { analyticsCommand } from './analytics';
import { auditCommand } from './audit';
import { backtestCommand } from './backtest';
import { backupCommand, restoreCommand } from './backup';
import { benchCommand } from './bench';
import { dataCommand } from './data';
import { devFakeIbCommand } from './devFakeIb';
import { factorsCommand } from './factors';
import { featuresCommand } from './features';
import { importCommand } from './import';
import { indicatorsCommand } from './indicators';
import { reportCommand } from './report';
import { riskCommand } from './risk';
import { portfolioCommand } from './portfolio';
import { serveCommand } from './serve';
import { strategiesCommand } from './strategies';
import { tokenCommand } from './token';
import { workerCommand } from './worker';
import { versionCommand } from './version';
import { tcaCommand } from './tca';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  tokenCommand,
  workerCommand,
  importCommand,
  indicatorsCommand,
  featuresCommand,
  factorsCommand,
  backtestCommand,
  analyticsCommand,
  reportCommand,
  riskCommand,
  dataCommand,
  portfolioCommand,
  strategiesCommand,
  ...ML_COMMANDS,
  auditCommand,
  backupCommand,
  restoreCommand,
  tcaCommand,
  benchCommand,
  devFakeIbCommand,
  versionCommand,
];
