// The status bar's sync badge: the lag to the shared record and the last error, polled every 2 s; hidden when sync is off.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/ApiContext';
import { syncBadge } from './syncBadge';

export function SyncStatusBadge() {
  const api = useApi();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => api.call('sync.status', {}), refetchInterval: 2_000 });
  const badge = status.data ? syncBadge(status.data) : null;
  if (!badge) return null;
  return (
    <span className={`badge state-${badge.state}`} data-testid="sync" data-state={status.data?.state} title={badge.title}>
      {badge.text}
    </span>
  );
}
