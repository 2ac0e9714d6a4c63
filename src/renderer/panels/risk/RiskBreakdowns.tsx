// Exposure breakdowns (sector, currency) and the worst historical windows of the book, from risk.exposures and risk.stress.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import { useWorkspace } from '../../state/workspaceStore';
import { formatMoney } from '../common/format';
import { RISK_REFRESH_MS } from './PortfolioRiskView';

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function RiskBreakdowns() {
  const api = useApi();
  const connected = useWorkspace((s) => s.connection === 'connected');
  const exposures = useQuery({ queryKey: ['risk.exposures'], queryFn: () => api.call('risk.exposures', {}), enabled: connected, refetchInterval: RISK_REFRESH_MS }).data;
  const stress = useQuery({ queryKey: ['risk.stress'], queryFn: () => api.call('risk.stress', { horizons: [1, 5], top: 3 }), enabled: connected, refetchInterval: RISK_REFRESH_MS }).data;
  const e = exposures?.ok ? exposures.value : undefined;
  const s = stress?.ok ? stress.value : undefined;
  return (
    <div className="risk-breakdowns">
      {e && (
        <table aria-label="Exposures">
          <thead>
            <tr>
              <th>Exposure</th>
              <th className="num">Net</th>
              <th className="num">Gross</th>
              <th className="num">Long</th>
              <th className="num">Short</th>
            </tr>
          </thead>
          <tbody>
            {[{ group: 'Book', rows: [e.total] }, { group: 'Sector', rows: e.bySector }, { group: 'Currency', rows: e.byCurrency }].flatMap(({ group, rows }) =>
              rows.map((b) => (
                <tr key={`${group}:${b.key}`} data-testid="exposure-row" data-group={group} data-key={b.key} data-net={b.net}>
                  <td>{group === 'Book' ? 'Book' : `${group}: ${b.key}`}</td>
                  <td className="num">{formatMoney(b.net)}</td>
                  <td className="num">{formatMoney(b.gross)}</td>
                  <td className="num">{formatMoney(b.long)}</td>
                  <td className="num">{formatMoney(b.short)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {s && (
        <table aria-label="Stress: worst historical windows">
          <thead>
            <tr>
              <th>Worst window</th>
              <th>From</th>
              <th>To</th>
              <th className="num">P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {s.historical.map((w) => (
              <tr key={`${w.horizonDays}:${w.start}`} data-testid="stress-row" data-days={w.horizonDays} data-pnl={w.pnl}>
                <td>{w.horizonDays === 1 ? '1 day' : `${w.horizonDays} days`}</td>
                <td>{day(w.start)}</td>
                <td>{day(w.end)}</td>
                <td className="num">{formatMoney(w.pnl, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
