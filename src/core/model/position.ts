// Positions and P&L snapshots as reported to the UI, risk and reports.
import type { CurrencyCode, Symbol } from './instrument';
import type { AccountId } from './ids';

export interface PositionSnapshot {
  readonly account: AccountId;
  readonly symbol: Symbol;
  readonly currency: CurrencyCode;
  /** Signed: positive long, negative short. */
  readonly quantity: number;
  readonly averageCost: number;
  readonly markPrice: number | null;
  /** In the instrument's currency, rounded to the minor unit. */
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly commissions: number;
  readonly marketValue: number;
}

export interface CurrencyPnl {
  readonly currency: CurrencyCode;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly commissions: number;
  /** realized + unrealized − commissions. */
  readonly netPnl: number;
}

export interface PnlSummary {
  readonly baseCurrency: CurrencyCode;
  readonly byCurrency: readonly CurrencyPnl[];
  /** Converted through the FX rates known at the time of the snapshot. */
  readonly realizedPnlBase: number;
  readonly unrealizedPnlBase: number;
  readonly commissionsBase: number;
  readonly netPnlBase: number;
  /** Currencies with P&L but no FX rate: their amounts are missing from the base totals. */
  readonly missingRates: readonly CurrencyCode[];
}
