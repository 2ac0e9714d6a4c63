// Checks of a data directory after a crash: the journal against what the venue saw, positions against fills, and
// what the restarted backend shows a client against what the client was shown before the kill.
import { readFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { JournalRecord } from '../../../src/core/trading/journal';
import type { Fill } from '../../../src/core/model/fill';
import type { Order, OrderStatus } from '../../../src/core/model/order';
import { ORDER_STATE_TABLE } from '../../../src/core/trading/orderStateTable';
import { readJournal } from '../../../src/main/storage/journal/sqliteJournal';
import type { Dispatch } from '../../../src/main/api/dispatcher';

export interface AuditFindings {
  venueSaw: number;
  journaled: number;
  missingFromJournal: string[];
  sentTwice: string[];
  /** Signed filled quantity per symbol, from the journal's fills. */
  fillsBySymbol: Map<string, number>;
  overfilled: string[];
}

/** One thing the client was shown, as its notebook line. */
export type ClientSaw =
  | { t: 'ack'; id: string; symbol: string; side: string; qty: number; status: OrderStatus }
  | { t: 'order'; id: string; status: OrderStatus; filled: number }
  | { t: 'fill'; id: string; exec: string; qty: number; price: number };

/** What a client reconnecting after a restart is shown through the API. */
export interface RestoredView {
  orders: { id: string; symbol: string; side: string; qty: number; status: OrderStatus; filled: number }[];
  fills: Extract<ClientSaw, { t: 'fill' }>[];
}

export async function restoredView(dispatch: Dispatch): Promise<RestoredView> {
  const orders = await dispatch('orders.list', { scope: 'all' });
  const fills = await dispatch('fills.list', { limit: 100_000 });
  if (!orders.ok || !fills.ok) throw new Error('orders.list or fills.list failed after the restart');
  return {
    orders: (orders.value as Order[]).map((o) => ({ id: o.clientOrderId, symbol: o.symbol, side: o.side, qty: o.quantity, status: o.status, filled: o.filledQuantity })),
    fills: (fills.value as Fill[]).map((f) => ({ t: 'fill', id: f.clientOrderId, exec: f.executionId, qty: f.quantity, price: f.price })),
  };
}

const readLines = <T>(file: string): T[] =>
  (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []).flatMap((line) => {
    try {
      return [JSON.parse(line) as T];
    } catch {
      return []; // a line cut short by the kill was never fully shown
    }
  });

/** Statuses an order can reach from `from` through the state table (itself included). */
function reachable(from: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([from]);
  const queue = [from];
  for (let s = queue.pop(); s; s = queue.pop()) {
    for (const to of Object.values(ORDER_STATE_TABLE[s]) as OrderStatus[]) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

export interface ClientFindings {
  acknowledged: number;
  fillsShown: number;
  /** Acknowledged orders the restarted backend does not show. */
  lostAcks: string[];
  /** Ids acknowledged for one order and later shown for a different one. */
  reusedIds: string[];
  /** Orders whose restored status cannot follow the last status shown, or whose filled quantity shrank. */
  wentBack: string[];
  /** Fills shown that the restarted backend does not have, or has with other facts. */
  lostFills: string[];
}

/**
 * Holds the restarted backend to what the client was shown before the kill. `specs` carries every acknowledged
 * id's order across rounds, so an id handed to a different order in any later round is caught.
 */
export function auditClient(clientFile: string, restored: RestoredView, specs: Map<string, string>): ClientFindings {
  const shown = readLines<ClientSaw>(clientFile);
  const orders = new Map(restored.orders.map((o) => [o.id, o]));
  const fills = new Map(restored.fills.map((f) => [f.exec, f]));
  const last = new Map<string, { status: OrderStatus; filled: number }>();
  const findings: ClientFindings = { acknowledged: 0, fillsShown: 0, lostAcks: [], reusedIds: [], wentBack: [], lostFills: [] };
  for (const line of shown) {
    if (line.t === 'ack') {
      findings.acknowledged += 1;
      const spec = `${line.symbol} ${line.side} ${line.qty}`;
      const before = specs.get(line.id);
      if (before !== undefined && before !== spec) findings.reusedIds.push(`${line.id}: ${before} then ${spec}`);
      specs.set(line.id, spec);
      const prior = last.get(line.id);
      last.set(line.id, { status: prior?.status ?? line.status, filled: prior?.filled ?? 0 });
    } else if (line.t === 'order') {
      last.set(line.id, { status: line.status, filled: Math.max(line.filled, last.get(line.id)?.filled ?? 0) });
    } else {
      findings.fillsShown += 1;
      const kept = fills.get(line.exec);
      if (!kept || kept.id !== line.id || kept.qty !== line.qty || kept.price !== line.price) findings.lostFills.push(`${line.exec} (${line.id} ${line.qty} @ ${line.price})`);
    }
  }
  for (const [id, spec] of specs) {
    const order = orders.get(id);
    if (order && `${order.symbol} ${order.side} ${order.qty}` !== spec) findings.reusedIds.push(`${id}: acknowledged as ${spec}, restored as ${order.symbol} ${order.side} ${order.qty}`);
  }
  for (const [id, seen] of last) {
    const order = orders.get(id);
    if (!order) {
      findings.lostAcks.push(`${id} (shown ${seen.status})`);
      continue;
    }
    if (!reachable(seen.status).has(order.status) || order.filled + 1e-9 < seen.filled) {
      findings.wentBack.push(`${id}: shown ${seen.status} filled ${seen.filled}, restored ${order.status} filled ${order.filled}`);
    }
  }
  return findings;
}

export function auditDataDir(sqliteFile: string, auditFile: string): AuditFindings {
  const db = new Database(sqliteFile, { readonly: true });
  const records: JournalRecord[] = [...readJournal(db)];
  db.close();
  const submitted = new Map<string, { symbol: string; side: string; quantity: number }>();
  const filled = new Map<string, number>();
  const seenExecutions = new Set<string>();
  const fillsBySymbol = new Map<string, number>();
  for (const r of records) {
    if (r.kind === 'ORDER_SUBMITTED') submitted.set(r.order.clientOrderId, { symbol: r.order.symbol, side: r.order.side, quantity: r.order.quantity });
    if (r.kind === 'VENUE_EVENT' && r.event.kind === 'FILL') {
      if (seenExecutions.has(r.event.executionId)) continue;
      seenExecutions.add(r.event.executionId);
      const order = submitted.get(r.event.clientOrderId);
      if (!order) continue;
      filled.set(r.event.clientOrderId, (filled.get(r.event.clientOrderId) ?? 0) + r.event.quantity);
      const signed = order.side === 'BUY' ? r.event.quantity : -r.event.quantity;
      fillsBySymbol.set(order.symbol, (fillsBySymbol.get(order.symbol) ?? 0) + signed);
    }
  }
  // A line cut short by the kill is not an order the venue received.
  const sent = readLines<{ clientOrderId: string }>(auditFile);
  const counts = new Map<string, number>();
  for (const s of sent) counts.set(s.clientOrderId, (counts.get(s.clientOrderId) ?? 0) + 1);
  return {
    venueSaw: counts.size,
    journaled: submitted.size,
    missingFromJournal: [...counts.keys()].filter((id) => !submitted.has(id)),
    sentTwice: [...counts].filter(([, c]) => c > 1).map(([id]) => id),
    fillsBySymbol,
    overfilled: [...filled].filter(([id, q]) => q > (submitted.get(id)?.quantity ?? 0) + 1e-9).map(([id]) => id),
  };
}
