// Strategy files: the built-in samples (resources/strategies) and the trader's own (<data dir>/strategies), compiled
// from TypeScript with esbuild and instantiated; a compile error names the file, line and column.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { transform, type Message } from 'esbuild';
import { err, ok, type Result } from '../../core/model/result';
import { instantiateStrategy, type StrategyLoadError } from '../../core/strategy/strategyModule';
import type { StrategyDefinition } from '../../core/strategy/strategy';
import { findAppRoot } from '../appRoot';

export const STRATEGY_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface StrategySource {
  readonly name: string;
  readonly file: string;
  readonly origin: 'builtin' | 'team' | 'user';
}

export interface LoadedStrategy extends StrategySource {
  readonly definition: StrategyDefinition;
  /** The compiled module, as the backtest engine instantiates it. */
  readonly js: string;
  /** sha256 of the file's bytes: a run records exactly which code produced it. */
  readonly contentHash: string;
}

export type StrategyError =
  | StrategyLoadError
  | { readonly code: 'UNKNOWN_STRATEGY'; readonly name: string; readonly available: readonly string[] }
  | { readonly code: 'STRATEGY_COMPILE_FAILED'; readonly file: string; readonly line: number; readonly column: number; readonly message: string };

export interface StrategyDirs {
  readonly builtin: string;
  /** Strategies the team published through the shared record, written here by the sync (see sync/teamStrategies). */
  readonly team?: string | null;
  readonly user: string | null;
}

/** The data directory's folder of team strategies: the sync's to write, never the trader's. */
export const TEAM_STRATEGIES_FOLDER = 'team-strategies';

export function defaultStrategyDirs(dataDir: string | null, root = findAppRoot()): StrategyDirs {
  return {
    builtin: join(root, 'resources', 'strategies'),
    team: dataDir === null ? null : join(dataDir, TEAM_STRATEGIES_FOLDER),
    user: dataDir === null ? null : join(dataDir, 'strategies'),
  };
}

/** Every strategy file by name; a team's file shadows a built-in, and the trader's own file both. */
export function listStrategies(dirs: StrategyDirs): StrategySource[] {
  const byName = new Map<string, StrategySource>();
  const scan = (dir: string | null, origin: StrategySource['origin']) => {
    if (dir === null || !existsSync(dir)) return;
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue;
      const name = basename(entry, '.ts');
      if (STRATEGY_NAME.test(name)) byName.set(name, { name, file: join(dir, entry), origin });
    }
  };
  scan(dirs.builtin, 'builtin');
  scan(dirs.team ?? null, 'team');
  scan(dirs.user, 'user');
  return [...byName.values()];
}

export async function loadStrategy(name: string, dirs: StrategyDirs): Promise<Result<LoadedStrategy, StrategyError>> {
  const all = listStrategies(dirs);
  const source = all.find((s) => s.name === name);
  if (!source) return err({ code: 'UNKNOWN_STRATEGY', name, available: all.map((s) => s.name) });
  const bytes = readFileSync(source.file);
  const compiled = await compileStrategy(bytes.toString('utf8'), source.file);
  if (!compiled.ok) return compiled;
  const instance = instantiateStrategy(compiled.value, source.file);
  if (!instance.ok) return instance;
  return ok({ ...source, definition: instance.value, js: compiled.value, contentHash: createHash('sha256').update(bytes).digest('hex') });
}

/** TypeScript → one CommonJS module; type errors are the editor's business, syntax errors are reported here. */
export async function compileStrategy(code: string, file: string): Promise<Result<string, StrategyError>> {
  try {
    const out = await transform(code, { loader: 'ts', format: 'cjs', target: 'es2022', sourcefile: file });
    return ok(out.code);
  } catch (error) {
    const first = (error as { errors?: Message[] }).errors?.[0];
    return err({
      code: 'STRATEGY_COMPILE_FAILED',
      file,
      line: first?.location?.line ?? 0,
      column: first?.location?.column ?? 0,
      message: first?.text ?? String(error),
    });
  }
}

export function describeStrategyError(e: StrategyError): string {
  switch (e.code) {
    case 'UNKNOWN_STRATEGY':
      return `unknown strategy '${e.name}' (available: ${e.available.join(', ') || 'none'})`;
    case 'STRATEGY_COMPILE_FAILED':
      return `${e.file}:${e.line}:${e.column + 1}: ${e.message}`;
    case 'STRATEGY_THREW_ON_LOAD':
      return `${e.file} threw while loading: ${e.message}`;
    case 'STRATEGY_IMPORT_REFUSED':
      return `${e.file} imports '${e.specifier}'; a strategy may import only ${e.allowed.join(', ')}`;
    case 'STRATEGY_SHAPE_INVALID':
      return `${e.file}: ${e.problem}`;
    default:
      return e satisfies never;
  }
}
