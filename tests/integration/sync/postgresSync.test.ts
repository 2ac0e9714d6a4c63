// Issue 17's sync against a real PostgreSQL: a trading session reaches the shared record; the database killed
// mid-sync loses and duplicates nothing; a replayed outbox changes no counts; two workstations share positions
// and a team limit change.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Order } from '../../../src/core/model/order';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import type { FirmPosition, SyncStatus } from '../../../src/shared/contracts/sync';
import { SYNC_SECRET_FILE } from '../../../src/main/sync/syncSecret';
import { MlModelRegistry } from '../../../src/main/storage/sqlite/mlModelRegistry';
import type { BacktestRunSummary, StrategyInfo } from '../../../src/shared/contracts/backtest';
import { TEAM_STRATEGIES_FOLDER } from '../../../src/main/strategies/strategyLoader';
import { ROOT } from '../../support/builtApp';
import type { RiskReport, RiskReportFile } from '../../../src/shared/contracts/riskReport';
import { PostgresServer, POSTGRES_SKIP_REASON, postgresBinDir } from '../../support/postgresServer';

const HAVE_PG = postgresBinDir() !== undefined;
if (!HAVE_PG) console.warn(`skipping the PostgreSQL sync tests: ${POSTGRES_SKIP_REASON}`);
const HISTORY = { seed: 11, years: 1, minuteDays: 1 };

let server: PostgresServer;
let databases = 0;
const dirs: string[] = [];
const open: Workstation[] = [];
const clients: pg.Client[] = [];

beforeAll(async () => {
  if (HAVE_PG) server = await PostgresServer.start();
}, 60_000);
afterAll(async () => {
  await server?.destroy();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  for (const ws of open.splice(0)) await ws.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh database for one test. */
async function database(): Promise<string> {
  const name = `sync_${++databases}`;
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return server.url(name);
}
async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
const count = async (url: string, table: string) => Number((await query<{ n: string }>(url, `SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

async function start(name: string, url: string, worker = {}, engines: string[] = []): Promise<Workstation> {
  const dataDir = mkdtempSync(join(tmpdir(), `nautilus-sync-${name}-`));
  dirs.push(dataDir);
  const ws = await Workstation.start({
    dataDir,
    host: 'headless',
    engineLauncher: createWorkerEngineLauncher(),
    engines,
    poolSize: 1,
    syntheticHistory: HISTORY,
    marketIntervalMs: 10,
    syncWorker: { intervalMs: 20, pullIntervalMs: 50, maxBackoffMs: 200, ...worker },
  });
  open.push(ws);
  const configured = await ws.dispatch('sync.configure', { url, workstationName: name });
  expect(configured).toMatchObject({ ok: true, value: { ok: true } });
  return ws;
}
const symbolOf = (ws: Workstation, n = 0) => ws.desk.equities.filter((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY')[n]!.symbol;
async function order(ws: Workstation, symbol: string, side: 'BUY' | 'SELL', quantity: number): Promise<Order> {
  const reply = await ws.dispatch('orders.submit', { symbol, side, type: 'MARKET', quantity, timeInForce: 'DAY' });
  if (!reply.ok) throw new Error(reply.error.message);
  const result = reply.value as { ok: true; value: Order } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`denied: ${JSON.stringify(result.error)}`);
  return result.value;
}
const filled = (ws: Workstation, orders: readonly Order[]) =>
  expect.poll(() => orders.every((o) => ws.trading.core.oms.order(o.clientOrderId)?.status === 'Filled'), { timeout: 15_000 }).toBe(true);
const status = async (ws: Workstation) => ((await ws.dispatch('sync.status', {})) as { ok: true; value: SyncStatus }).value;
const synced = (ws: Workstation) => expect.poll(async () => { const s = await status(ws); return s.pending === 0 ? 0 : `${s.pending} pending, ${s.lastError?.message}`; }, { timeout: 20_000 }).toBe(0);
const position = (ws: Workstation, symbol: string) => ws.trading.core.positions.quantity(ws.trading.core.oms.account, symbol);

describe.skipIf(!HAVE_PG)('sync to PostgreSQL', () => {
  it('pushes a trading session: every journal record, order and fill, and the position it adds up to; the password stays a 0600 secret', async () => {
    const url = await database();
    const ws = await start('desk-a', url);
    const symbol = symbolOf(ws);
    const orders = [await order(ws, symbol, 'BUY', 30), await order(ws, symbol, 'BUY', 20), await order(ws, symbol, 'SELL', 15)];
    await filled(ws, orders);
    await synced(ws);
    const s = await status(ws);
    expect(s).toMatchObject({ state: 'idle', pending: 0, lagMs: 0, lastError: null, workstationName: 'desk-a' });
    expect(s.target).not.toContain('secret');
    expect(await count(url, 'order_events')).toBe(ws.trading.journal.count());
    expect(await count(url, 'orders')).toBe(3);
    const fills = ws.trading.fills.filter((f) => f.symbol === symbol);
    expect(await count(url, 'fills')).toBe(fills.length);
    const shared = await query<{ quantity: number; execs: string[] }>(url, `SELECT quantity::float8 AS quantity FROM firm_positions WHERE symbol = '${symbol}'`);
    expect(shared).toEqual([{ quantity: 35 }]);
    expect(position(ws, symbol)).toBe(35);
    // The password is in a 0600 file, not in the settings row.
    expect(statSync(join(ws.info().dataDir, SYNC_SECRET_FILE)).mode & 0o777).toBe(0o600);
    const settings = ws.sqlite.prepare("SELECT value FROM settings WHERE key = 'sync.postgres'").get() as { value: string };
    expect(settings.value).not.toContain('secret');
  }, 60_000);

  it('keeps trading while PostgreSQL is killed mid-sync; after the restart nothing is lost and nothing is duplicated', async () => {
    const url = await database();
    const ws = await start('desk-b', url, { batchSize: 1 });
    const symbol = symbolOf(ws);
    const orders: Order[] = [];
    for (let i = 0; i < 5; i++) orders.push(await order(ws, symbol, 'BUY', 10 + i));
    await server.kill();
    // Trading goes on with the database gone: the outbox holds what cannot be pushed.
    for (let i = 0; i < 5; i++) orders.push(await order(ws, symbol, 'BUY', 1 + i));
    await filled(ws, orders);
    await expect.poll(async () => (await status(ws)).state, { timeout: 10_000 }).toBe('error');
    const down = await status(ws);
    expect(down.pending).toBeGreaterThan(0);
    expect(down.lastError?.message).toBeTruthy();
    expect(down.lastError?.message).not.toContain('secret');
    await server.restart();
    await synced(ws);
    expect((await status(ws)).state).toBe('idle');
    const journalCount = ws.trading.journal.count();
    const seqs = await query<{ n: string; lo: string; hi: string }>(url, 'SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM order_events');
    expect(seqs[0]).toEqual({ n: String(journalCount), lo: '1', hi: String(journalCount) });
    expect(await count(url, 'orders')).toBe(10);
    expect(await count(url, 'fills')).toBe(ws.trading.fills.filter((f) => f.symbol === symbol).length);
    const shared = await query<{ quantity: number }>(url, `SELECT quantity::float8 AS quantity FROM firm_positions WHERE symbol = '${symbol}'`);
    expect(shared).toEqual([{ quantity: position(ws, symbol) }]);
    expect(position(ws, symbol)).toBe(10 + 11 + 12 + 13 + 14 + 1 + 2 + 3 + 4 + 5);
  }, 90_000);

  it('two workstations syncing at once see each other’s positions and apply one team limit change, with an audit entry', async () => {
    const url = await database();
    const [a, b] = await Promise.all([start('desk-a', url), start('desk-b', url)]);
    const symbol = symbolOf(a);
    const [oa, ob] = await Promise.all([order(a, symbol, 'BUY', 40), order(b, symbol, 'SELL', 25)]);
    await Promise.all([filled(a, [oa]), filled(b, [ob])]);
    await Promise.all([synced(a), synced(b)]);
    const firm = async (ws: Workstation) => {
      const r = (await ws.dispatch('sync.firmPositions', {})) as { ok: true; value: { ok: true; value: FirmPosition[] } };
      return r.value.value.filter((p) => p.symbol === symbol).map((p) => [p.workstation, p.self, p.quantity]);
    };
    expect(await firm(a)).toEqual([
      ['desk-a', true, 40],
      ['desk-b', false, -25],
    ]);
    expect(await firm(b)).toEqual([
      ['desk-a', false, 40],
      ['desk-b', true, -25],
    ]);

    const limits = [{ id: 'team-max-order', kind: 'MAX_ORDER_QUANTITY', max: 500 }];
    const published = await a.dispatch('sync.publishLimits', { limits } as never);
    expect(published).toMatchObject({ ok: true, value: { ok: true, value: { version: 1 } } });
    for (const ws of [a, b]) {
      await expect.poll(() => ws.trading.core.risk.limits.map((l) => l.id), { timeout: 10_000 }).toEqual(['team-max-order']);
      expect(ws.trading.limits.changes(1)[0]).toMatchObject({ source: 'team', teamVersion: 1, by: 'trader@desk-a' });
      expect((await status(ws)).teamLimitsVersion).toBe(1);
    }
    // The change is itself synced: the shared record shows both workstations applied version 1.
    await Promise.all([synced(a), synced(b)]);
    const applied = await query<{ workstation: string }>(url, "SELECT w.name AS workstation FROM limit_changes c JOIN workstations w ON w.id = c.workstation_id WHERE c.team_version = 1 ORDER BY w.name");
    expect(applied).toEqual([{ workstation: 'desk-a' }, { workstation: 'desk-b' }]);
  }, 90_000);

  it('pushes the model registry: each registered version, and a promotion with the model it retires, in their last state', async () => {
    const url = await database();
    const ws = await start('desk-ml', url);
    const registry = new MlModelRegistry(ws.sqlite, Date.now);
    const registration = (version: number) => ({ name: 'dax-vol', kind: 'garch', params: { distribution: 't', horizon: 5 }, features: ['ret'], trainFrom: Date.UTC(1991, 0, 1), trainTo: Date.UTC(1998, 0, 1), dataHash: `ab12cd34ef56ab1${version}`, metrics: { logLikelihood: -2594.8 + version, mse: 1.2 }, artifactPath: `models/dax-vol/${version}.json` });
    expect(registry.register(registration(1)).ok).toBe(true);
    expect(registry.promote('dax-vol', 1).ok).toBe(true);
    expect(registry.register(registration(2)).ok).toBe(true);
    expect(registry.setShadow('dax-vol', 2, true).ok).toBe(true);
    await synced(ws);
    const rows = () => query<{ version: number; status: string; shadow: boolean; data_hash: string }>(url, 'SELECT version, status, shadow, data_hash FROM ml_models ORDER BY version');
    expect(await rows()).toEqual([
      { version: 1, status: 'production', shadow: false, data_hash: 'ab12cd34ef56ab11' },
      { version: 2, status: 'candidate', shadow: true, data_hash: 'ab12cd34ef56ab12' },
    ]);
    // Promoting the shadow retires version 1 and ends the shadow; a rollback restores it: the shared copy follows each.
    expect(registry.promote('dax-vol', 2).ok).toBe(true);
    await synced(ws);
    expect((await rows()).map((r) => [r.version, r.status, r.shadow])).toEqual([
      [1, 'retired', false],
      [2, 'production', false],
    ]);
    expect(registry.rollback('dax-vol').ok).toBe(true);
    await synced(ws);
    expect((await rows()).map((r) => [r.version, r.status])).toEqual([
      [1, 'production'],
      [2, 'retired'],
    ]);
  }, 60_000);

  it('pushes each backtest run once it is stored: its summary under the run id', async () => {
    const url = await database();
    const ws = await start('desk-bt', url, {}, ['backtest']);
    await expect.poll(() => ws.supervisor.health().every((h) => h.state === 'up'), { timeout: 30_000 }).toBe(true);
    const symbols = ws.desk.equities.filter((i) => i.currency === 'USD' && i.assetClass === 'EQUITY').slice(0, 2).map((i) => i.symbol);
    const reply = (await ws.dispatch('backtest.run', { strategy: 'sma-cross', symbols, params: { fast: 5, slow: 20 } } as never)) as unknown as { ok: true; value: { ok: true; value: BacktestRunSummary } };
    expect(reply).toMatchObject({ ok: true, value: { ok: true } });
    const run = reply.value.value;
    await synced(ws);
    const rows = await query<{ run_id: string; strategy: string; final_equity: number; fills: number }>(url, "SELECT run_id, strategy, final_equity, (summary->>'fillCount')::int AS fills FROM backtest_runs");
    expect(rows).toEqual([{ run_id: run.runId, strategy: 'sma-cross', final_equity: run.finalEquity, fills: run.fillCount }]);
  }, 90_000);

  it('pushes each written risk report: its tables under the file name, whatever the format', async () => {
    const url = await database();
    const ws = await start('desk-report', url);
    const reply = (await ws.dispatch('report.risk', { format: 'json' })) as unknown as { ok: true; value: { ok: true; value: RiskReportFile } };
    expect(reply).toMatchObject({ ok: true, value: { ok: true } });
    const file = reply.value.value;
    const written = JSON.parse(readFileSync(file.path, 'utf8')) as RiskReport;
    await synced(ws);
    const rows = await query<{ file_name: string; format: string; report: RiskReport }>(url, 'SELECT file_name, format, report FROM risk_reports');
    expect(rows.map((r) => [r.file_name, r.format])).toEqual([[file.fileName, 'json']]);
    expect(rows[0]!.report).toEqual(written);
  }, 60_000);

  it('installs a strategy version the team published on another workstation, with an audit entry, and refuses an altered one', async () => {
    const url = await database();
    const a = await start('desk-pub', url);
    const b = await start('desk-sub', url);
    const userDir = join(a.info().dataDir, 'strategies');
    mkdirSync(userDir, { recursive: true });
    const source = readFileSync(join(ROOT, 'resources/strategies/sma-cross.ts'), 'utf8').replace("name: 'sma-cross'", "name: 'desk-cross'");
    writeFileSync(join(userDir, 'desk-cross.ts'), source);
    const published = (await a.dispatch('sync.publishStrategy', { name: 'desk-cross' })) as { ok: true; value: { ok: true; value: { version: number; contentHash: string } } };
    expect(published).toMatchObject({ ok: true, value: { ok: true } });
    const strategies = async (ws: Workstation) => ((await ws.dispatch('backtest.strategies', {})) as { ok: true; value: StrategyInfo[] }).value;
    await expect.poll(async () => (await strategies(b)).find((s) => s.name === 'desk-cross')?.origin, { timeout: 20_000 }).toBe('team');
    expect(readFileSync(join(b.info().dataDir, TEAM_STRATEGIES_FOLDER, 'desk-cross.ts'), 'utf8')).toBe(source);
    const audit = () => b.sqlite.prepare('SELECT team_version, name, content_hash, by_whom, outcome, reason FROM team_strategy_changes ORDER BY id').all();
    expect(audit()).toEqual([{ team_version: published.value.value.version, name: 'desk-cross', content_hash: published.value.value.contentHash, by_whom: 'trader@desk-pub', outcome: 'applied', reason: null }]);

    // A row altered in the shared record (its source no longer hashes to its sha256) is refused: audited, not installed.
    await query(url, `INSERT INTO shared_strategies (name, source, content_hash, published_by) VALUES ('evil-cross', 'export default 1;', '${published.value.value.contentHash}', 'mallory')`);
    await expect.poll(() => audit().length, { timeout: 20_000 }).toBe(2);
    expect(audit()[1]).toMatchObject({ name: 'evil-cross', outcome: 'refused', by_whom: 'mallory' });
    expect(String((audit()[1] as { reason: string }).reason)).toMatch(/does not hash to the published sha256/);
    expect(existsSync(join(b.info().dataDir, TEAM_STRATEGIES_FOLDER, 'evil-cross.ts'))).toBe(false);
    // The publisher's own strategy stays its own (the trader's file shadows the team's copy).
    expect((await strategies(a)).find((s) => s.name === 'desk-cross')?.origin).toBe('user');
    // Publishing needs a strategy that loads.
    const unknown = (await a.dispatch('sync.publishStrategy', { name: 'no-such' })) as { ok: true; value: { ok: false; error: { code: string } } };
    expect(unknown.value).toMatchObject({ ok: false, error: { code: 'UNKNOWN_STRATEGY' } });
  }, 60_000);
});
