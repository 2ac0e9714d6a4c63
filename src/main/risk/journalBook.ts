// The book as the order journal records it (fills netted by symbol), for the CLI, which runs without a live trading node.
import type { SqliteJournal } from '../storage/journal/sqliteJournal';
import { netBySymbol, type HeldPosition } from './riskBookSource';

/** Signed filled quantity per symbol, each execution counted once; marks are left to the last stored close. */
export function journalPositions(journal: SqliteJournal): HeldPosition[] {
  const specs = journal.orderSpecs();
  const seen = new Set<string>();
  const fills: { symbol: string; quantity: number; markPrice: null }[] = [];
  for (const record of journal.records()) {
    if (record.kind !== 'VENUE_EVENT' || record.event.kind !== 'FILL') continue;
    const fill = record.event;
    if (seen.has(fill.executionId)) continue;
    seen.add(fill.executionId);
    const spec = specs.get(fill.clientOrderId);
    if (!spec) continue;
    fills.push({ symbol: spec.symbol, quantity: spec.side === 'BUY' ? fill.quantity : -fill.quantity, markPrice: null });
  }
  return netBySymbol(fills);
}
