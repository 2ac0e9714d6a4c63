// Owns the fake account: cash, positions with average cost, realized P&L, commissions and the account-summary tags.
import type { InstrumentSpec, PositionRecord } from './types';

interface Holding {
  instrument: InstrumentSpec;
  quantity: number;
  /** Average price per unit, without the multiplier. */
  avgPrice: number;
}

export interface FillOutcome {
  readonly realizedPnl: number | undefined;
  readonly position: PositionRecord;
}

export interface SummaryValue {
  readonly value: string;
  readonly currency: string;
}

/** IB-like tiered-free pricing: per share for stocks (min $1, max 1% of value), per contract for futures, bps for FX. */
export function commissionFor(instrument: InstrumentSpec, quantity: number, price: number): number {
  const value = quantity * price * instrument.multiplier;
  let c: number;
  switch (instrument.secType) {
    case 'FUT':
      c = 2.25 * quantity;
      break;
    case 'CASH':
      c = Math.max(2, value * 0.00002);
      break;
    case 'STK':
    case 'OPT':
    case 'IND':
      c = Math.min(Math.max(1, 0.005 * quantity), Math.max(1, value * 0.01));
      break;
    default: {
      const unreachable: never = instrument.secType;
      throw new Error(`unknown secType ${String(unreachable)}`);
    }
  }
  return Math.round(c * 100) / 100;
}

const money = (v: number): string => (Math.round(v * 100) / 100).toFixed(2);

export class Ledger {
  private cash: number;
  private realized = 0;
  private readonly holdings = new Map<number, Holding>();

  constructor(
    readonly account: string,
    startingCash: number,
  ) {
    this.cash = startingCash;
  }

  /** Seeds a position (for tests that start with inventory). */
  seed(instrument: InstrumentSpec, quantity: number, avgPrice: number): void {
    this.holdings.set(instrument.conId, { instrument, quantity, avgPrice });
  }

  applyFill(instrument: InstrumentSpec, side: 'BOT' | 'SLD', quantity: number, price: number, commission: number): FillOutcome {
    const h = this.holdings.get(instrument.conId) ?? { instrument, quantity: 0, avgPrice: 0 };
    const signed = side === 'BOT' ? quantity : -quantity;
    let realizedPnl: number | undefined;
    if (h.quantity !== 0 && Math.sign(h.quantity) !== Math.sign(signed)) {
      const closing = Math.min(Math.abs(h.quantity), quantity);
      realizedPnl = (price - h.avgPrice) * closing * Math.sign(h.quantity) * instrument.multiplier - commission;
      this.realized += realizedPnl;
    }
    const next = h.quantity + signed;
    if (next === 0) h.avgPrice = 0;
    else if (Math.sign(next) !== Math.sign(h.quantity)) h.avgPrice = price; // opened, or flipped through zero
    else if (Math.abs(next) > Math.abs(h.quantity)) h.avgPrice = (h.avgPrice * h.quantity + price * signed) / next;
    h.quantity = next;
    this.holdings.set(instrument.conId, h);
    // Futures settle P&L, not notional; stocks and FX move cash by the traded value.
    if (instrument.secType === 'FUT') this.cash += realizedPnl ?? -commission; // realizedPnl is already net of commission
    else this.cash -= signed * price * instrument.multiplier + commission;
    return { realizedPnl: realizedPnl === undefined ? undefined : Math.round(realizedPnl * 100) / 100, position: this.record(h) };
  }

  positions(): PositionRecord[] {
    return [...this.holdings.values()].map((h) => this.record(h));
  }

  /** Account-summary tags valued at the given marks. */
  summary(mark: (instrument: InstrumentSpec) => number): Map<string, SummaryValue> {
    let marketValue = 0;
    let gross = 0;
    for (const h of this.holdings.values()) {
      const px = mark(h.instrument);
      const value = h.quantity * px * h.instrument.multiplier;
      gross += Math.abs(value);
      marketValue += h.instrument.secType === 'FUT' ? h.quantity * (px - h.avgPrice) * h.instrument.multiplier : value;
    }
    const netLiq = this.cash + marketValue;
    const initMargin = gross * 0.25;
    const maintMargin = gross * 0.2;
    const usd = (v: number): SummaryValue => ({ value: money(v), currency: 'USD' });
    return new Map<string, SummaryValue>([
      ['AccountType', { value: 'INDIVIDUAL', currency: '' }],
      ['NetLiquidation', usd(netLiq)],
      ['TotalCashValue', usd(this.cash)],
      ['SettledCash', usd(this.cash)],
      ['GrossPositionValue', usd(gross)],
      ['InitMarginReq', usd(initMargin)],
      ['MaintMarginReq', usd(maintMargin)],
      ['AvailableFunds', usd(netLiq - initMargin)],
      ['ExcessLiquidity', usd(netLiq - maintMargin)],
      ['BuyingPower', usd(Math.max(0, (netLiq - initMargin) * 4))],
      ['EquityWithLoanValue', usd(netLiq)],
      ['RealizedPnL', usd(this.realized)],
      ['Cushion', { value: netLiq > 0 ? ((netLiq - maintMargin) / netLiq).toFixed(4) : '0', currency: '' }],
    ]);
  }

  private record(h: Holding): PositionRecord {
    return { account: this.account, instrument: h.instrument, quantity: h.quantity, avgCost: h.avgPrice * h.instrument.multiplier };
  }
}
