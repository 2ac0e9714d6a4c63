// The execution parents' table in a real SQLite record: a saved record comes back as saved (NaN mids included), done
// parents are not offered for restore, and a corrupt row refuses the load naming the parent and the field.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type SqliteDatabase } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import { ParentStore } from '../../../src/main/trading/parentStore';
import type { ParentRecord } from '../../../src/core/execution/parentRecord';

const record = (id: string, status: ParentRecord['parent']['status']): ParentRecord => ({
  parent: { id, symbol: 'NVTX', side: 'SELL', algo: 'TWAP', owner: { strategy: { strategyId: 'sma-cross', version: 'a1b2c3' }, venue: 'SIM' }, createdAt: 1_000, arrivalMid: Number.NaN, status, quantity: 40, limitPrice: null, released: 10, pricing: { style: 'CROSS', cap: null, throughTicks: 5 }, filled: 10, filledNotional: 1_000, fees: 0.05, children: ['C2'], updatedAt: 2_000 },
  children: [{ clientOrderId: 'C2', venue: 'SIM', quantity: 10, limitPrice: 99.5, liquidity: 'TAKE', sentAt: 1_001, releaseMid: 100 }],
  fills: [{ parentId: id, clientOrderId: 'C2', venue: 'SIM', time: 1_002, quantity: 10, price: 100, fee: 0.05, liquidity: 'TAKER', releaseMid: 100, fillMid: 100.01 }],
  algo: { request: { symbol: 'NVTX', side: 'SELL', quantity: 40, limitPrice: null, urgency: 'HIGH', spec: { kind: 'TWAP', startTime: 1_000, endTime: 9_000, intervalMs: 2_000 } }, quantity: 40, limitPrice: null, volumeSeen: 500 },
});

describe('ParentStore', () => {
  let dir: string;
  let db: SqliteDatabase;
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-parents-'));
    db = openSqlite(join(dir, 'workstation.sqlite'), RECORD_MIGRATIONS);
    return new ParentStore(db);
  };
  afterEach(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns unfinished parents as saved, the last save of each winning, and leaves done ones out', () => {
    const store = open();
    store.save([record('C1', 'WORKING'), record('C3', 'WORKING')], 5_000);
    store.save([record('C3', 'FILLED'), { ...record('C1', 'PAUSED') }], 6_000);
    const back = store.unfinished();
    expect(back).toHaveLength(1);
    expect(back[0]).toEqual(record('C1', 'PAUSED'));
    expect(store.status('C3')).toBe('FILLED');
  });

  it('refuses a corrupt row naming the parent and the field', () => {
    const store = open();
    const bad = record('C9', 'WORKING');
    db.prepare('INSERT INTO execution_parents (id, status, record, updated_at) VALUES (?, ?, ?, ?)').run('C9', 'WORKING', JSON.stringify({ ...bad, parent: { ...bad.parent, quantity: -5 } }), 1);
    expect(() => store.unfinished()).toThrow(/C9 is invalid at parent\.quantity/);
  });
});
