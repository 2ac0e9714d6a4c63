// `--postgres` on `nautilus serve` and `nautilus token`: a URL that is not PostgreSQL's is refused before anything is
// opened, naming what is wrong; the token CLI takes one store, not two.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runServe } from '../../../src/cli/commands/serve';
import { runToken } from '../../../src/cli/commands/token';
import { EXIT_USAGE } from '../../../src/cli/command';
import { captureIo } from '../../support/captureIo';

describe('--postgres for the users', () => {
  const saved = process.env.NAUTILUS_POSTGRES_URL;
  beforeEach(() => void delete process.env.NAUTILUS_POSTGRES_URL);
  afterEach(() => {
    if (saved !== undefined) process.env.NAUTILUS_POSTGRES_URL = saved;
  });

  it('refuses a URL that is not PostgreSQL’s, from the flag or the environment, before a server starts', async () => {
    const cases: Array<[string[], string | undefined, string]> = [
      [['--postgres', 'redis://127.0.0.1:6379'], undefined, 'nautilus serve: --postgres must start with postgres:// or postgresql://, not redis://\n'],
      [['--postgres', 'db.internal:5432'], undefined, 'nautilus serve: --postgres must start with postgres:// or postgresql://, not db.internal://\n'],
      [[], 'not a url', 'nautilus serve: --postgres is not a URL (expected postgres://user:password@host:5432/database)\n'],
    ];
    for (const [argv, env, message] of cases) {
      if (env !== undefined) process.env.NAUTILUS_POSTGRES_URL = env;
      const io = captureIo();
      expect(await runServe(argv, io)).toBe(EXIT_USAGE);
      expect(io.stderr).toBe(message);
      delete process.env.NAUTILUS_POSTGRES_URL;
    }
  });

  it('refuses a token command given both stores, or a bad URL', async () => {
    const both = captureIo();
    expect(await runToken(['list', '--data-dir', '/tmp/x', '--postgres', 'postgres://u@h/db'], both)).toBe(EXIT_USAGE);
    expect(both.stderr).toMatch(/^nautilus token: give --data-dir or --postgres, not both\n/);
    const bad = captureIo();
    expect(await runToken(['list', '--postgres', 'http://h/db'], bad)).toBe(EXIT_USAGE);
    expect(bad.stderr).toMatch(/^nautilus token: --postgres must start with postgres:\/\/ or postgresql:\/\/, not http:\/\/\n/);
  });

  it('documents the flag in both usages', async () => {
    for (const run of [runServe, runToken]) {
      const io = captureIo();
      await run(['--help'], io);
      expect(io.stdout).toContain('--postgres URL');
    }
  });
});
