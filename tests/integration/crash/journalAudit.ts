// Checks of a data directory after a crash: the journal against what the venue saw, and positions against fills.
import { readFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { JournalRecord } from '../../../src/core/trading/journal';

export interface AuditFindings {
  venueSaw: number;
  journaled: number;
  missingFromJournal: string[];
  sentTwice: string[];
  /** Signed filled quantity per symbol, from the journal's fills. */
  fillsBySymbol: Map<string, number>;
  overfilled: string[];
}

export function auditDataDir(sqliteFile: string, auditFile: string): AuditFindings {
  const db = new Database(sqliteFile, { readonly: true });
  const records = db.prepare('SELECT body FROM journal ORDER BY seq').all().map((r) => JSON.parse((r as { body: string }).body) as JournalRecord);
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
  const lines = existsSync(auditFile) ? readFileSync(auditFile, 'utf8').split('\n').filter(Boolean) : [];
  // A line cut short by the kill is not an order the venue received.
  const sent = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as { clientOrderId: string }];
    } catch {
      return [];
    }
  });
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
