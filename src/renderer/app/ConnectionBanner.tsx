// The full-width banner while the backend is not connected: how old the data on screen is, and what to do about it.
import { connectionNotice } from '../state/connectionNotice';
import { useTimeZone } from '../state/timeZone';
import { useWorkspace } from '../state/workspaceStore';

export function ConnectionBanner() {
  const connection = useWorkspace((s) => s.connection);
  const lastMessageAt = useWorkspace((s) => s.lastMessageAt);
  const detail = useWorkspace((s) => s.connectionDetail);
  const zone = useTimeZone((s) => s.zone);
  const notice = connectionNotice(connection, lastMessageAt, zone, detail);
  if (!notice) return null;
  return (
    <div className={`connection-banner banner-${notice.severity}`} role="alert" data-testid="connection-banner" data-connection={connection}>
      <strong className="banner-headline">{notice.headline}</strong>
      <span className="banner-action">{notice.action}</span>
    </div>
  );
}
