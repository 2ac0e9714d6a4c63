// The rebalance preview as the trader edits it: typed quantities → the order lines to send, the target weights they
// imply (to re-estimate costs and risk), and the sentence the confirmation shows.
import type { PortfolioRebalance } from '../../../shared/contracts/portfolio';
import { formatMoney, formatQuantity } from '../common/format';

export type PreviewOrder = PortfolioRebalance['orders'][number];

/** symbol → the quantity as typed; a symbol not in it keeps the previewed quantity. */
export type QuantityEdits = Readonly<Record<string, string>>;

export interface EditedLine {
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly price: number;
  /** quantity × price at the preview's price. */
  readonly notional: number;
  readonly edited: boolean;
}

export type EditedPlan = { readonly ok: true; readonly lines: readonly EditedLine[] } | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** The lines to send: each previewed order at its edited quantity; 0 drops it; anything else not a positive number is refused on its row. */
export function editedLines(orders: readonly PreviewOrder[], edits: QuantityEdits): EditedPlan {
  const lines: EditedLine[] = [];
  const errors: Record<string, string> = {};
  for (const o of orders) {
    const typed = edits[o.symbol];
    const edited = typed !== undefined && typed.trim() !== String(o.quantity);
    const quantity = typed === undefined ? o.quantity : typed.trim() === '' ? Number.NaN : Number(typed.trim());
    if (!Number.isFinite(quantity) || quantity < 0) {
      errors[o.symbol] = `${o.symbol}: '${typed ?? ''}' is not a quantity (0 drops the order)`;
      continue;
    }
    if (quantity === 0) continue;
    lines.push({ symbol: o.symbol, side: o.side, quantity, price: o.price, notional: quantity * o.price, edited });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/** The weights the book would hold after the edited lines at the preview's prices (to ask the backend for costs and risk). */
export function impliedWeights(plan: PortfolioRebalance, lines: readonly EditedLine[], symbols: readonly string[], held: Readonly<Record<string, number>>): Record<string, number> {
  const prices = new Map(plan.orders.map((o) => [o.symbol, o.price]));
  const byLine = new Map(lines.map((l) => [l.symbol, l]));
  const out: Record<string, number> = {};
  for (const s of symbols) {
    const line = byLine.get(s);
    const after = (held[s] ?? 0) + (line ? (line.side === 'BUY' ? line.quantity : -line.quantity) : 0);
    // A symbol without an order keeps its weight after the trade (the preview's own figure).
    const price = prices.get(s);
    out[s] = price === undefined ? (plan.weightsAfter[s] ?? 0) : plan.equity > 0 ? (after * price) / plan.equity : 0;
  }
  return out;
}

/** "BUY 120 NVTX, SELL 30 QBIT (2 orders, ≈ 25,000.00 notional)". */
export function describeLines(lines: readonly EditedLine[]): string {
  const notional = lines.reduce((a, l) => a + l.notional, 0);
  const list = lines.map((l) => `${l.side} ${formatQuantity(l.quantity)} ${l.symbol}`).join(', ');
  return `${list} (${lines.length} market order${lines.length === 1 ? '' : 's'}, ≈ ${formatMoney(notional)} notional)`;
}
