// `nautilus data` against the recorded-fixture server on a fresh data directory per test: the setup the data CLI
// tests share (call inside a describe).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { dataCommand } from '../../src/cli/commands/data';
import { captureIo } from './captureIo';
import { startDataFixtureServer, type DataFixtureServer } from './dataFixtureServer';

export interface DataCli {
  readonly server: DataFixtureServer;
  readonly dir: string;
  run(...argv: string[]): Promise<{ code: number } & ReturnType<typeof captureIo>>;
}

export function useDataCli(prefix: string): DataCli {
  let server: DataFixtureServer | undefined;
  let dir = '';
  beforeEach(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get server() {
      return server!;
    },
    get dir() {
      return dir;
    },
    async run(...argv) {
      const io = captureIo();
      const code = await dataCommand.run([...argv, '--data-dir', dir], io);
      return { code, ...io };
    },
  };
}
