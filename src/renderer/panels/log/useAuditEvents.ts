// The order events the log shows: the journal's, re-read once per burst of order changes.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTrading } from '../../state/tradingStore';
import { loadJournalEvents, type AuditEvent } from './auditSource';
import { auditRow, type LogRow } from './logRows';

/** Order changes arrive in bursts (a cancel-all): re-read the journal once per burst. */
const JOURNAL_REREAD_MS = 300;

export interface AuditTrail {
  readonly rows: readonly LogRow[];
  readonly error: string | null;
}

export function useAuditEvents(): AuditTrail {
  const api = useApi();
  const version = useTrading((s) => s.version);
  const [journal, setJournal] = useState<AuditEvent[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
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
  }, [api, version]);

  return { rows: journal.map(auditRow), error };
}
