// The `nautilus` command: dispatches to a subcommand.
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './command';
import { COMMANDS } from './commands/index';

export function helpText(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Nautilus Workstation\n\nUsage: nautilus <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`nautilus <command> --help\` for a command's options.\n`;
}

/** Finds the command: `dev fake-ib` style two-word names match before one-word ones. */
function findCommand(argv: readonly string[]): { command: CliCommand; rest: readonly string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') return findCommand(['version'])!.command.run([], io);
  const found = findCommand(argv);
  if (!found) {
    io.err(`nautilus: unknown command "${first}"\n\n${helpText()}`);
    return EXIT_USAGE;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.out(`${found.command.usage}\n`);
    return EXIT_OK;
  }
  return found.command.run(found.rest, io);
}

const processIO: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
};

/** Entry when run as a program (bin/nautilus.js imports the built bundle and calls this). */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), processIO);
}
