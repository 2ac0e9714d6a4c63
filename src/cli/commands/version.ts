// `nautilus version`.
import { APP_VERSION } from '../../main/version';
import { EXIT_OK, type CliCommand } from '../command';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'print the version',
  usage: 'nautilus version [--json]',
  async run(argv, io) {
    if (argv.includes('--json')) io.out(`${JSON.stringify({ name: 'nautilus-workstation', version: APP_VERSION, node: process.versions.node })}\n`);
    else io.out(`nautilus ${APP_VERSION} (node ${process.versions.node})\n`);
    return EXIT_OK;
  },
};
