// `nautilus serve --role`: a replica needs a redis:// stream to read the primary's events from; anything but primary or
// replica is refused before a server starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runServe } from '../../../src/cli/commands/serve';
import { EXIT_USAGE } from '../../../src/cli/command';
import { captureIo } from '../../support/captureIo';

describe('nautilus serve --role', () => {
  const saved = { redis: process.env.NAUTILUS_REDIS_URL, role: process.env.NAUTILUS_ROLE };
  beforeEach(() => {
    delete process.env.NAUTILUS_REDIS_URL;
    delete process.env.NAUTILUS_ROLE;
  });
  afterEach(() => {
    if (saved.redis !== undefined) process.env.NAUTILUS_REDIS_URL = saved.redis;
    if (saved.role !== undefined) process.env.NAUTILUS_ROLE = saved.role;
  });

  it('refuses a role that is neither primary nor replica', async () => {
    const io = captureIo();
    expect(await runServe(['--role', 'secondary'], io)).toBe(EXIT_USAGE);
    expect(io.stderr).toBe('nautilus serve: --role must be primary or replica, got "secondary"\n');
  });

  it('refuses a replica without a redis:// URL, or with a PostgreSQL queue store (no stream there)', async () => {
    for (const argv of [['--role', 'replica'], ['--role', 'replica', '--redis', 'postgres://u@127.0.0.1/db']]) {
      const io = captureIo();
      expect(await runServe(argv, io)).toBe(EXIT_USAGE);
      expect(io.stderr).toBe("nautilus serve: --role replica needs --redis redis://… (the stream it reads the primary's events from)\n");
    }
  });

  it('documents the role in its usage', async () => {
    const io = captureIo();
    await runServe(['--help'], io);
    expect(io.stdout).toContain('[--role primary|replica]');
  });
});
