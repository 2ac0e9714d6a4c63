// Settings for the trading hotkeys: pick an action, press the new chord (conflicts, reserved keys and single keys not
// opted in are refused); the single-key opt-in; which confirmations ask (undoing "don't ask again").
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SKIPPABLE_CONFIRMATIONS, SKIPPABLE_TITLES, useConfirm } from '../state/confirmStore';
import { comboOf, describeRebindError, HOTKEY_ACTIONS, HOTKEY_TITLES, type HotkeyAction } from '../state/hotkeys';
import { useHotkeys } from '../state/hotkeyStore';

export function HotkeySettings({ onClose }: { onClose: () => void }) {
  const bindings = useHotkeys((s) => s.bindings);
  const singleKeys = useHotkeys((s) => s.singleKeys);
  const skipped = useConfirm((s) => s.skipped);
  const [selected, setSelected] = useState(0);
  const [capturing, setCapturing] = useState<HotkeyAction | null>(null);
  const [message, setMessage] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const previousFocus = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    list.current?.focus();
    const restore = previousFocus.current;
    return () => (restore as HTMLElement | null)?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (capturing) {
      event.preventDefault();
      if (event.key === 'Escape') {
        setCapturing(null);
        setMessage('');
        return;
      }
      const combo = comboOf(event);
      if (!combo) return;
      const result = useHotkeys.getState().rebind(capturing, combo);
      setMessage(result.ok ? `${HOTKEY_TITLES[capturing]}: ${combo}` : describeRebindError(result.error, HOTKEY_TITLES));
      setCapturing(null);
      return;
    }
    if (event.key === 'Escape') onClose();
    else if (event.target !== list.current) return;
    else if (event.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, HOTKEY_ACTIONS.length - 1));
    else if (event.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') {
      setCapturing(HOTKEY_ACTIONS[selected]!);
      setMessage('Press the new key, or Esc to keep the current one');
    } else if (event.key.toLowerCase() === 'r' && event.ctrlKey) {
      useHotkeys.getState().reset();
      setMessage('Hotkeys reset to the defaults');
    } else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="dialog settings" role="dialog" aria-modal="true" aria-label="Hotkey settings" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h3>Hotkeys</h3>
        <p className="muted">↑↓ choose · Enter rebind · Ctrl+R reset all · Esc close</p>
        <ul ref={list} className="hotkey-list" role="listbox" tabIndex={0} aria-label="Hotkeys" aria-activedescendant={`hotkey-${selected}`}>
          {HOTKEY_ACTIONS.map((action, index) => (
            <li
              key={action}
              id={`hotkey-${index}`}
              role="option"
              aria-selected={index === selected}
              className={index === selected ? 'selected' : undefined}
              onClick={() => {
                setSelected(index);
                setCapturing(action);
              }}
            >
              <span>{HOTKEY_TITLES[action]}</span>
              <kbd>{capturing === action ? '…' : bindings[action]}</kbd>
            </li>
          ))}
        </ul>
        <label className="settings-toggle">
          <input type="checkbox" data-testid="single-keys" checked={singleKeys} onChange={(e) => useHotkeys.getState().setSingleKeys(e.target.checked)} /> Single-key trading hotkeys (B, S, F …): they fire whenever the focus is not in a text field
        </label>
        <fieldset className="settings-confirmations">
          <legend>Ask before</legend>
          {SKIPPABLE_CONFIRMATIONS.map((action) => (
            <label key={action}>
              <input type="checkbox" data-testid={`ask-${action}`} checked={!skipped[action]} onChange={(e) => useConfirm.getState().setSkipped(action, !e.target.checked)} /> {SKIPPABLE_TITLES[action]}
            </label>
          ))}
        </fieldset>
        <p className="settings-message" role="status">
          {message}
        </p>
      </div>
    </div>
  );
}
