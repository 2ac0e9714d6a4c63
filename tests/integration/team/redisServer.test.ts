// The Redis test helper itself: a real redis-server on a free loopback port, with no persistence, stopped and killed.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { redisUnavailable, startRedisServer } from '../../support/redisServer';

const cli = (port: number, ...args: string[]) => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' }).trim();

if (redisUnavailable()) console.warn(`skipped: ${redisUnavailable()}`);

describe.skipIf(redisUnavailable())('redis-server test helper', () => {
  it('starts on a free loopback port without persistence, and stops', async () => {
    const redis = await startRedisServer();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(cli(redis.port, 'SET', 'k', 'v')).toBe('OK');
    expect(cli(redis.port, 'CONFIG', 'GET', 'save')).toBe('save');
    expect(cli(redis.port, 'CONFIG', 'GET', 'appendonly')).toBe('appendonly\nno');
    await redis.stop();
    expect(redis.process.exitCode ?? redis.process.signalCode).not.toBeNull();
  });

  it('runs two at once on different ports, and kills one', async () => {
    const [a, b] = await Promise.all([startRedisServer(), startRedisServer()]);
    expect(a.port).not.toBe(b.port);
    await a.kill();
    expect(a.process.signalCode).toBe('SIGKILL');
    expect(cli(b.port, 'PING')).toBe('PONG');
    await b.stop();
  });

  it('never hands over another server that answers on its port: a taken port is refused, not adopted', async () => {
    const taken = await startRedisServer();
    try {
      // Ours cannot bind the port; the one answering there is not ours (its process id differs).
      await expect(startRedisServer({ port: taken.port })).rejects.toThrow(`redis-server did not start on port ${taken.port}`);
      expect(cli(taken.port, 'PING')).toBe('PONG');
    } finally {
      await taken.stop();
    }
  });
});
