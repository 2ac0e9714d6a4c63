// Session credentials: the launch token works once; sessions persist only as hashes, survive a reload of the file,
// are forgotten after a month unused or when more than MAX_SESSIONS exist, and a damaged file loses only them.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SESSIONS, SESSION_IDLE_MS, SessionCredentials } from '../../../../src/main/headless/sessionCredentials';

describe('SessionCredentials', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-sessions-'));
    dirs.push(dir);
    return join(dir, 'sessions.json');
  };

  it('accepts the launch token once, and the session across a reload of the file', () => {
    const path = file();
    const first = new SessionCredentials({ launchToken: 'launch-a', file: path });
    expect(first.exchange('wrong')).toBeUndefined();
    const session = first.exchange('launch-a')!;
    expect(first.exchange('launch-a')).toBeUndefined();
    expect(first.verify(session)).toBe(true);
    expect(first.verify(`${session}x`)).toBe(false);
    expect(readFileSync(path, 'utf8')).not.toContain(session);
    const restarted = new SessionCredentials({ launchToken: 'launch-b', file: path });
    expect(restarted.verify(session)).toBe(true);
    expect(restarted.exchange('launch-a')).toBeUndefined();
  });

  it('forgets a session unused for SESSION_IDLE_MS, and the least recently used beyond MAX_SESSIONS', () => {
    const path = file();
    let now = 0;
    const sessions: string[] = [];
    for (let i = 0; i <= MAX_SESSIONS; i++) {
      now += 1;
      sessions.push(new SessionCredentials({ launchToken: `t${i}`, file: path, now: () => now }).exchange(`t${i}`)!);
    }
    const store = new SessionCredentials({ launchToken: 'x', file: path, now: () => now });
    expect(store.verify(sessions[0])).toBe(false);
    expect(store.verify(sessions[1])).toBe(true);
    now += SESSION_IDLE_MS + 10;
    expect(store.verify(sessions.at(-1))).toBe(false);
  });

  it('starts with no sessions from a damaged file, and says so', () => {
    const path = file();
    writeFileSync(path, '{not json');
    const errors: string[] = [];
    const store = new SessionCredentials({ launchToken: 'a', file: path, onError: (m) => errors.push(m) });
    expect(errors[0]).toMatch(/unreadable/);
    expect(store.verify(store.exchange('a'))).toBe(true);
  });
});
