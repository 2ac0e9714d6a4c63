// Every `nautilus` subcommand, in the order --help lists them.
import type { CliCommand } from '../command';
import { analyticsCommand } from './analytics';
import { auditCommand } from './audit';
import { backtestCommand } from './backtest';
import { benchCommand } from './bench';
import { devFakeIbCommand } from './devFakeIb';
import { factorsCommand } from './factors';
import { featuresCommand } from './features';
import { importCommand } from './import';
import { indicatorsCommand } from './indicators';
import { serveCommand } from './serve';
import { versionCommand } from './version';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  importCommand,
  indicatorsCommand,
  featuresCommand,
  factorsCommand,
  backtestCommand,
  analyticsCommand,
  auditCommand,
  benchCommand,
  devFakeIbCommand,
  versionCommand,
];
