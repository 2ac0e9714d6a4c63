// Update checks: off without a feed URL; with one, started after the caller returns, every failure logged and never thrown.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { startUpdateCheck, type UpdaterApi } from '../../../../src/main/electron/updates';

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { info: (s: string, m: string) => void lines.push(`info ${s}: ${m}`), warn: (s: string, m: string) => void lines.push(`warn ${s}: ${m}`) } };
}

function fakeUpdater(check: () => Promise<unknown>) {
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(check),
  });
  return updater;
}

describe('startUpdateCheck', () => {
  it('is off by default: no feed URL, no updater loaded', () => {
    const { lines, log } = recordingLog();
    const load = vi.fn();
    expect(startUpdateCheck(null, load, log)).toEqual({ started: false, reason: 'UPDATES_OFF' });
    expect(load).not.toHaveBeenCalled();
    expect(lines).toEqual(['info updates: update checks are off (no feed URL in the configuration)']);
  });

  it('returns before loading or checking, then checks the generic feed and downloads in the background', async () => {
    const { log } = recordingLog();
    let finishCheck: () => void = () => undefined;
    const updater = fakeUpdater(() => new Promise<void>((resolve) => (finishCheck = resolve)));
    const load = vi.fn(async () => updater as unknown as UpdaterApi);
    const start = startUpdateCheck('https://updates.example.com/nautilus', load, log);
    expect(start.started).toBe(true);
    expect(load).not.toHaveBeenCalled(); // nothing ran inside the caller's turn
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalled());
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.com/nautilus' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    let settled = false;
    if (start.started) void start.done.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false); // a slow feed keeps only its own promise waiting
    finishCheck();
    if (start.started) await start.done;
    expect(settled).toBe(true);
  });

  it.each([
    ['the check rejects', async () => fakeUpdater(() => Promise.reject(new Error('ENOTFOUND updates.example.com'))), 'ENOTFOUND updates.example.com'],
    ['the check throws synchronously', async () => fakeUpdater(() => { throw new Error('bad feed'); }), 'bad feed'],
    ['the updater cannot load', async () => { throw new Error('Cannot find module electron-updater'); }, 'Cannot find module electron-updater'],
  ])('logs and swallows a failure when %s', async (_label, load, message) => {
    const { lines, log } = recordingLog();
    const start = startUpdateCheck('https://updates.example.com/', load as unknown as () => Promise<UpdaterApi>, log);
    if (!start.started) throw new Error('expected a started check');
    await expect(start.done).resolves.toBeUndefined();
    expect(lines).toEqual([`warn updates: update check failed: ${message}`]);
  });

  it("logs the updater's own events", async () => {
    const { lines, log } = recordingLog();
    const updater = fakeUpdater(async () => null);
    const start = startUpdateCheck('https://updates.example.com/', async () => updater as unknown as UpdaterApi, log);
    if (start.started) await start.done;
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    updater.emit('error', new Error('sha512 checksum mismatch'));
    expect(lines).toEqual([
      'info updates: version 0.2.0 is available; downloading',
      'info updates: version 0.2.0 is ready and installs when the app quits',
      'warn updates: update failed: sha512 checksum mismatch',
    ]);
  });
});
