// Limit editing: pick a kind from the kinds' table, fill the fields it asks for, save (replacing a limit with the same
// id) or remove by id. Checked here with the backend's own rules, then by the backend's schema.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LIMIT_KIND_LIST, LIMIT_KINDS, type RiskLimit, type RiskLimitKind } from '../../../core/trading/risk/limitKinds';
import type { BreachAction } from '../../../core/trading/risk/limits';
import { useApi } from '../../api/ApiContext';
import { fieldsOf, limitFromForm } from './limitForm';

export function LimitEditor({ limits }: { limits: readonly RiskLimit[] }) {
  const api = useApi();
  const queries = useQueryClient();
  const [kind, setKind] = useState<RiskLimitKind>('MAX_VAR');
  const [id, setId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [onBreach, setOnBreach] = useState<BreachAction>('ALERT');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const send = async (next: RiskLimit[], done: string) => {
    try {
      const result = await api.call('risk.setLimits', { limits: next });
      if (!result.ok) {
        setMessage({ error: true, text: `${result.error.id}: ${result.error.field} is not valid` });
        return;
      }
      setMessage({ error: false, text: done });
      await queries.invalidateQueries({ queryKey: ['risk.limits'] });
    } catch (e) {
      setMessage({ error: true, text: (e as Error).message });
    }
  };

  const save = () => {
    const result = limitFromForm(kind, id.trim(), values, onBreach, limits);
    if (!result.ok) setMessage({ error: true, text: result.error.message });
    else void send(result.value, `saved ${id.trim()}`);
  };
  const remove = () => {
    if (!limits.some((l) => l.id === id.trim())) setMessage({ error: true, text: `no limit ${id.trim() || '(empty id)'}` });
    else void send(limits.filter((l) => l.id !== id.trim()), `removed ${id.trim()}`);
  };

  return (
    <form
      className="limit-editor"
      aria-label="Edit limits"
      data-testid="limit-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <select aria-label="Limit kind" data-testid="limit-kind" value={kind} onChange={(e) => (setKind(e.target.value as RiskLimitKind), setValues({}))}>
        {LIMIT_KIND_LIST.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      <input aria-label="Limit id" data-testid="limit-id" placeholder="id" value={id} onChange={(e) => setId(e.target.value)} />
      {fieldsOf(kind).map((f) => (
        <input key={f.name} aria-label={f.name} data-testid={`limit-field-${f.name}`} placeholder={`${f.name}: ${f.hint}`} title={f.hint} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
      ))}
      {LIMIT_KINDS[kind].scope === 'ACCOUNT' && (
        <select aria-label="On breach" data-testid="limit-on-breach" value={onBreach} onChange={(e) => setOnBreach(e.target.value as BreachAction)}>
          <option value="ALERT">on breach: alert</option>
          <option value="REDUCE_ONLY">on breach: alert + reduce-only</option>
        </select>
      )}
      <button type="submit" data-testid="limit-save">
        Save limit
      </button>
      <button type="button" data-testid="limit-remove" onClick={remove}>
        Remove
      </button>
      {message && (
        <span className={message.error ? 'limit-editor-error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="limit-editor-message">
          {message.text}
        </span>
      )}
    </form>
  );
}
