// The `nautilus ml …` subcommands, listed once for the command index.
import type { CliCommand } from '../command';
import { mlGarchCommand } from './garchSubcommand';
import { mlHmmCommand } from './hmmSubcommand';
import { mlPromoteCommand, mlRollbackCommand, mlShadowCommand } from './lifecycleSubcommands';
import { mlModelsCommand } from './modelsSubcommand';
import { mlCompareCommand, mlPredictCommand } from './predictSubcommand';
import { mlTrainCommand } from './trainSubcommand';

export const ML_COMMANDS: readonly CliCommand[] = [mlGarchCommand, mlHmmCommand, mlModelsCommand, mlTrainCommand, mlPredictCommand, mlCompareCommand, mlPromoteCommand, mlRollbackCommand, mlShadowCommand];
