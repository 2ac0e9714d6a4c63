// The breach history: today's breaches (or all), newest first, open ones marked; refreshed by `risk.breaches` events.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LIMIT_KINDS } from '../../../core/trading/risk/limitKinds';
import { useApi } from '../../api/ApiContext';
import { useWorkspace } from '../../state/workspaceStore';
import { formatTime } from '../common/format';
import { formatLimitFigure } from '../common/limitFigures';
import { startOfLocalDay } from './breachFeed';

type Range = 'today' | 'all';

export function BreachHistory() {
  const api = useApi();
  const connected = useWorkspace((s) => s.connection === 'connected');
  const [range, setRange] = useState<Range>('today');
  const breaches =
    useQuery({
      queryKey: ['risk.breaches', range],
      queryFn: () => api.call('risk.breaches', range === 'today' ? { from: startOfLocalDay(Date.now()) } : {}),
      enabled: connected,
    }).data ?? [];
  return (
    <section className="breaches" aria-label="Breach history">
      <div className="breaches-toolbar">
        <strong>Breaches</strong>
        <select aria-label="Breach range" data-testid="breach-range" value={range} onChange={(e) => setRange(e.target.value as Range)}>
          <option value="today">today</option>
          <option value="all">all</option>
        </select>
      </div>
      <table className="breach-table">
        <thead>
          <tr>
            <th>time</th>
            <th>limit</th>
            <th>kind</th>
            <th className="num">value</th>
            <th className="num">threshold</th>
            <th>cleared</th>
          </tr>
        </thead>
        <tbody>
          {breaches.map((b) => {
            const kind = LIMIT_KINDS[b.kind];
            return (
              <tr key={b.id} data-testid="breach-row" data-limit-id={b.limitId} data-open={b.clearedAt === null} className={b.clearedAt === null ? 'breach' : undefined}>
                <td className="num">{formatTime(b.time)}</td>
                <td title={b.scope}>{b.limitId}</td>
                <td>{kind.label}</td>
                <td className="num">{formatLimitFigure(b.value, kind.unit)}</td>
                <td className="num">{formatLimitFigure(b.threshold, kind.unit)}</td>
                <td className="num">{b.clearedAt === null ? (b.action === 'REDUCE_ONLY' ? 'open · reduce-only' : 'open') : formatTime(b.clearedAt)}</td>
              </tr>
            );
          })}
          {breaches.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No breaches {range === 'today' ? 'today' : 'recorded'}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
