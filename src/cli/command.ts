// The shape of a `nautilus` subcommand: parse argv, do the work, print, return an exit code.

export interface CliIO {
  /** Standard output: data (JSON with --json). */
  out(text: string): void;
  /** Standard error: progress, warnings and errors. */
  err(text: string): void;
  /** Standard error is a terminal, where progress redraws one line (see progressLine). */
  readonly errIsTerminal?: boolean;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** Exit codes: 0 ok, 1 failure while working, 2 bad usage or bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
