// Argument parsing shared by subcommands: node's strict parseArgs, with errors turned into usage messages.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../core/model/result';

export type ParsedArgs = ReturnType<typeof parseArgs>;

export function parseCommandArgs(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = false,
): Result<{ values: Record<string, string | boolean | undefined>; positionals: string[] }, string> {
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
    return ok({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals });
  } catch (error) {
    return err((error as Error).message);
  }
}

/** A TCP port from the command line: an integer in 0–65535 (0 = any free port). */
export function parsePort(text: string | undefined, flag = '--port'): Result<number | undefined, string> {
  if (text === undefined) return ok(undefined);
  if (!/^\d+$/.test(text)) return err(`${flag} must be a whole number from 0 to 65535, got "${text}"`);
  const port = Number(text);
  return port <= 65535 ? ok(port) : err(`${flag} must be from 0 to 65535, got ${port}`);
}
