// Toasts: the latest notifications in a corner, each leaving after a few seconds (errors stay longer).
import { useEffect } from 'react';
import { useNotifications, type Toast } from '../state/notificationStore';

const LIFETIME_MS = { info: 4_000, success: 4_000, warn: 8_000, error: 10_000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useNotifications((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.level]);
    return () => clearTimeout(timer);
  }, [dismiss, toast.id, toast.level]);
  return (
    <div className={`toast toast-${toast.level}`} role={toast.level === 'error' ? 'alert' : 'status'} data-testid="toast">
      <div className="toast-title">{toast.title}</div>
      {toast.detail && <div className="toast-detail">{toast.detail}</div>}
      <button className="toast-close" aria-label="Dismiss" tabIndex={-1} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useNotifications((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
