// The rebalance preview: from the positions held now to the target, one editable market order per symbol with its
// estimated cost, the risk after the trade, and Send / Send as basket (each asks first) with what the send did.
import { describeOmsError } from '../common/denialText';
import { formatMoney, formatPrice, formatQuantity } from '../common/format';
import { percentOf } from './portfolioFigures';
import type { PortfolioField } from './portfolioForm';
import { usePortfolio } from './portfolioStore';
import { editedLines } from './rebalanceEdits';

export function RebalanceView(props: { onPreview(): void; onReestimate(): void; onSend(basket: boolean): void; onCancelBasket(basketId: string): void }) {
  const { form, errors, busy, preview, edits, rowErrors, sent, patchForm, set } = usePortfolio();
  const inv = (f: PortfolioField) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `pf-${f}-error` } : {});
  const plan = preview?.plan ?? null;
  const shown = preview?.edited ?? plan;
  const lines = plan ? editedLines(plan.orders, edits) : null;
  const anyEdit = Object.keys(edits).length > 0;

  return (
    <section aria-label="Rebalance" className="portfolio-rebalance">
      <h4>Rebalance</h4>
      <div className="bt-row">
        <div className={`bt-field${errors.cash ? ' bt-field-invalid' : ''}`}>
          <label htmlFor="pf-cash" title="cash to put to work beside the positions held in these symbols">
            Cash
          </label>
          <input id="pf-cash" data-testid="portfolio-cash" inputMode="decimal" value={form.cash} onChange={(e) => patchForm({ cash: e.target.value })} {...inv('cash')} />
          {errors.cash && <span className="bt-error" id="pf-cash-error" role="alert">{errors.cash}</span>}
        </div>
        <div className={`bt-field${errors.minOrderNotional ? ' bt-field-invalid' : ''}`}>
          <label htmlFor="pf-minOrderNotional" title="orders smaller than this are skipped">
            Min order
          </label>
          <input id="pf-minOrderNotional" inputMode="decimal" value={form.minOrderNotional} onChange={(e) => patchForm({ minOrderNotional: e.target.value })} {...inv('minOrderNotional')} />
          {errors.minOrderNotional && <span className="bt-error" id="pf-minOrderNotional-error" role="alert">{errors.minOrderNotional}</span>}
        </div>
        <div className="bt-actions">
          <button type="button" data-testid="portfolio-preview" disabled={busy !== null} onClick={props.onPreview}>
            Preview rebalance
          </button>
        </div>
      </div>

      {plan && shown && (
        <>
          <p className="muted">
            Equity {formatMoney(plan.equity)} at the last closes · orders go at market, each through pre-trade risk. Edit a quantity (0 drops the order).
          </p>
          <table className="grid" data-testid="portfolio-orders" aria-label="Rebalance orders">
            <thead>
              <tr>
                <th>Symbol</th><th>Side</th><th className="num">Quantity</th><th className="num">Price</th><th className="num">Notional</th><th className="num">Held → target</th><th className="num">Est. cost</th>
              </tr>
            </thead>
            <tbody>
              {plan.orders.map((o) => {
                const est = shown.orders.find((x) => x.symbol === o.symbol);
                const line = lines?.ok ? lines.lines.find((l) => l.symbol === o.symbol) : undefined;
                const error = rowErrors[o.symbol];
                return (
                  <tr key={o.symbol} data-symbol={o.symbol}>
                    <td className="sym">{o.symbol}</td>
                    <td className={o.side === 'BUY' ? 'up' : 'down'}>{o.side}</td>
                    <td className="num">
                      <input
                        className={`ticket-input${error ? ' invalid' : ''}`}
                        aria-label={`${o.symbol} quantity`}
                        data-testid={`portfolio-qty-${o.symbol}`}
                        inputMode="numeric"
                        size={8}
                        value={edits[o.symbol] ?? String(o.quantity)}
                        onChange={(e) => set({ edits: { ...edits, [o.symbol]: e.target.value }, preview: preview ? { ...preview, edited: null } : null })}
                        {...(error ? { 'aria-invalid': true, title: error } : {})}
                      />
                      {error && <span className="bt-error" role="alert" data-testid={`portfolio-row-error-${o.symbol}`}>{error}</span>}
                    </td>
                    <td className="num">{formatPrice(o.price)}</td>
                    <td className="num">{formatMoney(line?.notional ?? 0)}</td>
                    <td className="num">
                      {formatQuantity(o.currentQuantity)} → {formatQuantity(o.currentQuantity + (line ? (line.side === 'BUY' ? line.quantity : -line.quantity) : 0))}
                    </td>
                    <td className="num" data-figure="cost">{est ? formatMoney(est.cost.total) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={4}>Total{anyEdit && !preview?.edited ? ' (as previewed; re-estimate for the edits)' : ''}</td>
                <td className="num">{lines?.ok ? formatMoney(lines.lines.reduce((a, l) => a + l.notional, 0)) : '—'}</td>
                <td className="num">cash after {formatMoney(shown.cashAfter)}</td>
                <td className="num" data-testid="portfolio-total-cost">{formatMoney(shown.totalCost)}</td>
              </tr>
            </tfoot>
          </table>
          {plan.skipped.length > 0 && (
            <p className="muted" data-testid="portfolio-skipped">
              Skipped: {plan.skipped.map((s) => `${s.symbol} ${formatQuantity(s.quantity)} (${s.reason})`).join('; ')}
            </p>
          )}
          <p data-testid="portfolio-risk-after">
            Risk after the trade: volatility <b>{percentOf(shown.volatilityAfter)}</b>
            <span className="muted">
              {' '}
              · contributions {Object.entries(shown.riskContributionsAfter).map(([s, r]) => `${s} ${percentOf(r)}`).join(', ')}
            </span>
          </p>
          <div className="bt-actions">
            <button type="button" data-testid="portfolio-reestimate" disabled={busy !== null || !anyEdit} onClick={props.onReestimate}>
              Re-estimate edits
            </button>
            {/* A preview is sent once: sending again needs a new preview from the positions as they are then. */}
            <button type="button" className="danger" data-testid="portfolio-send" disabled={busy !== null || sent !== null} onClick={() => props.onSend(false)}>
              Send
            </button>
            <button type="button" className="danger" data-testid="portfolio-send-basket" disabled={busy !== null || sent !== null} onClick={() => props.onSend(true)}>
              Send as basket
            </button>
            {sent && <span className="muted">Sent: preview again to trade from the new positions.</span>}
          </div>
        </>
      )}

      {sent && (
        <div data-testid="portfolio-sent" aria-live="polite">
          <p>
            Sent {sent.sent.length} order{sent.sent.length === 1 ? '' : 's'}
            {sent.basketId ? ` as basket ${sent.basketId}` : ''}
            {sent.denied.length > 0 ? `; ${sent.denied.length} denied` : ''}.
            {sent.basketId && (
              <>
                {' '}
                <button type="button" data-testid="portfolio-cancel-basket" disabled={busy !== null} onClick={() => props.onCancelBasket(sent.basketId!)}>
                  Cancel basket
                </button>
              </>
            )}
          </p>
          {sent.denied.length > 0 && (
            <ul className="bt-error" data-testid="portfolio-denied">
              {sent.denied.map((d) => (
                <li key={d.index} data-symbol={d.symbol}>
                  {d.side} {formatQuantity(d.quantity)} {d.symbol}: {describeOmsError(d.error)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
