// The log panel: the backend's log, the workspace's notifications and every order event (ids, original times) in one
// list, filtered by level, kind, symbol and text, exportable as CSV. Nothing here lives only in the page: the log and
// the order events come from the backend, so a reload shows them again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LogEntry } from '../../../shared/contracts/system';
import { useApi, useStream } from '../../api/ApiContext';
import { useNotifications } from '../../state/notificationStore';
import { formatDate, formatEventTime, useTimeZone } from '../../state/timeZone';
import { filterRows, mergeRows, NO_FILTER, rowsToCsv, systemRow, type LogFilter, type LogLevel } from './logRows';
import { useAuditEvents } from './useAuditEvents';

const MAX_LIVE = 1_000;
/** Rows drawn at once: the newest, after filtering (the export has them all). */
const MAX_SHOWN = 1_500;
const LEVELS: readonly { value: LogLevel; label: string }[] = [
  { value: 'debug', label: 'any' },
  { value: 'warn', label: 'warn+' },
  { value: 'error', label: 'errors' },
];
/** The kinds a trader filters by most; any other kind (new, ack, cancel, modify…) is found by typing it in the search. */
const KINDS: readonly { value: string; label: string }[] = [
  { value: 'all', label: 'all' },
  { value: 'system', label: 'system' },
  { value: 'orders', label: 'orders' },
  { value: 'fill', label: 'fills' },
  { value: 'reject', label: 'rejects' },
];

/** A radio group of small buttons (arrow keys are not needed: each is a Tab stop, Enter or Space picks it). */
function Choice<T extends string>({ label, testId, options, value, onChange }: { label: string; testId: string; options: readonly { value: T; label: string }[]; value: T; onChange(value: T): void }) {
  return (
    <span role="radiogroup" aria-label={label} className="log-choice" data-testid={testId}>
      {options.map((o) => (
        <button key={o.value} role="radio" aria-checked={o.value === value} data-value={o.value} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </span>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function LogPanel() {
  const api = useApi();
  const zone = useTimeZone((s) => s.zone);
  const [live, setLive] = useState<LogEntry[]>([]);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const recent = useQuery({ queryKey: ['system.recentLog'], queryFn: () => api.call('system.recentLog', {}), staleTime: Infinity });
  const append = useCallback((entry: LogEntry) => setLive((rows) => [...rows.slice(-(MAX_LIVE - 1)), entry]), []);
  useStream('system.log', append);
  const local = useNotifications((s) => s.log);
  const audit = useAuditEvents();

  const all = useMemo(() => mergeRows((recent.data ?? []).map(systemRow), live.map(systemRow), local.map(systemRow), audit.rows), [recent.data, live, local, audit.rows]);
  const shown = useMemo(() => filterRows(all, filter), [all, filter]);
  const visible = shown.length > MAX_SHOWN ? shown.slice(-MAX_SHOWN) : shown;

  const list = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    // Follow new rows only while the trader is at the bottom: scrolling up to read must not be yanked back.
    if (pinned.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [visible.length, visible.at(-1)?.key]);
  const set = (change: Partial<LogFilter>) => setFilter((f) => ({ ...f, ...change }));

  return (
    <div className="log-panel">
      <div className="log-toolbar" role="toolbar" aria-label="Log filters">
        <Choice label="Level" testId="log-level" options={LEVELS} value={filter.level} onChange={(level) => set({ level })} />
        <Choice label="Kind" testId="log-kind" options={KINDS} value={filter.kind} onChange={(kind) => set({ kind })} />
        <input aria-label="Symbol" data-testid="log-symbol" placeholder="symbol" className="log-symbol" value={filter.symbol} onChange={(e) => set({ symbol: e.target.value.toUpperCase() })} />
        <input type="search" aria-label="Search the log" data-testid="log-search" placeholder="search" className="log-search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
        <button data-testid="log-export" title="Export the filtered rows as CSV (original times, UTC)" onClick={() => download(`nautilus-log-${formatDate(Date.now(), zone)}.csv`, rowsToCsv(shown))}>
          CSV
        </button>
        <span className="muted log-count" data-testid="log-count" title="Order events from the journal">
          {shown.length}/{all.length}
        </span>
        {audit.error && <span className="inline-error">{audit.error}</span>}
      </div>
      <div
        ref={list}
        className="log"
        role="log"
        aria-live="polite"
        tabIndex={0}
        data-autofocus
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
        }}
      >
        {visible.map((r) => (
          <div key={r.key} className={`log-row log-${r.level}`} data-testid="log-row" data-kind={r.kind} data-order={r.clientOrderId ?? undefined} data-time={r.time}>
            <time className="log-time" dateTime={new Date(r.time).toISOString()} title={`${formatDate(r.time, zone)} ${formatEventTime(r.time, zone)}`}>
              {formatEventTime(r.time, zone)}
            </time>
            <span className="log-source" title={r.seq !== null ? `journal #${r.seq}` : r.source}>
              {r.kind === 'system' ? r.source : r.clientOrderId}
            </span>
            <span className="log-message">{r.message}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
