// Positions and P&L: per symbol (in its currency) from the positions stream, and totals in the base currency. The
// cursor is the active symbol (one selection for every panel); Delete asks to flatten it, naming symbol and size.
import { useMemo, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import { useSelection } from '../../state/selectionStore';
import { useTrading } from '../../state/tradingStore';
import { useWorkspace } from '../../state/workspaceStore';
import { askFlatten } from '../common/confirmedActions';
import { formatMoney, signClass } from '../common/format';
import { moveSelection } from '../blotter/virtualWindow';
import { PositionRow } from './PositionRow';

export function PositionsPanel() {
  const api = useApi();
  const positions = useTrading((s) => s.positions);
  const fillCount = useTrading((s) => s.fills.length);
  const selected = useSelection((s) => s.symbol);
  const connected = useWorkspace((s) => s.connection === 'connected');
  const rows = useMemo(
    () => Object.values(positions).filter((p) => p.quantity !== 0 || p.realizedPnl !== 0).sort((a, b) => a.symbol.localeCompare(b.symbol)),
    [positions],
  );
  // Totals need FX conversion, which the backend does: ask again after each fill and every second for the marks.
  const summary = useQuery({
    queryKey: ['pnl.summary', fillCount],
    queryFn: () => api.call('pnl.summary', {}),
    enabled: connected,
    refetchInterval: 1_000,
    placeholderData: (previous) => previous,
  });
  // No cursor of its own: the row of the active symbol, so Positions and the watchlist never point at different symbols.
  const at = rows.findIndex((p) => p.symbol === selected);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    let next = at;
    if (event.key === 'ArrowDown') next = moveSelection(at, 1, rows.length);
    else if (event.key === 'ArrowUp') next = moveSelection(at, -1, rows.length);
    else if (event.key === 'Enter' && rows[at]) next = at;
    else if (event.key === 'Delete' && rows[at]) {
      askFlatten(api, rows[at]!.symbol);
      event.preventDefault();
      return;
    } else return;
    event.preventDefault();
    // The selected position is what flatten acts on and what the chart and ticket show.
    const row = rows[next];
    if (row) useSelection.getState().select(row.symbol);
  };

  const s = summary.data;
  return (
    <div className="positions">
      <table className="grid" role="grid" tabIndex={0} data-autofocus aria-label="Positions" data-testid="positions-table" aria-activedescendant={rows[at] ? `position-${rows[at]!.symbol}` : undefined} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Qty</th>
            <th className="num">Avg</th>
            <th className="num">Mark</th>
            <th className="num">Mkt value</th>
            <th className="num">Unrealized</th>
            <th className="num">Realized</th>
            <th className="num">Net</th>
            <th>Ccy</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <PositionRow key={p.symbol} position={p} cursor={i === at} selected={p.symbol === selected} onPick={() => useSelection.getState().select(p.symbol)} />
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">No positions.</td>
            </tr>
          )}
        </tbody>
        {s && (
          <tfoot>
            <tr className="totals" data-testid="pnl-total">
              <td colSpan={5}>Total ({s.baseCurrency}){s.missingRates.length > 0 ? ` — no FX rate for ${s.missingRates.join(', ')}` : ''}</td>
              <td className={`num ${signClass(s.unrealizedPnlBase)}`} data-field="unrealized-total">{formatMoney(s.unrealizedPnlBase, true)}</td>
              <td className={`num ${signClass(s.realizedPnlBase)}`}>{formatMoney(s.realizedPnlBase, true)}</td>
              <td className={`num ${signClass(s.netPnlBase)}`} data-field="net-total" title={`commissions ${formatMoney(s.commissionsBase)}`}>{formatMoney(s.netPnlBase, true)}</td>
              <td>{s.baseCurrency}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
