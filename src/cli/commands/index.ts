// Every `nautilus` subcommand, in the order --help lists them.
import type { CliCommand } from '../command';
import { devFakeIbCommand } from './devFakeIb';
import { importCommand } from './import';
import { serveCommand } from './serve';
import { versionCommand } from './version';

export const COMMANDS: readonly CliCommand[] = [serveCommand, importCommand, devFakeIbCommand, versionCommand];
