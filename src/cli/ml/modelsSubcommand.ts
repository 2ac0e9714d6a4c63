// `nautilus ml models`: the model registry, read from the SQLite record without writing (safe beside a running backend).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../main/dataDir';
import { openSqliteReadOnly } from '../../main/storage/sqlite/database';
import { MlModelRegistry } from '../../main/storage/sqlite/mlModelRegistry';
import { SQLITE_FILE } from '../../main/workstation';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { toJson } from './mlOutput';

const USAGE = `usage: nautilus ml models [--name NAME] [--data-dir DIR] [--json]

Every registered model version (or NAME's): kind, status (candidate, production, retired), shadow, training window,
data hash, metrics and artifact path.`;

async function runModels(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { name: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return io.err(`nautilus ml models: ${parsed.error}\n\n${USAGE}\n`), EXIT_USAGE;
  const v = parsed.value.values;
  if (v.help) return io.out(`${USAGE}\n`), EXIT_OK;
  const file = join(resolve((v['data-dir'] as string | undefined) ?? defaultDataDir()), SQLITE_FILE);
  if (!existsSync(file)) return io.err(`nautilus ml models: no record at ${file}\n`), EXIT_USAGE;
  const db = openSqliteReadOnly(file);
  try {
    const hasRegistry = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ml_models'").get() !== undefined;
    const models = hasRegistry ? new MlModelRegistry(db, () => 0).list(v.name as string | undefined) : [];
    if (v.json) io.out(`${toJson(models)}\n`);
    else if (models.length === 0) io.out('no registered models\n');
    else {
      const day = (t: number) => new Date(t).toISOString().slice(0, 10);
      for (const m of models) io.out(`${m.name} v${m.version}  ${m.kind.padEnd(8)} ${m.status.padEnd(10)}${m.shadow ? ' shadow' : ''} ${day(m.trainFrom)}…${day(m.trainTo)}  ${Object.entries(m.metrics).map(([k, x]) => `${k} ${x}`).join('  ')}\n`);
    }
    return EXIT_OK;
  } finally {
    db.close();
  }
}

export const mlModelsCommand: CliCommand = { name: 'ml models', summary: 'registered models: versions, status, windows and metrics', usage: USAGE, run: runModels };
