// Settings for the precautionary order checks, per account (SIM, IB PAPER, IB LIVE): thresholds that ask before sending.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DEFAULT_PRECAUTIONS, type PrecautionSettings as Settings } from '../panels/ticket/precautions';
import { destinationOf } from '../state/destination';
import { usePrecautions } from '../state/precautionStore';
import { useVenues } from '../state/venueStore';

const ACCOUNTS = ['SIM', 'IB PAPER', 'IB LIVE'] as const;
const NUMBERS: ReadonlyArray<{ key: 'maxShares' | 'maxNotional' | 'maxPercentFromMarket' | 'maxPercentOfAdv'; label: string }> = [
  { key: 'maxShares', label: 'Ask when size is over (shares)' },
  { key: 'maxNotional', label: 'Ask when notional is over (base currency)' },
  { key: 'maxPercentFromMarket', label: 'Ask when a limit is more than (%) through the market' },
  { key: 'maxPercentOfAdv', label: 'Ask when the quantity is more than (%) of average daily volume' },
];

export function PrecautionSettings() {
  const current = useVenues((s) => destinationOf(s.route, s.ib).label);
  const [account, setAccount] = useState<string>(current);
  const stored = usePrecautions((s) => s.byAccount[account]) ?? DEFAULT_PRECAUTIONS;
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('0 turns a check off. Enter saves, Esc closes.');
  const first = useRef<HTMLSelectElement>(null);
  const close = () => usePrecautions.getState().setSettingsOpen(false);

  useEffect(() => {
    const restore = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => restore?.focus?.();
  }, []);
  useEffect(() => setDraft(Object.fromEntries(NUMBERS.map(({ key }) => [key, String(stored[key])]))), [stored]);

  const save = (patch: Partial<Settings> = {}) => {
    const next: Record<string, unknown> = { ...stored, ...patch };
    for (const { key, label } of NUMBERS) {
      const value = Number(draft[key]);
      if (draft[key] === undefined || draft[key]!.trim() === '' || !Number.isFinite(value) || value < 0) {
        setMessage(`Not saved: “${label}” must be a number ≥ 0`);
        return;
      }
      next[key] = value;
    }
    usePrecautions.getState().set(account, next as unknown as Settings);
    setMessage(`Saved for ${account}`);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') close();
    else if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') save();
    else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="dialog settings" role="dialog" aria-modal="true" aria-label="Precautionary checks" data-testid="precaution-settings" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h3>Precautionary checks</h3>
        <label>
          Account{' '}
          <select ref={first} value={account} onChange={(e) => setAccount(e.target.value)} data-testid="precaution-account">
            {ACCOUNTS.map((a) => (
              <option key={a} value={a}>
                {a}
                {a === current ? ' (orders go here now)' : ''}
              </option>
            ))}
          </select>
        </label>
        {NUMBERS.map(({ key, label }) => (
          <label key={key} className="settings-field">
            <span>{label}</span>
            <input className="num" data-testid={`precaution-${key}`} value={draft[key] ?? ''} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
          </label>
        ))}
        <label className="settings-toggle">
          <input type="checkbox" checked={stored.confirmReversal} onChange={(e) => save({ confirmReversal: e.target.checked })} /> Ask when an order reverses a position
        </label>
        <label className="settings-field">
          <span>sell beyond the long / cover beyond the short</span>
          <select value={stored.intentMismatch} onChange={(e) => save({ intentMismatch: e.target.value === 'confirm' ? 'confirm' : 'refuse' })}>
            <option value="refuse">refuse</option>
            <option value="confirm">ask</option>
          </select>
        </label>
        <div className="dialog-buttons">
          <button onClick={close}>Close</button>
          <button className="primary" onClick={() => save()}>
            Save
          </button>
        </div>
        <p className="settings-message" role="status">
          {message}
        </p>
      </div>
    </div>
  );
}
