// The composition root from an empty data directory: both stores are created with their migrations, engines
// come up, the API answers, and a second start reopens the same files.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation, DUCKDB_FILE, SQLITE_FILE } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';

const SMALL_HISTORY = { seed: 7, years: 1, minuteDays: 2 };

describe('Workstation', () => {
  const dirs: string[] = [];
  let ws: Workstation | undefined;
  afterEach(async () => {
    await ws?.stop();
    ws = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('starts from an empty data directory and creates SQLite (WAL) and DuckDB', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'nautilus-ws-')), 'nested', 'data');
    dirs.push(dataDir);
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, syntheticHistory: SMALL_HISTORY });
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(existsSync(join(dataDir, DUCKDB_FILE))).toBe(true);
    expect(ws.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const migrations = ws.sqlite.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(migrations.length).toBeGreaterThan(0);
    // A fresh directory is seeded with the synthetic market's history.
    expect(await ws.market.countBars()).toBeGreaterThan(0);
    expect((await ws.market.listSymbols()).length).toBeGreaterThanOrEqual(50);

    await expect.poll(() => ws!.supervisor.health().every((h) => h.state === 'up'), { timeout: 15_000 }).toBe(true);
    expect(await ws.dispatch('system.info', {})).toMatchObject({ ok: true, value: { host: 'headless', dataDir, engines: ['backtest', 'backtest-2', 'factors', 'factors-2', 'features', 'features-2', 'ml', 'ml-2', 'portfolio', 'risk'] } });
    expect(await ws.dispatch('features.movingAverage', { kind: 'ema', period: 3, values: [1, 2, 3, 4] })).toEqual({ ok: true, value: [null, null, 2, 3] });
  });

  it('reopens an existing data directory without re-running migrations', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ws-'));
    dirs.push(dataDir);
    const first = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    first.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('theme', 'dark')").run();
    await first.stop();
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    expect(ws.sqlite.prepare("SELECT value FROM settings WHERE key = 'theme'").get()).toEqual({ value: 'dark' });
  });

  it('publishes engine health on the bus and logs it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ws-'));
    dirs.push(dataDir);
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), restartBackoffMs: 20, syntheticHistory: false });
    const states: string[] = [];
    // Only this engine's: other instances (features-2) report on the same topic.
    ws.bus.subscribe('engine.health', (h) => {
      const health = h as { name: string; state: string };
      if (health.name === 'features') states.push(health.state);
    });
    await expect.poll(() => ws!.supervisor.healthOf('features').state, { timeout: 15_000 }).toBe('up');
    expect(await ws.dispatch('engines.restart', { name: 'features' })).toMatchObject({ ok: true });
    await expect.poll(() => states.slice(-3), { timeout: 15_000 }).toEqual(['restarting', 'starting', 'up']);
    expect(ws.log.recent().some((e) => e.source === 'engine:features' && e.message.startsWith('restarting'))).toBe(true);
    expect(await ws.dispatch('engines.restart', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ENGINE' } });
  });
});

describe('live bars', () => {
  it('records the live market as 1-minute bars, and a restart continues from where it stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ws-'));
    try {
      const first = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: SMALL_HISTORY, marketIntervalMs: 5 });
      const symbol = first.desk.equities[0]!.symbol;
      const before = await first.market.countBars('1m');
      const startedAt = first.live.quote(symbol)!.time;
      await expect.poll(() => first.live.quote(symbol)!.time > startedAt + 50, { timeout: 10_000 }).toBe(true);
      const lastLive = first.live.quote(symbol)!;
      await first.stop();

      const second = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: SMALL_HISTORY });
      try {
        expect(await second.market.countBars('1m')).toBeGreaterThan(before);
        const bars = await second.market.readBars(symbol, '1m');
        expect(bars.close[bars.close.length - 1]).toBe(lastLive.last);
        // The new session's feed starts at the price the last one ended on.
        expect(second.live.quote(symbol)!.last).toBe(lastLive.last);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
