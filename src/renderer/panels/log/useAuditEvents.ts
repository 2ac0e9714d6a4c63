// The order events the log shows: the journal's (re-read as orders change) or, until it is served, derived from
// the workspace's orders and fills and kept for the page's life, so a status passed through stays in the trail.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTrading } from '../../state/tradingStore';
import { deriveAuditEvents, journalServed, loadJournalEvents, type AuditEvent } from './auditSource';
import { auditRow, type LogRow } from './logRows';

/** Order changes arrive in bursts (a cancel-all): re-read the journal once per burst. */
const JOURNAL_REREAD_MS = 300;

export interface AuditTrail {
  readonly rows: readonly LogRow[];
  /** Where the events come from: the journal, or derived from orders and fills (interim). */
  readonly origin: 'journal' | 'derived';
  readonly error: string | null;
}

export function useAuditEvents(): AuditTrail {
  const api = useApi();
  const version = useTrading((s) => s.version);
  const [journal, setJournal] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const served = journalServed();

  useEffect(() => {
    if (!served) return;
    const timer = setTimeout(() => {
      loadJournalEvents(api).then(
        (events) => {
          setJournal(events);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
    }, JOURNAL_REREAD_MS);
    return () => clearTimeout(timer);
  }, [api, served, version]);

  // Interim: every event ever derived this session, by key, so an 'ack' survives the order moving on to 'cancel'.
  const seen = useRef(new Map<string, LogRow>());
  const derived = useMemo(() => {
    if (served) return [];
    const { orders, fills } = useTrading.getState();
    for (const e of deriveAuditEvents(Object.values(orders), fills)) {
      const row = auditRow(e);
      if (!seen.current.has(row.key)) seen.current.set(row.key, row);
    }
    return [...seen.current.values()];
    // version stands for orders and fills.
  }, [served, version]);

  return served ? { rows: (journal ?? []).map(auditRow), origin: 'journal', error } : { rows: derived, origin: 'derived', error: null };
}
