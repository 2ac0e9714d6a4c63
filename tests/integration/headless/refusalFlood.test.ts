// 600 refused upgrades cost the log two lines, not 600, and never evict a trading record such as the kill switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { createRefusalLog } from '../../../src/main/headless/refusalLog';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { SystemLog } from '../../../src/main/systemLog';
import { openSocket } from './headlessClient';

describe('a flood of refused upgrades', () => {
  let server: HeadlessServer;
  let dir: string;
  const bus = new MessageBus();
  const log = new SystemLog(bus);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-flood-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    server = await startHeadlessServer({
      host: '127.0.0.1',
      port: 0,
      token: 'flood-token-0123456789',
      rendererDir: join(dir, 'renderer'),
      dispatch: async () => ({ ok: true, value: null }),
      bus,
      onLog: (level, message) => log.write(level, 'http', message),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs the first refusal, counts the rest, and keeps the kill-switch entry', async () => {
    log.warn('risk', 'kill switch engaged by trader: flood test');
    for (let batch = 0; batch < 12; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => openSocket(`ws://127.0.0.1:${server.port}/api`)));
      expect(answers.every((a) => a.status === 401)).toBe(true);
    }
    const http = () => log.recent().filter((e) => e.source === 'http');
    expect(http()).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/^upgrade refused from (::ffff:)?127\.0\.0\.1: 401 Unauthorized$/) })]);
    await server.close(); // closing writes the open window's count
    expect(http().map((e) => e.message)[1]).toMatch(/^599 more refused upgrades from (::ffff:)?127\.0\.0\.1 in the last 10 s \(last: 401 Unauthorized\)$/);
    expect(log.recent()).toContainEqual(expect.objectContaining({ source: 'risk', message: 'kill switch engaged by trader: flood test' }));
  });
});

describe('createRefusalLog', () => {
  it('writes one line per window per address and kind, and starts over after', () => {
    const lines: string[] = [];
    const timers: Array<() => void> = [];
    const refusals = createRefusalLog({ log: (m) => lines.push(m), setTimer: (fn) => (timers.push(fn), {}) });
    for (let i = 0; i < 3; i++) refusals.refused('upgrade', '10.0.0.1', '401 Unauthorized');
    refusals.refused('request', '10.0.0.1', '400 malformed Host header');
    expect(lines).toEqual(['upgrade refused from 10.0.0.1: 401 Unauthorized', 'request refused from 10.0.0.1: 400 malformed Host header']);
    for (const fire of timers.splice(0)) fire();
    expect(lines.slice(2)).toEqual(['2 more refused upgrades from 10.0.0.1 in the last 10 s (last: 401 Unauthorized)']);
    refusals.refused('upgrade', '10.0.0.1', '403 Forbidden origin');
    expect(lines.at(-1)).toBe('upgrade refused from 10.0.0.1: 403 Forbidden origin');
  });
});
