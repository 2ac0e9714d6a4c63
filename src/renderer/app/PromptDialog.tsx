// The text prompt dialog: type, Enter submits, a refusal shows inline and keeps the text; Esc backs out.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { usePrompt, type PromptRequest } from '../state/promptStore';

export function PromptDialog() {
  const request = usePrompt((s) => s.request);
  // A fresh form per request, so a new prompt never shows the last one's text or error.
  return request ? <PromptForm key={request.title + request.label} request={request} /> : null;
}

function PromptForm({ request }: { request: PromptRequest }) {
  const close = usePrompt((s) => s.close);
  const [value, setValue] = useState(request.initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    input.current?.select();
    return () => previous?.focus?.();
  }, []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const refused = await request.onSubmit(value);
      if (refused === null) close();
      else setError(refused);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') close();
    else if (event.key === 'Enter') void submit();
    else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="prompt-title" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h3 id="prompt-title">{request.title}</h3>
        <label className="prompt-field">
          <span>{request.label}</span>
          <input
            ref={input}
            data-testid="prompt-input"
            className="mono"
            value={value}
            placeholder={request.placeholder}
            aria-invalid={error !== null}
            aria-describedby={error ? 'prompt-error' : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
          />
        </label>
        {error && (
          <p id="prompt-error" role="alert" className="inline-error" data-testid="prompt-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button onClick={close}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Checking…' : request.submitLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
