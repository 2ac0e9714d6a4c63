// The table of limit kinds: the one place a kind is defined. The order path, the limit monitor, the API schema and
// the UI all read it; RiskLimit is derived from it, so a kind added here is a kind everywhere.
import type { RiskDenial } from './denial';
import type { LimitContext, LimitOf, LimitUnit, ParamDescriptor, Usage } from './limitKind';
import type { OrderCheck } from './riskBook';
import * as order from './kinds/orderKinds';
import * as account from './kinds/accountKinds';
import * as portfolio from './kinds/portfolioKinds';

export const LIMIT_KINDS = {
  MAX_ORDER_QUANTITY: order.maxOrderQuantity,
  MAX_ORDER_NOTIONAL: order.maxOrderNotional,
  PRICE_COLLAR_PERCENT: order.priceCollarPercent,
  PRICE_COLLAR_TICKS: order.priceCollarTicks,
  FAT_FINGER_ADV: order.fatFingerAdv,
  DUPLICATE_ORDER_WINDOW: order.duplicateOrderWindow,
  ALLOWED_SYMBOLS: order.allowedSymbols,
  RESTRICTED_SYMBOLS: order.restrictedSymbols,
  MAX_POSITION: account.maxPosition,
  MAX_GROSS_EXPOSURE: account.maxGrossExposure,
  MAX_NET_EXPOSURE: account.maxNetExposure,
  MAX_LEVERAGE: account.maxLeverage,
  MAX_SYMBOL_CONCENTRATION: account.maxSymbolConcentration,
  MAX_SECTOR_CONCENTRATION: account.maxSectorConcentration,
  MAX_CURRENCY_EXPOSURE: account.maxCurrencyExposure,
  MAX_DAILY_LOSS: account.maxDailyLoss,
  ORDER_RATE: account.orderRate,
  MESSAGE_RATE: account.messageRate,
  MAX_DRAWDOWN: portfolio.maxDrawdown,
  MAX_DAILY_ADV_FRACTION: portfolio.maxDailyAdvFraction,
  MAX_TURNOVER: portfolio.maxTurnover,
  MAX_INDUSTRY_CONCENTRATION: portfolio.maxIndustryConcentration,
  MAX_VAR: portfolio.maxVar,
  MAX_ES: portfolio.maxEs,
} as const;

type Kinds = typeof LIMIT_KINDS;
export type RiskLimitKind = keyof Kinds;

/** One limit: its kind's parameters plus an id and what a breach does. */
export type RiskLimit = { [K in RiskLimitKind]: LimitOf<K, Kinds[K]['params']> }[RiskLimitKind];

// Every entry is filed under its own kind (a compile error names the misfiled one).
type Misfiled = { [K in RiskLimitKind]: Kinds[K]['kind'] extends K ? never : K }[RiskLimitKind];
const filedUnderOwnKind: [Misfiled] extends [never] ? true : Misfiled = true;
void filedUnderOwnKind;

/** A kind as generic code (the check loop, the monitor, the schema) handles it; the table guarantees the pairing. */
export interface GenericLimitKind {
  readonly kind: RiskLimitKind;
  readonly label: string;
  readonly unit: LimitUnit;
  readonly scope: 'ORDER' | 'ACCOUNT';
  readonly params: ParamDescriptor;
  readonly threshold: string | null;
  compile(limit: RiskLimit): unknown;
  check(limit: RiskLimit, c: OrderCheck, ctx: LimitContext, state: unknown): RiskDenial | null;
  usage(limit: RiskLimit, ctx: LimitContext, state: unknown, now: number): Usage | null;
  usageAfter(limit: RiskLimit, c: OrderCheck, ctx: LimitContext, state: unknown): number | null;
  recordAccepted?(state: unknown, c: OrderCheck, isNew: boolean, now: number): void;
  recordCancel?(state: unknown, now: number): void;
}

export const LIMIT_KIND_LIST: readonly GenericLimitKind[] = Object.values(LIMIT_KINDS) as readonly unknown[] as readonly GenericLimitKind[];

export const isLimitKind = (value: unknown): value is RiskLimitKind => typeof value === 'string' && Object.prototype.hasOwnProperty.call(LIMIT_KINDS, value);

export const kindOf = (limit: { readonly kind: RiskLimitKind }): GenericLimitKind => LIMIT_KINDS[limit.kind] as unknown as GenericLimitKind;
