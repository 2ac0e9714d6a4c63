// `nautilus serve --role`: a replica needs a redis:// stream to read the primary's events from; anything but primary or
// replica is refused before a server starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runServe } from '../../../src/cli/commands/serve';
import { EXIT_USAGE } from '../../../src/cli/command';
import { captureIo } from '../../support/captureIo';

describe('nautilus serve --role', () => {
  const saved = { redis: process.env.NAUTILUS_REDIS_URL, role: process.env.NAUTILUS_ROLE, primary: process.env.NAUTILUS_PRIMARY_URL };
  beforeEach(() => {
    delete process.env.NAUTILUS_REDIS_URL;
    delete process.env.NAUTILUS_ROLE;
    delete process.env.NAUTILUS_PRIMARY_URL;
  });
  afterEach(() => {
    if (saved.redis !== undefined) process.env.NAUTILUS_REDIS_URL = saved.redis;
    if (saved.role !== undefined) process.env.NAUTILUS_ROLE = saved.role;
    if (saved.primary !== undefined) process.env.NAUTILUS_PRIMARY_URL = saved.primary;
    else delete process.env.NAUTILUS_PRIMARY_URL;
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

  it('refuses --primary on a primary, and a --primary (or NAUTILUS_PRIMARY_URL) that is not a server address', async () => {
    const onPrimary = captureIo();
    expect(await runServe(['--primary', 'http://127.0.0.1:4780'], onPrimary)).toBe(EXIT_USAGE);
    expect(onPrimary.stderr).toBe('nautilus serve: --primary is for a replica (--role replica): a primary answers every call itself\n');
    const bad = captureIo();
    expect(await runServe(['--role', 'replica', '--redis', 'redis://127.0.0.1:1', '--primary', '127.0.0.1:4780'], bad)).toBe(EXIT_USAGE);
    expect(bad.stderr).toBe('nautilus serve: --primary: "127.0.0.1:4780" is not a URL (expected http://host:port, or https://name behind a TLS proxy)\n');
    process.env.NAUTILUS_PRIMARY_URL = 'ftp://desk';
    const fromEnv = captureIo();
    expect(await runServe(['--role', 'replica', '--redis', 'redis://127.0.0.1:1'], fromEnv)).toBe(EXIT_USAGE);
    expect(fromEnv.stderr).toBe('nautilus serve: --primary: "ftp://desk": the scheme must be http, https, ws or wss (http://host:port as the primary\'s serve printed it)\n');
  });

  it('documents the role and the primary in its usage', async () => {
    const io = captureIo();
    await runServe(['--help'], io);
    expect(io.stdout).toContain('[--role primary|replica] [--primary URL]');
    expect(io.stdout).toContain('$NAUTILUS_PRIMARY_URL');
  });
});
