// `nautilus features`: the universe batch from the command line, over the data directory's store.
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { engineInstances } from '../../engines/registry';
import { defaultDataDir } from '../../main/dataDir';
import { EngineSupervisor } from '../../main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../main/headless/workerEngineLauncher';
import { computeUniverseFeatures } from '../../main/research/universeFeatures';
import { MarketStore } from '../../main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../main/workstation';
import { universeFeaturesInput } from '../../shared/contracts/engines';
import { validationError } from '../../shared/contracts/errors';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import { progressLine } from '../progressLine';

const usage = `nautilus features --indicators rsi:14,macd:12:26:9 [--timeframe 1D] [--symbols A,B] [--workers N] [--data-dir DIR] [--json]

Computes the indicators for every symbol in the store (or --symbols), across N features workers
(default: one per core), and writes them to the store's features table.`;

export const featuresCommand: CliCommand = {
  name: 'features',
  summary: 'compute indicators for every symbol in the store, in parallel, into the features table',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      indicators: { type: 'string' },
      timeframe: { type: 'string' },
      symbols: { type: 'string' },
      workers: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!parsed.ok) return io.err(`nautilus features: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
    const v = parsed.value.values as Record<string, string | undefined>;
    const request = universeFeaturesInput.safeParse({
      indicators: v.indicators,
      timeframe: v.timeframe ?? '1D',
      ...(v.symbols ? { symbols: v.symbols.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    });
    if (!request.success) return io.err(`nautilus features: ${validationError(request.error, 'options').message}\n`), EXIT_USAGE;
    const workers = v.workers === undefined ? availableParallelism() : Number(v.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) return io.err(`nautilus features: --workers must be a whole number from 1 to 64\n`), EXIT_USAGE;

    const store = await MarketStore.open(join(resolve(v['data-dir'] ?? defaultDataDir()), DUCKDB_FILE));
    const supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['features'], workers), onHealth: () => undefined });
    supervisor.start();
    try {
      const progress = progressLine(io);
      const result = await computeUniverseFeatures(store, supervisor, {
        ...request.data,
        onProgress: (done, total, symbol) => progress.update(done, total, symbol),
      });
      progress.end();
      if (!result.ok) {
        io.err(`nautilus features: ${result.error.code}: ${'message' in result.error ? result.error.message : JSON.stringify(result.error)}\n`);
        return EXIT_USAGE;
      }
      const s = result.value;
      if (v.json) io.out(`${JSON.stringify(s)}\n`);
      else io.out(`${s.features.length} features for ${s.symbols} symbols, ${s.rows.toLocaleString('en-US')} values in ${Math.round(s.durationMs)} ms\n`);
      return EXIT_OK;
    } catch (error) {
      io.err(`nautilus features: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    } finally {
      await supervisor.stop();
      store.close();
    }
  },
};
