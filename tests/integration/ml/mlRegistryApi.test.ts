// The model registry through the API of a running backend: versions trained by `nautilus ml train` into the same
// data directory are listed by ml.models, promoted and rolled back by ml.promote / ml.rollback through the lifecycle
// table, and bad requests are refused at the boundary or as coded results.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { SeededRandom } from '../../../src/core/model/clock';
import type { Result } from '../../../src/core/model/result';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import type { RegisteredModel, RegistryError } from '../../../src/shared/contracts/mlRegistry';

describe('ml.models / ml.promote / ml.rollback on a running backend', () => {
  let ws: Workstation;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-registry-api-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 1, engines: [], syntheticHistory: { seed: 5, years: 1, minuteDays: 1 } });
    const random = new SeededRandom(3);
    const lines = ['date,symbol,close,mom'];
    const close = [100, 40, 70];
    for (let d = 0; d < 200; d++) {
      const date = new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (let s = 0; s < 3; s++) {
        const mom = random.normal();
        lines.push(`${date},S${s},${close[s]!.toFixed(6)},${mom.toFixed(6)}`);
        close[s] = close[s]! * Math.exp(0.01 * mom + 0.005 * random.normal());
      }
    }
    writeFileSync(join(dataDir, 'panel.csv'), `${lines.join('\n')}\n`);
    const io: CliIO = { out: () => undefined, err: () => undefined };
    for (const kind of ['ridge', 'tree']) {
      const code = await runCli(['ml', 'train', '--input', join(dataDir, 'panel.csv'), '--features', 'mom', '--name', 'mom-1d', '--kind', kind, '--horizon', '1', '--train-dates', '80', '--test-dates', '40', '--data-dir', dataDir], io);
      expect(code).toBe(0);
    }
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value as T;
  };
  const statuses = async () => (await call<RegisteredModel[]>('ml.models', { name: 'mom-1d' })).map((m) => [m.version, m.kind, m.status]);

  it('lists the CLI-trained versions, promotes, supersedes and rolls back in one step', async () => {
    expect(await statuses()).toEqual([[1, 'ridge', 'candidate'], [2, 'tree', 'candidate']]);
    expect(await call<Result<RegisteredModel, RegistryError>>('ml.promote', { name: 'mom-1d', version: 1 })).toMatchObject({ ok: true, value: { version: 1, status: 'production' } });
    expect(await call<Result<RegisteredModel, RegistryError>>('ml.promote', { name: 'mom-1d', version: 2 })).toMatchObject({ ok: true, value: { version: 2, status: 'production' } });
    expect(await statuses()).toEqual([[1, 'ridge', 'retired'], [2, 'tree', 'production']]);
    expect(await call<Result<RegisteredModel, RegistryError>>('ml.rollback', { name: 'mom-1d' })).toMatchObject({ ok: true, value: { version: 1, status: 'production' } });
    expect(await statuses()).toEqual([[1, 'ridge', 'production'], [2, 'tree', 'retired']]);
  });

  it('an unknown version, a second rollback target that does not exist, and a malformed request', async () => {
    expect(await call('ml.promote', { name: 'mom-1d', version: 9 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MODEL', version: 9 } });
    expect(await call('ml.rollback', { name: 'other' })).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_ROLL_BACK' } });
    const bad = await ws.dispatch('ml.promote', { name: 'Mom 1d', version: 0 });
    expect(bad.ok).toBe(false);
    expect(await statuses()).toEqual([[1, 'ridge', 'production'], [2, 'tree', 'retired']]);
  });
});
