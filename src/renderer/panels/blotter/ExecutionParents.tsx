// The blotter's execution parents (SMART orders and algorithms): progress, pause/resume/cancel on the parent, and
// "why": each routing decision with the venues it weighed and where each child went. Children are the order rows
// that carry the parent's id.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExecutionParent } from '../../../core/execution/parentOrder';
import { useApi } from '../../api/ApiContext';
import { notify } from '../../state/notificationStore';
import { describeExecutionError } from '../common/executionErrorText';
import { formatPrice, formatQuantity, formatTime } from '../common/format';

const DONE = new Set(['FILLED', 'CANCELED', 'EXPIRED']);

function Why({ parentId }: { parentId: string }) {
  const api = useApi();
  const detail = useQuery({ queryKey: ['execution.detail', parentId], queryFn: () => api.call('execution.detail', { parentId }), refetchInterval: 1_000 });
  const decisions = detail.data?.decisions ?? [];
  if (decisions.length === 0) return <div className="muted">no routing yet</div>;
  return (
    <ol className="execution-why" data-testid="execution-why">
      {decisions.slice(-5).map((d, i) => (
        <li key={`${d.time}-${i}`}>
          <span>{formatTime(d.time)} {d.reason.toLowerCase().replace(/_/g, ' ')}: {formatQuantity(d.quantity)} at {d.resolved.limitPrice === null ? 'market' : formatPrice(d.resolved.limitPrice)}</span>
          {' → '}
          {d.children.length === 0 ? 'nothing placed' : d.children.map((c) => `${c.venue} ${formatQuantity(c.quantity)} ${c.liquidity.toLowerCase()}${c.refused ? ` (refused: ${c.refused})` : ''}`).join(', ')}
          <div className="muted">
            {d.assessments.map((a) => `${a.venue}: ${a.ineligible ? a.ineligible.toLowerCase().replace(/_/g, ' ') : `touch ${a.touch ?? '–'}, shown ${formatQuantity(a.displayed)}, take cost ${a.takeCostPerShare.toFixed(4)}/sh, fill p ${a.fillProbability.toFixed(2)}`}`).join(' · ')}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function ExecutionParents() {
  const api = useApi();
  const queries = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const parents = useQuery({ queryKey: ['execution.parents'], queryFn: () => api.call('execution.parents', {}), refetchInterval: 1_000 });
  const list = (parents.data ?? []).filter((p) => !DONE.has(p.status) || p.id === open).slice(-20);
  if (list.length === 0) return null;
  const act = async (method: 'execution.cancel' | 'execution.pause' | 'execution.resume', parent: ExecutionParent) => {
    const result = await api.call(method, { parentId: parent.id });
    if (!result.ok) notify('error', `${parent.algo} ${parent.id}`, describeExecutionError(result.error));
    void queries.invalidateQueries({ queryKey: ['execution.parents'] });
  };
  return (
    <div className="execution-parents" data-testid="execution-parents">
      {list.map((p) => (
        <div key={p.id} className={`execution-parent status-${p.status.toLowerCase()}`} data-testid="execution-parent" data-parent-id={p.id} data-status={p.status}>
          <span>{p.algo} {p.side} {formatQuantity(p.quantity)} {p.symbol}{p.limitPrice !== null ? ` lmt ${formatPrice(p.limitPrice)}` : ''}</span>
          <span> · filled {formatQuantity(p.filled)}{p.filled > 0 ? ` @ ${formatPrice(p.filledNotional / p.filled)}` : ''} · {p.status.toLowerCase()}</span>
          {p.status === 'WORKING' && <button tabIndex={-1} onClick={() => void act('execution.pause', p)}>Pause</button>}
          {p.status === 'PAUSED' && <button tabIndex={-1} onClick={() => void act('execution.resume', p)}>Resume</button>}
          {!DONE.has(p.status) && <button tabIndex={-1} onClick={() => void act('execution.cancel', p)}>Cancel</button>}
          <button tabIndex={-1} aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id)}>Why</button>
          {open === p.id && <Why parentId={p.id} />}
        </div>
      ))}
    </div>
  );
}
