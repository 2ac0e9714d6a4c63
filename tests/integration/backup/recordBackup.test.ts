// Backups of the record: an online copy taken while orders are being journaled restores to a record whose journal
// replays cleanly; `nautilus restore` refuses a newer record without --force and never deletes the one it replaces.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, SeededRandom } from '../../../src/core/model';
import { createTradingCore, SimulatedVenue } from '../../../src/core/trading';
import type { JournalRecord } from '../../../src/core/trading/journal';
import { listBackups, takeBackup, verifyRecordFile } from '../../../src/main/backup/recordBackup';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { restoreTradingCore } from '../../../src/main/storage/journal/restoreTradingCore';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import { SQLITE_FILE } from '../../../src/main/workstation';
import { backupCommand, restoreCommand } from '../../../src/cli/commands/backup';
import { INSTRUMENTS, quote, must } from '../../unit/core/trading/fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `backup-${name}-`));
  dirs.push(dir);
  return dir;
};
const base = (clock: ManualClock, venue: SimulatedVenue) => ({ account: 'U1', baseCurrency: 'USD', clock, instruments: INSTRUMENTS, venues: [venue], capital: 1e9 });
const world = () => {
  const clock = new ManualClock(1_000);
  return { clock, venue: new SimulatedVenue({ instruments: INSTRUMENTS, clock, random: new SeededRandom(3) }) };
};

/** A trading session on a data directory's record: `orders` market buys of 1..n shares, each group-committed. */
function tradingSession(dataDir: string) {
  const db = openSqlite(join(dataDir, SQLITE_FILE), RECORD_MIGRATIONS);
  const journal = new SqliteJournal(db);
  const w = world();
  const core = createTradingCore({ ...base(w.clock, w.venue), journal });
  const q = quote('AAPL', 100, 100.01, 1_000);
  core.oms.onQuote(q);
  w.venue.onQuote(q);
  let n = 0;
  const buy = () => {
    n += 1;
    must(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: n, timeInForce: 'DAY' }));
    core.oms.flush();
  };
  return { db, journal, core, buy };
}
const capture = () => {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
};
const filledQuantity = (records: Iterable<JournalRecord>) => {
  let total = 0;
  for (const r of records) if (r.kind === 'VENUE_EVENT' && r.event.kind === 'FILL') total += r.event.quantity;
  return total;
};

describe('record backups', () => {
  it('a backup taken mid-burst restores to a record whose journal replays cleanly', async () => {
    const dataDir = tempDir('live');
    const session = tradingSession(dataDir);
    // Enough record that the online copy takes many steps, with the burst going on between them.
    for (let i = 0; i < 2_000; i++) session.buy();
    const atStart = session.journal.count();
    let bursting = true;
    const burst = (async () => {
      while (bursting) {
        session.buy();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const backupDir = join(dataDir, 'backups');
    const info = await takeBackup(session.db, backupDir);
    bursting = false;
    await burst;
    const atEnd = session.journal.count();
    expect(info.journalRecords).toBeGreaterThanOrEqual(atStart);
    expect(atEnd).toBeGreaterThan(atStart);
    expect(listBackups(backupDir)).toEqual([info]);
    expect(verifyRecordFile(info.file).journalRecords).toBe(info.journalRecords);

    const restoredDir = tempDir('restored');
    const io = capture();
    expect(await restoreCommand.run([info.file, '--data-dir', restoredDir], io)).toBe(0);
    const w = world();
    const restored = restoreTradingCore(join(restoredDir, SQLITE_FILE), base(w.clock, w.venue));
    const records = [...restored.journal.records()];
    expect(records).toHaveLength(info.journalRecords);
    expect(restored.restore).toMatchObject({ records: info.journalRecords, unknown: [] });
    expect(restored.restore.orders).toBe(records.filter((r) => r.kind === 'ORDER_SUBMITTED').length);
    expect(restored.positions.quantity('U1', 'AAPL')).toBe(filledQuantity(records));
    restored.journal.close();
    session.journal.close();
  }, 60_000);

  it('nautilus restore refuses to overwrite a newer record without --force, and keeps the record it replaces', async () => {
    const dataDir = tempDir('live');
    const session = tradingSession(dataDir);
    for (let i = 0; i < 5; i++) session.buy();
    session.journal.close();
    const backupIo = capture();
    expect(await backupCommand.run(['--data-dir', dataDir, '--to', join(dataDir, 'b'), '--json'], backupIo)).toBe(0);
    const backup = JSON.parse(backupIo.stdout) as { file: string; journalRecords: number };

    const later = tradingSession(dataDir);
    later.buy();
    const newer = later.journal.count();
    later.journal.close();
    expect(newer).toBeGreaterThan(backup.journalRecords);

    const refused = capture();
    expect(await restoreCommand.run([backup.file, '--data-dir', dataDir], refused)).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`holds ${newer} journal records, the backup ${backup.journalRecords}`));
    expect(verifyRecordFile(join(dataDir, SQLITE_FILE)).journalRecords).toBe(newer);

    const forced = capture();
    expect(await restoreCommand.run([backup.file, '--data-dir', dataDir, '--force'], forced)).toBe(0);
    expect(verifyRecordFile(join(dataDir, SQLITE_FILE)).journalRecords).toBe(backup.journalRecords);
    const kept = readdirSync(dataDir).find((f) => f.startsWith(`${SQLITE_FILE}.replaced-`) && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(kept).toBeDefined();
    expect(verifyRecordFile(join(dataDir, kept!)).journalRecords).toBe(newer);
  }, 60_000);

  it('refuses a file that is not a whole record', async () => {
    const dir = tempDir('bad');
    const bad = join(dir, 'not-a-backup.sqlite');
    writeFileSync(bad, 'SQLite format 3\0garbage'.padEnd(8192, 'x'));
    const io = capture();
    expect(await restoreCommand.run([bad, '--data-dir', join(dir, 'data')], io)).toBe(1);
    expect(io.stderr).toMatch(/is not a usable backup/);
    expect(existsSync(join(dir, 'data', SQLITE_FILE))).toBe(false);
  });
});
