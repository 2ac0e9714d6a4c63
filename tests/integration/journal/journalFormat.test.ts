// The journal's encoding: every record kind survives format 1 exactly, and a journal written in format 0 (one JSON
// object per row, before migration 1002) still replays, first, with ids continuing after its highest.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalRecord } from '../../../src/core/trading/journal';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { decodeGroup, encodeGroup, JOURNAL_FORMAT } from '../../../src/main/storage/journal/journalCodec';
import { JOURNAL_MIGRATIONS, SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-format-'));
  dirs.push(dir);
  return join(dir, 'journal.sqlite');
};

const order = (id: string, extra: Partial<Extract<JournalRecord, { kind: 'ORDER_SUBMITTED' }>['order']> = {}) => ({
  clientOrderId: id,
  account: 'U1',
  symbol: 'AAPL',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  timeInForce: 'GTC' as const,
  quantity: 100,
  limitPrice: 99.99,
  stopPrice: null,
  reduceOnly: false,
  tag: null,
  createdAt: 1_700_000_000_123,
  parentId: null,
  bracketRole: null,
  bracket: null,
  strategy: null,
  ...extra,
});

/** One of every record kind and venue event kind, with nulls, non-integers and non-ASCII text. */
const EVERY_KIND: JournalRecord[] = [
  { kind: 'ORDER_SUBMITTED', time: 1, venue: 'SIM', order: order('C000000000001') },
  {
    kind: 'ORDER_SUBMITTED',
    time: 2,
    venue: 'IB',
    order: order('C000000000002', { type: 'STOP_LIMIT', stopPrice: 101.5, limitPrice: 101.75, reduceOnly: true, tag: 'größe «x»', parentId: 'C000000000001', bracketRole: 'STOP_LOSS', timeInForce: 'DAY', side: 'SELL', quantity: 0.1 + 0.2 }),
  },
  { kind: 'ORDER_SUBMITTED', time: 3, venue: 'SIM', order: order('C000000000003', { bracketRole: 'ENTRY', bracket: { takeProfitPrice: 110, stopLossPrice: 90, stopLossLimitPrice: null } }) },
  { kind: 'ORDER_SUBMITTED', time: 4, venue: 'SIM', order: order('C000000000004', { bracketRole: 'ENTRY', bracket: { takeProfitPrice: 110, stopLossPrice: 90, stopLossLimitPrice: 89.5 } }) },
  { kind: 'ORDER_MODIFY_REQUESTED', time: 5, clientOrderId: 'C000000000001', quantity: 200, limitPrice: 99.5, stopPrice: null },
  { kind: 'ORDER_CANCEL_REQUESTED', time: 6, clientOrderId: 'C000000000001' },
  { kind: 'ORDER_TIMED_OUT', time: 7, clientOrderId: 'C000000000002' },
  { kind: 'ORDER_NOT_FOUND_AT_VENUE', time: 8, clientOrderId: 'C000000000002' },
  { kind: 'VENUE_EVENT', time: 9, event: { kind: 'ACCEPTED', clientOrderId: 'C000000000001', venueOrderId: 'SIM-C000000000001', time: 9 } },
  { kind: 'VENUE_EVENT', time: 10, event: { kind: 'REJECTED', clientOrderId: 'C000000000002', reason: 'PRICE_NOT_ON_TICK', time: 10 } },
  {
    kind: 'VENUE_EVENT',
    time: 11,
    event: { kind: 'FILL', clientOrderId: 'C000000000001', venueOrderId: 'V1', executionId: '0000e0d5.6564b3a2.01.01', quantity: 37, price: 99.98, commission: 1.0000001, commissionCurrency: 'USD', liquidity: 'MAKER', time: 11 },
  },
  { kind: 'VENUE_EVENT', time: 12, event: { kind: 'CANCELED', clientOrderId: 'C000000000001', reason: null, time: 12 } },
  { kind: 'VENUE_EVENT', time: 13, event: { kind: 'CANCELED', clientOrderId: 'C000000000003', reason: 'IOC_REMAINDER', time: 13 } },
  { kind: 'VENUE_EVENT', time: 14, event: { kind: 'CANCEL_REJECTED', clientOrderId: 'C000000000001', reason: 'ORDER_NOT_WORKING', time: 14 } },
  { kind: 'VENUE_EVENT', time: 15, event: { kind: 'REPLACED', clientOrderId: 'C000000000001', quantity: 200, limitPrice: null, stopPrice: 98.25, time: 15 } },
  { kind: 'VENUE_EVENT', time: 16, event: { kind: 'REPLACE_REJECTED', clientOrderId: 'C000000000001', reason: 'UNKNOWN_ORDER', time: 16 } },
  { kind: 'VENUE_EVENT', time: 17, event: { kind: 'EXPIRED', clientOrderId: 'C000000000004', time: 17 } },
  { kind: 'KILL_SWITCH', time: 18, engaged: true, by: 'risk-monitor', reason: 'runaway "strategy"\n' },
  { kind: 'KILL_SWITCH', time: 19, engaged: false, by: 'jane', reason: 'released' },
  { kind: 'REDUCE_ONLY', time: 20, enabled: true, by: 'jane' },
  { kind: 'ORDER_SUBMITTED', time: 21, venue: 'SIM', order: order('C000000000005', { bracketRole: 'ENTRY', bracket: { takeProfitPrice: 110, stopLossPrice: 90, stopLossLimitPrice: null, exitTimeInForce: 'DAY' } }) },
  { kind: 'ORDER_CANCEL_REQUESTED', time: 22, clientOrderId: 'C000000000005', reason: 'POSITION_FLAT' },
  { kind: 'VENUE_EVENT', time: 23, event: { kind: 'COMMISSION_REPORT', clientOrderId: 'C000000000001', executionId: '0000e0d5.6564b3a2.01.01', commission: 1.02, commissionCurrency: 'USD', time: 23 } },
  // Sent by a strategy version: the version travels with the order.
  { kind: 'ORDER_SUBMITTED', time: 24, venue: 'IB', order: order('C000000000006', { strategy: { strategyId: 'sma-cross', version: 'ab'.repeat(32) } }) },
];

describe('journal record encoding', () => {
  it('format 1 decodes every record kind to exactly what was encoded', () => {
    const body = encodeGroup(EVERY_KIND);
    expect(decodeGroup(JOURNAL_FORMAT.JSON_TUPLES, body)).toStrictEqual(EVERY_KIND);
    // Keys are not repeated per record.
    expect(body.length).toBeLessThan(JSON.stringify(EVERY_KIND).length / 2);
  });

  it('refuses a format or a record tag it does not know instead of guessing', () => {
    expect(() => decodeGroup(9, '[]')).toThrow(/format 9 is not known/);
    expect(() => decodeGroup(JOURNAL_FORMAT.JSON_TUPLES, '[[99,1,"C1"]]')).toThrow(/tag 99 is not known/);
  });

  it('a journal written before migration 1002 (one JSON object per row) replays first, then the groups written after it', () => {
    const file = tempFile();
    const old = openSqlite(file, JOURNAL_MIGRATIONS.filter((m) => m.version === 1001));
    const insert = old.prepare('INSERT INTO journal (time, kind, client_order_id, body) VALUES (?, ?, ?, ?)');
    const legacy = EVERY_KIND.slice(0, 10);
    for (const r of legacy) insert.run(r.time, r.kind, 'clientOrderId' in r ? r.clientOrderId : r.kind === 'ORDER_SUBMITTED' ? r.order.clientOrderId : r.kind === 'VENUE_EVENT' ? r.event.clientOrderId : null, JSON.stringify(r));
    old.close();

    const journal = SqliteJournal.open(file);
    expect(journal.highestOrderSequence()).toBe(4);
    for (const r of EVERY_KIND.slice(10)) journal.append(r);
    journal.append({ kind: 'ORDER_SUBMITTED', time: 21, venue: 'SIM', order: order('C000000000007') });
    journal.commit();
    expect(journal.count()).toBe(EVERY_KIND.length + 1);
    expect(journal.highestOrderSequence()).toBe(7);
    expect([...journal.records()]).toStrictEqual([...EVERY_KIND, { kind: 'ORDER_SUBMITTED', time: 21, venue: 'SIM', order: order('C000000000007') }]);
    journal.close();
  });
});
