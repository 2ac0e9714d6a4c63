// The confirmation dialog: focus starts on the confirm button so Enter confirms; Esc or Cancel backs out.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useConfirm } from '../state/confirmStore';

export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const close = useConfirm((s) => s.close);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const previousFocus = useRef<Element | null>(null);

  useEffect(() => {
    if (!request) return;
    previousFocus.current = document.activeElement;
    confirmButton.current?.focus();
    return () => (previousFocus.current as HTMLElement | null)?.focus?.();
  }, [request]);

  if (!request) return null;
  const cancel = () => {
    close();
    request.onCancel?.();
  };
  const confirm = () => {
    close();
    request.onConfirm();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') cancel();
    else if (event.key === 'Tab') {
      event.preventDefault();
      (document.activeElement === confirmButton.current ? cancelButton : confirmButton).current?.focus();
    } else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={cancel}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-message" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h3 id="confirm-title">{request.title}</h3>
        <p id="confirm-message">{request.message}</p>
        <div className="dialog-buttons">
          <button ref={cancelButton} onClick={cancel}>
            Cancel
          </button>
          <button ref={confirmButton} className={request.danger ? 'danger' : 'primary'} onClick={confirm}>
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
