// The confirmation dialog: a destructive action starts on Cancel (Enter backs out; Tab to Confirm, then Enter), a
// protective one starts on Confirm; Esc backs out. A skippable action offers "don't ask again".
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useConfirm } from '../state/confirmStore';

export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const close = useConfirm((s) => s.close);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const skipBox = useRef<HTMLInputElement>(null);
  const previousFocus = useRef<Element | null>(null);
  const [dontAsk, setDontAsk] = useState(false);

  useEffect(() => {
    if (!request) return;
    setDontAsk(false);
    previousFocus.current = document.activeElement;
    (request.destructive ? cancelButton : confirmButton).current?.focus();
    return () => (previousFocus.current as HTMLElement | null)?.focus?.();
  }, [request]);

  if (!request) return null;
  const cancel = () => {
    close();
    request.onCancel?.();
  };
  const confirm = () => {
    if (dontAsk && request.skippable) useConfirm.getState().setSkipped(request.skippable, true);
    close();
    request.onConfirm();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') cancel();
    else if (event.key === 'Tab') {
      const order = [cancelButton.current, confirmButton.current, skipBox.current].filter((e): e is HTMLButtonElement | HTMLInputElement => e !== null);
      const at = order.indexOf(document.activeElement as HTMLButtonElement);
      order[(at + (event.shiftKey ? order.length - 1 : 1)) % order.length]?.focus();
    } else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={cancel}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        data-testid="confirm-dialog"
        data-destructive={request.destructive ? 'true' : 'false'}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h3 id="confirm-title">{request.title}</h3>
        <p id="confirm-message">{request.message}</p>
        {request.details && request.details.length > 0 && (
          <ul className="confirm-details" data-testid="confirm-details">
            {request.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
        <div className="dialog-buttons">
          <button ref={cancelButton} data-testid="confirm-cancel" onClick={cancel}>
            Cancel
          </button>
          <button ref={confirmButton} data-testid="confirm-ok" className={request.danger ? 'danger' : 'primary'} onClick={confirm}>
            {request.confirmLabel}
          </button>
        </div>
        {request.skippable && (
          <label className="confirm-skip">
            <input ref={skipBox} type="checkbox" data-testid="confirm-skip" checked={dontAsk} onChange={(e) => setDontAsk(e.target.checked)} /> Don't ask again (Settings: hotkeys turns it back on)
          </label>
        )}
      </div>
    </div>
  );
}
