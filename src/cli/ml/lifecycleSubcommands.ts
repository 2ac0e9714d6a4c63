// `nautilus ml promote`, `nautilus ml rollback` (the registry's lifecycle moves, through modelLifecycle's table) and
// `nautilus ml shadow` (a candidate run beside production).
import type { RegistryError } from '../../main/storage/sqlite/mlModelRegistry';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { withRegistry } from './modelRecord';
import { intOption, toJson } from './mlOutput';

const PROMOTE_USAGE = `usage: nautilus ml promote --name NAME --version V [--data-dir DIR] [--json]

Makes version V the production model of NAME; the current production version is retired (rollback restores it).`;
const ROLLBACK_USAGE = `usage: nautilus ml rollback --name NAME [--data-dir DIR] [--json]

Restores the production model the last promotion of NAME superseded, in one step.`;

const describe = (e: RegistryError): string => `${e.code}: ${e.message}`;

function lifecycleCommand(kind: 'promote' | 'rollback'): CliCommand {
  const usage = kind === 'promote' ? PROMOTE_USAGE : ROLLBACK_USAGE;
  const run = async (argv: readonly string[], io: CliIO): Promise<number> => {
    const fail = (message: string): number => (io.err(`nautilus ml ${kind}: ${message}\n`), EXIT_USAGE);
    const parsed = parseCommandArgs(argv, { name: { type: 'string' }, version: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (!parsed.ok) return fail(`${parsed.error}\n\n${usage}`);
    const v = parsed.value.values;
    if (v.help) return io.out(`${usage}\n`), EXIT_OK;
    if (!v.name) return fail(`--name is required\n\n${usage}`);
    const version = intOption(v.version as string | undefined, '--version', 0, 1, 1_000_000);
    if (!version.ok) return fail(version.error);
    if (kind === 'promote' && version.value === 0) return fail(`--version is required\n\n${usage}`);
    return withRegistry(v['data-dir'] as string | undefined, (registry) => {
      const moved = kind === 'promote' ? registry.promote(v.name as string, version.value) : registry.rollback(v.name as string);
      if (!moved.ok) return fail(describe(moved.error));
      if (v.json) io.out(`${toJson(moved.value)}\n`);
      else io.out(`${moved.value.name} v${moved.value.version} is now production\n`);
      return EXIT_OK;
    });
  };
  return { name: `ml ${kind}`, summary: kind === 'promote' ? 'make a model version production' : 'restore the previous production model', usage, run };
}

const SHADOW_USAGE = `usage: nautilus ml shadow --name NAME --version V [--off] [--data-dir DIR] [--json]

Runs candidate V in shadow beside NAME's production version (one shadow per name: the previous one stops):
\`nautilus ml compare --name NAME\` then scores production against it. --off ends its shadow.`;

async function runShadow(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string): number => (io.err(`nautilus ml shadow: ${message}\n`), EXIT_USAGE);
  const parsed = parseCommandArgs(argv, { name: { type: 'string' }, version: { type: 'string' }, off: { type: 'boolean' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return fail(`${parsed.error}\n\n${SHADOW_USAGE}`);
  const v = parsed.value.values;
  if (v.help) return io.out(`${SHADOW_USAGE}\n`), EXIT_OK;
  if (!v.name || v.version === undefined) return fail(`--name and --version are required\n\n${SHADOW_USAGE}`);
  const version = intOption(v.version as string, '--version', 0, 1, 1_000_000);
  if (!version.ok) return fail(version.error);
  return withRegistry(v['data-dir'] as string | undefined, (registry) => {
    const marked = registry.setShadow(v.name as string, version.value, !v.off);
    if (!marked.ok) return fail(describe(marked.error));
    if (v.json) io.out(`${toJson(marked.value)}\n`);
    else io.out(`${marked.value.name} v${marked.value.version} ${marked.value.shadow ? 'runs in shadow beside production' : 'is no longer in shadow'}\n`);
    return EXIT_OK;
  });
}

export const mlShadowCommand: CliCommand = { name: 'ml shadow', summary: 'run a candidate in shadow beside production', usage: SHADOW_USAGE, run: runShadow };
export const mlPromoteCommand = lifecycleCommand('promote');
export const mlRollbackCommand = lifecycleCommand('rollback');
