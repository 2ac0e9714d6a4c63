// The table of limit kinds: the one place a kind is defined. The order path, the limit monitor, the API schema and
// the UI all read it; RiskLimit is derived from it, so a kind added here is a kind everywhere.
import type { RiskDenial } from './denial';
import type { LimitContext, LimitOf, LimitUnit, ParamDescriptor, Usage } from './limitKind';
import type { OrderCheck } from './riskBook';
import { maxOrderQuantity } from './kinds/maxOrderQuantity';
import { maxOrderNotional } from './kinds/maxOrderNotional';
import { priceCollarPercent } from './kinds/priceCollarPercent';
import { priceCollarTicks } from './kinds/priceCollarTicks';
import { fatFingerAdv } from './kinds/fatFingerAdv';
import { duplicateOrderWindow } from './kinds/duplicateOrderWindow';
import { allowedSymbols } from './kinds/allowedSymbols';
import { restrictedSymbols } from './kinds/restrictedSymbols';
import { maxPosition } from './kinds/maxPosition';
import { maxGrossExposure } from './kinds/maxGrossExposure';
import { maxNetExposure } from './kinds/maxNetExposure';
import { maxLeverage } from './kinds/maxLeverage';
import { maxSymbolConcentration } from './kinds/maxSymbolConcentration';
import { maxSectorConcentration } from './kinds/maxSectorConcentration';
import { maxCurrencyExposure } from './kinds/maxCurrencyExposure';
import { maxDailyLoss } from './kinds/maxDailyLoss';
import { orderRate } from './kinds/orderRate';
import { messageRate } from './kinds/messageRate';
import { maxDrawdown } from './kinds/maxDrawdown';
import { maxDailyAdvFraction } from './kinds/maxDailyAdvFraction';
import { maxTurnover } from './kinds/maxTurnover';
import { maxIndustryConcentration } from './kinds/maxIndustryConcentration';
import { maxVar } from './kinds/maxVar';
import { maxEs } from './kinds/maxEs';

export const LIMIT_KINDS = {
  MAX_ORDER_QUANTITY: maxOrderQuantity,
  MAX_ORDER_NOTIONAL: maxOrderNotional,
  PRICE_COLLAR_PERCENT: priceCollarPercent,
  PRICE_COLLAR_TICKS: priceCollarTicks,
  FAT_FINGER_ADV: fatFingerAdv,
  DUPLICATE_ORDER_WINDOW: duplicateOrderWindow,
  ALLOWED_SYMBOLS: allowedSymbols,
  RESTRICTED_SYMBOLS: restrictedSymbols,
  MAX_POSITION: maxPosition,
  MAX_GROSS_EXPOSURE: maxGrossExposure,
  MAX_NET_EXPOSURE: maxNetExposure,
  MAX_LEVERAGE: maxLeverage,
  MAX_SYMBOL_CONCENTRATION: maxSymbolConcentration,
  MAX_SECTOR_CONCENTRATION: maxSectorConcentration,
  MAX_CURRENCY_EXPOSURE: maxCurrencyExposure,
  MAX_DAILY_LOSS: maxDailyLoss,
  ORDER_RATE: orderRate,
  MESSAGE_RATE: messageRate,
  MAX_DRAWDOWN: maxDrawdown,
  MAX_DAILY_ADV_FRACTION: maxDailyAdvFraction,
  MAX_TURNOVER: maxTurnover,
  MAX_INDUSTRY_CONCENTRATION: maxIndustryConcentration,
  MAX_VAR: maxVar,
  MAX_ES: maxEs,
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
