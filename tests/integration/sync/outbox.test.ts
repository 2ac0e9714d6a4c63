import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_MIGRATIONS, SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { Outbox } from '../../../src/main/storage/outbox/outbox';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import { LimitStore } from '../../../src/main/trading/limitStore';
import { BreachStore } from '../../../src/main/trading/breachStore';
import { DEFAULT_LIMITS } from '../../../src/main/trading/defaultLimits';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  return join(dir, 'workstation.sqlite');
};
const cancel = (i: number) => ({ kind: 'ORDER_CANCEL_REQUESTED' as const, time: i, clientOrderId: `C${i}` });

describe('SQLite outbox', () => {
  it('gets one entry per journal group commit, naming the group and its first record sequence', () => {
    const journal = SqliteJournal.open(tempFile());
    for (let i = 1; i <= 3; i++) journal.append(cancel(i));
    journal.commit();
    for (let i = 4; i <= 5; i++) journal.append(cancel(i));
    journal.commit();
    const rows = new Outbox(journal.db).next(10);
    expect(rows.map((r) => r.entry)).toEqual([
      { topic: 'journal', group: 1, firstSeq: 1, records: 3 },
      { topic: 'journal', group: 2, firstSeq: 4, records: 2 },
    ]);
    journal.close();
  });

  it('writes the group row and its outbox entry in one transaction: when the outbox refuses, the group is not durable either', () => {
    const journal = SqliteJournal.open(tempFile());
    journal.append(cancel(1));
    journal.commit();
    journal.db.exec("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    journal.append(cancel(2));
    expect(() => journal.commit()).toThrow(/disk full/);
    expect(journal.count()).toBe(1);
    journal.db.exec('DROP TRIGGER outbox_full');
    journal.append(cancel(3));
    journal.commit();
    // The next group continues the sequence from what is durable, not from what was attempted.
    expect(new Outbox(journal.db).next(10).map((r) => r.entry)).toEqual([
      { topic: 'journal', group: 1, firstSeq: 1, records: 1 },
      { topic: 'journal', group: 2, firstSeq: 2, records: 1 },
    ]);
    journal.close();
  });

  it('is seeded with the journal written before it existed, format-0 rows included', () => {
    const file = tempFile();
    // Written as an older build did: format-0 rows, then group rows, and no outbox.
    const old = openSqlite(file, JOURNAL_MIGRATIONS);
    old.prepare("INSERT INTO journal (time, kind, client_order_id, body) VALUES (1, 'ORDER_CANCEL_REQUESTED', 'C1', ?)").run(JSON.stringify(cancel(1)));
    old.exec(`INSERT INTO journal_group (format, records, highest_order_seq, body) VALUES (1, 2, 0, '[]'), (1, 3, 0, '[]')`);
    old.close();
    const db = openSqlite(file, RECORD_MIGRATIONS);
    expect(new Outbox(db).next(10).map((r) => r.entry)).toEqual([
      { topic: 'journal', legacy: true, firstSeq: 1, records: 1 },
      { topic: 'journal', group: 1, firstSeq: 2, records: 2 },
      { topic: 'journal', group: 2, firstSeq: 4, records: 3 },
    ]);
    db.close();
  });

  it('records a limit change with its audit entry and outbox entry together', () => {
    const db = openSqlite(tempFile(), RECORD_MIGRATIONS);
    const store = new LimitStore(db, () => 42);
    const change = store.save(DEFAULT_LIMITS, { source: 'team', by: 'risk-desk', teamVersion: 3 });
    expect(change).toMatchObject({ id: 1, time: 42, source: 'team', by: 'risk-desk', teamVersion: 3 });
    expect(store.changes()).toEqual([change]);
    expect(store.appliedTeamVersion()).toBe(3);
    expect(new Outbox(db).next(10).map((r) => r.entry)).toEqual([{ topic: 'limits', change: JSON.parse(JSON.stringify(change)) }]);
    // A refused audit row leaves the limits as they were.
    db.exec("CREATE TRIGGER no_audit BEFORE INSERT ON limit_changes BEGIN SELECT RAISE(ABORT, 'refused'); END;");
    expect(() => store.save([])).toThrow(/refused/);
    expect(store.load([])).toEqual(DEFAULT_LIMITS);
    db.close();
  });

  it('puts each breach change in the outbox: opened, then cleared', () => {
    const db = openSqlite(tempFile(), RECORD_MIGRATIONS);
    const store = new BreachStore(db);
    const breach = { time: 10, limitId: 'L1', kind: 'MAX_ORDER_NOTIONAL' as never, value: 2, threshold: 1, scope: 'account', action: 'ALERT' as never, clearedAt: null };
    store.opened(breach);
    store.cleared({ ...breach, clearedAt: 20 });
    const entries = new Outbox(db).next(10).map((r) => r.entry);
    expect(entries.map((e) => e.topic === 'breach' && [e.breach.id, e.breach.clearedAt])).toEqual([
      [1, null],
      [1, 20],
    ]);
    db.close();
  });
});
