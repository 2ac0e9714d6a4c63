// The log panel: the backend's recent log, every new entry as it streams in, and the workspace's own notifications.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LogEntry } from '../../../shared/contracts/system';
import { useApi, useStream } from '../../api/ApiContext';
import { useNotifications } from '../../state/notificationStore';

const MAX_ROWS = 1_000;
const time = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour12: false });

export function LogPanel() {
  const api = useApi();
  const [live, setLive] = useState<LogEntry[]>([]);
  const recent = useQuery({ queryKey: ['system.recentLog'], queryFn: () => api.call('system.recentLog', {}), staleTime: Infinity });
  const append = useCallback((entry: LogEntry) => setLive((rows) => [...rows.slice(-(MAX_ROWS - 1)), entry]), []);
  useStream('system.log', append);
  const local = useNotifications((s) => s.log);

  const rows = mergeByTime(recent.data ?? [], live, local);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [rows.length]);

  return (
    <div className="log" role="log" aria-live="polite">
      {rows.map((e, i) => (
        <div key={i} className={`log-row log-${e.level}`}>
          <span className="log-time">{time(e.time)}</span>
          <span className="log-source">{e.source}</span>
          <span className="log-message">{e.message}</span>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

/** The snapshot and the stream overlap around the moment of subscribing; keep each entry once. */
function mergeByTime(snapshot: readonly LogEntry[], live: readonly LogEntry[], local: readonly LogEntry[]): LogEntry[] {
  const seen = new Set(snapshot.map((e) => `${e.time}|${e.source}|${e.message}`));
  const merged = [...snapshot, ...live.filter((e) => !seen.has(`${e.time}|${e.source}|${e.message}`))];
  // Local notifications interleave by time; the sort is stable, so backend entries keep their order.
  return (local.length ? [...merged, ...local].sort((a, b) => a.time - b.time) : merged).slice(-MAX_ROWS);
}
