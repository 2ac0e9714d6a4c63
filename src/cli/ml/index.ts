// The `nautilus ml …` subcommands, listed once for the command index.
import type { CliCommand } from '../command';
import { mlGarchCommand } from './garchSubcommand';
import { mlHmmCommand } from './hmmSubcommand';
import { mlModelsCommand } from './modelsSubcommand';

export const ML_COMMANDS: readonly CliCommand[] = [mlGarchCommand, mlHmmCommand, mlModelsCommand];
