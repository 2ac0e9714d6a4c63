// An open run's executions: each SMART order or algorithm its strategy sent, with its TCA (shortfall against the
// arrival mid split into spread, impact, timing and fees, and against the interval VWAP), expanding to its children.
// Keyboard: ↑↓ move between parents, → or Enter expands, ← collapses.
import { Fragment, useState, type KeyboardEvent } from 'react';
import type { ExecutionRecord } from '../../../core/backtest/executionRecord';
import type { Cost } from '../../../core/execution/tca';
import { formatMoney, formatPrice, formatQuantity } from '../common/format';

/** The most parents drawn at once; a run with more says so. */
export const SHOWN_PARENTS = 500;

const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
const bps = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
const costCell = (c: Cost | undefined, currency: string | undefined) => (c ? <td className="num" title={`${formatMoney(c.amount)} ${currency} · ${c.bps.toFixed(2)} bp`}>{formatMoney(c.amount)}</td> : <td className="num">—</td>);

function Children({ execution, id }: { execution: ExecutionRecord; id: string }) {
  if (execution.children.length === 0) return <p className="muted" id={id}>No child orders were sent.</p>;
  return (
    <table className="grid bt-exec-children" id={id} data-testid="backtest-exec-children" aria-label={`Children of ${execution.parent.parentId}`}>
      <thead>
        <tr>
          <th>Child</th>
          <th>Venue</th>
          <th>Liquidity</th>
          <th>Sent (UTC)</th>
          <th className="num">Qty</th>
          <th className="num">Limit</th>
          <th className="num">Filled</th>
          <th className="num">Avg price</th>
        </tr>
      </thead>
      <tbody>
        {execution.children.map((c) => (
          <tr key={c.childId} data-testid="backtest-exec-child" data-child-id={c.childId}>
            <td>{c.childId}</td>
            <td>{c.venue}</td>
            <td>{c.liquidity === 'TAKE' ? 'take' : 'rest'}</td>
            <td>{when(c.sentAt)}</td>
            <td className="num">{formatQuantity(c.quantity)}</td>
            <td className="num">{c.limitPrice === null ? 'MKT' : formatPrice(c.limitPrice)}</td>
            <td className="num">{formatQuantity(c.filled)}</td>
            <td className="num">{formatPrice(c.averagePrice)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COLUMNS = 18;

export function ExecutionsTable({ executions }: { executions: readonly ExecutionRecord[] }) {
  const [at, setAt] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  if (executions.length === 0) {
    return (
      <p className="muted" data-testid="backtest-executions-empty">
        No SMART orders or algorithms in this run: its strategy sent plain orders only (see Fills).
      </p>
    );
  }
  const shown = executions.slice(0, SHOWN_PARENTS);
  const cursor = Math.min(at, shown.length - 1);
  const toggle = (id: string, open?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    const id = shown[cursor]!.parent.parentId;
    if (e.key === 'ArrowDown') setAt(Math.min(cursor + 1, shown.length - 1));
    else if (e.key === 'ArrowUp') setAt(Math.max(cursor - 1, 0));
    else if (e.key === 'Home') setAt(0);
    else if (e.key === 'End') setAt(shown.length - 1);
    else if (e.key === 'ArrowRight') toggle(id, true);
    else if (e.key === 'ArrowLeft') toggle(id, false);
    else if (e.key === 'Enter' || e.key === ' ') toggle(id);
    else return;
    e.preventDefault();
  };
  return (
    <div className="bt-executions">
      <table
        className="grid bt-exec-parents"
        role="grid"
        tabIndex={0}
        aria-label="Execution parents"
        data-testid="backtest-executions"
        data-count={executions.length}
        onKeyDown={onKeyDown}
        title="↑↓ move · → or Enter shows the children · ← hides them. Costs in the instrument's currency, positive is a cost; hover a cost for its bp."
      >
        <thead>
          <tr>
            <th aria-label="Expand" />
            <th>Parent</th>
            <th>Algo</th>
            <th>Side</th>
            <th>Symbol</th>
            <th className="num">Qty</th>
            <th className="num">Filled</th>
            <th className="num">Avg price</th>
            <th className="num">Arrival</th>
            <th>State</th>
            <th>Start (UTC)</th>
            <th>End (UTC)</th>
            <th className="num" title="Implementation shortfall against the arrival mid, in the instrument's currency">IS</th>
            <th className="num" title="Implementation shortfall, bp of the arrival value of what filled">IS bp</th>
            <th className="num">Spread</th>
            <th className="num">Impact</th>
            <th className="num">Timing</th>
            <th className="num">Fees</th>
            <th className="num" title="Average fill against the market's VWAP over the parent's life, bp, positive when worse">vs VWAP bp</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e, i) => {
            const p = e.parent;
            const t = e.tca;
            const open = expanded.has(p.parentId);
            const childrenId = `bt-exec-children-${p.parentId}`;
            return (
              <Fragment key={p.parentId}>
                <tr
                  className={i === cursor ? 'cursor' : undefined}
                  aria-selected={i === cursor}
                  aria-expanded={open}
                  data-testid="backtest-exec-parent"
                  data-parent-id={p.parentId}
                  data-status={p.status}
                  onClick={() => (setAt(i), toggle(p.parentId))}
                >
                  <td>
                    <button type="button" tabIndex={-1} className="bt-exec-toggle" aria-expanded={open} aria-controls={open ? childrenId : undefined} aria-label={`${open ? 'Hide' : 'Show'} the ${e.children.length} children of ${p.parentId}`} onClick={(ev) => (ev.stopPropagation(), setAt(i), toggle(p.parentId))}>
                      {open ? '▾' : '▸'}
                    </button>
                  </td>
                  <td>{p.parentId}</td>
                  <td>{p.algo}</td>
                  <td className={p.side === 'BUY' ? 'up' : 'down'}>{p.side}</td>
                  <td>{p.symbol}</td>
                  <td className="num">{formatQuantity(p.quantity)}</td>
                  <td className="num">{formatQuantity(p.filled)}</td>
                  <td className="num">{formatPrice(p.averagePrice)}</td>
                  <td className="num">{formatPrice(p.arrivalMid)}</td>
                  <td>{p.status.toLowerCase()}</td>
                  <td>{when(p.createdAt)}</td>
                  <td>{when(p.endedAt)}</td>
                  <td className="num" data-testid="backtest-exec-is" data-value={t?.shortfall.amount ?? ''} title={t ? `${t.shortfall.bps.toFixed(2)} bp of the arrival value; spread + impact + timing + fees` : 'nothing filled: no TCA'}>
                    {t ? `${formatMoney(t.shortfall.amount)} ${t.currency}` : '—'}
                  </td>
                  <td className="num">{bps(t?.shortfall.bps)}</td>
                  {costCell(t?.spread, t?.currency)}
                  {costCell(t?.impact, t?.currency)}
                  {costCell(t?.timing, t?.currency)}
                  {costCell(t?.fees, t?.currency)}
                  <td className="num">{bps(t?.vsIntervalVwapBps)}</td>
                </tr>
                {open && (
                  <tr className="bt-exec-children-row">
                    <td />
                    <td colSpan={COLUMNS}>
                      <Children execution={e} id={childrenId} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {executions.length > SHOWN_PARENTS && <p className="muted">first {SHOWN_PARENTS} of {executions.length} parents</p>}
    </div>
  );
}
