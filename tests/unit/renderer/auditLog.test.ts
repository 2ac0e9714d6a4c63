// The log's order events (journal entries in the log's kinds), filters, CSV, and cancel-all's confirmed tally.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/core/model/order';
import { AUDIT_KINDS, type AuditEntry } from '../../../src/core/trading/auditTrail';
import { auditEventOf, LOG_KIND } from '../../../src/renderer/panels/log/auditSource';
import { auditRow, filterRows, mergeRows, NO_FILTER, rowsToCsv, systemRow } from '../../../src/renderer/panels/log/logRows';
import { describeCancels, tallyCancels } from '../../../src/renderer/state/cancelReport';

const T0 = Date.UTC(2026, 11, 1, 14, 30);
function order(id: string, status: Order['status'], extra: Partial<Order> = {}): Order {
  return {
    clientOrderId: id, account: 'SIM', symbol: 'NVTX', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 100, limitPrice: 182.4, stopPrice: null,
    reduceOnly: false, tag: null, createdAt: T0, parentId: null, bracketRole: null, bracket: null, status, venueOrderId: null, filledQuantity: 0,
    averageFillPrice: 0, commission: 0, updatedAt: T0 + 5, rejectReason: null, pendingModification: null, ...extra,
  } as Order;
}
const entry = (seq: number, kind: AuditEntry['kind'], id: string | null, extra: Partial<AuditEntry> = {}): AuditEntry => ({ seq, time: T0 + seq, kind, clientOrderId: id, symbol: 'NVTX', side: 'BUY', ...extra }) as AuditEntry;

describe('order events for the log', () => {
  it('names every journal kind in the log’s words, keeping seq, ids and original times', () => {
    expect(Object.keys(LOG_KIND).sort()).toEqual([...AUDIT_KINDS].sort());
    expect(new Set(Object.values(LOG_KIND)).size).toBe(AUDIT_KINDS.length);
    const row = auditRow(auditEventOf(entry(3, 'REJECTED', 'B', { status: 'Rejected', reason: 'price collar' })));
    expect(row).toMatchObject({ time: T0 + 3, seq: 3, kind: 'reject', level: 'error', message: 'reject BUY NVTX → Rejected: price collar', clientOrderId: 'B' });
    expect(auditRow(auditEventOf(entry(4, 'KILL_SWITCH', null, { symbol: undefined, side: undefined, reason: 'engaged by trader: test' }))).clientOrderId).toBeNull();
  });
  it('filters by level, kind, symbol and text, and keeps each row once', () => {
    const rows = mergeRows(
      [systemRow({ time: T0, level: 'info', source: 'store', message: 'seeded' }), systemRow({ time: T0, level: 'info', source: 'store', message: 'seeded' })],
      [entry(1, 'NEW', 'A', { status: 'Submitted' }), entry(2, 'CANCELED', 'A', { status: 'Canceled' }), entry(3, 'NEW', 'B', { symbol: 'QBIT' }), entry(4, 'REJECTED', 'B', { symbol: 'QBIT', status: 'Rejected', reason: 'halted' })]
        .map(auditEventOf)
        .map(auditRow),
    );
    expect(rows.filter((r) => r.kind === 'system')).toHaveLength(1);
    expect(filterRows(rows, { ...NO_FILTER, kind: 'orders' }).every((r) => r.kind !== 'system')).toBe(true);
    expect(filterRows(rows, { ...NO_FILTER, level: 'error' }).map((r) => r.clientOrderId)).toEqual(['B']);
    expect(filterRows(rows, { ...NO_FILTER, symbol: 'nvtx' }).map((r) => r.kind)).toEqual(['new', 'cancel']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'HALTED' }).map((r) => r.kind)).toEqual(['reject']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'nvtx  CANCEL' }).map((r) => r.kind)).toEqual(['cancel']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'cancel qbit' })).toEqual([]);
    expect(filterRows(rows, { ...NO_FILTER, kind: 'cancel' }).map((r) => r.clientOrderId)).toEqual(['A']);
  });
  it('exports CSV with original times, quoting and formula-safe fields', () => {
    const csv = rowsToCsv([systemRow({ time: T0, level: 'warn', source: 'ib', message: 'said "no", twice' }), systemRow({ time: T0 + 1, level: 'info', source: 'x', message: '=HYPERLINK()' })]);
    expect(csv.split('\r\n')).toEqual([
      'time_utc,time_ms,level,kind,source,symbol,client_order_id,seq,message',
      `2026-12-01T14:30:00.000Z,${T0},warn,system,ib,,,,"said ""no"", twice"`,
      `2026-12-01T14:30:00.001Z,${T0 + 1},info,system,x,,,,'=HYPERLINK()`,
      '',
    ]);
  });
});

describe('cancel-all reports what the venue confirmed', () => {
  it('counts Canceled as confirmed, fills before the cancel apart, the rest pending', () => {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
    const working = Object.fromEntries(ids.map((id) => [id, order(id, 'PendingCancel')]));
    expect(describeCancels(tallyCancels(ids, working))).toBe('6 cancels sent, 0 confirmed');
    const later = { ...working, A: order('A', 'Canceled'), B: order('B', 'Canceled'), C: order('C', 'Filled') };
    expect(tallyCancels(ids, later)).toEqual({ sent: 6, confirmed: 2, otherwiseDone: 1, pending: 3 });
    expect(describeCancels(tallyCancels(ids, later))).toBe('6 cancels sent, 2 confirmed, 1 filled or closed first');
    expect(describeCancels(tallyCancels(['A'], later))).toBe('1 cancel sent, 1 confirmed');
  });
});
