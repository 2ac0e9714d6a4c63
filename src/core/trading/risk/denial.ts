// Pre-trade risk denials: a closed union of SCREAMING_SNAKE codes, each with the context a trader needs to act.
import type { CurrencyCode, Symbol } from '../../model/instrument';
import type { OrderType, TimeInForce } from '../../model/order';

type WithLimit<T> = T & { readonly limitId: string };

export type RiskDenial =
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly symbol: Symbol }
  | { readonly code: 'QUANTITY_NOT_POSITIVE'; readonly quantity: number }
  | { readonly code: 'QUANTITY_NOT_ON_LOT'; readonly quantity: number; readonly lotSize: number }
  | { readonly code: 'PRICE_NOT_ON_TICK'; readonly price: number; readonly tickSize: number }
  | { readonly code: 'MISSING_LIMIT_PRICE'; readonly type: OrderType }
  | { readonly code: 'MISSING_STOP_PRICE'; readonly type: OrderType }
  | { readonly code: 'UNSUPPORTED_TIME_IN_FORCE'; readonly type: OrderType; readonly timeInForce: TimeInForce }
  | { readonly code: 'NO_REFERENCE_PRICE'; readonly symbol: Symbol }
  | { readonly code: 'NO_FX_RATE'; readonly currency: CurrencyCode }
  | { readonly code: 'KILL_SWITCH_ENGAGED'; readonly reason: string }
  | { readonly code: 'REDUCE_ONLY'; readonly symbol: Symbol; readonly position: number; readonly openSameSide: number; readonly quantity: number }
  | WithLimit<{ readonly code: 'QUANTITY_EXCEEDS_MAX'; readonly quantity: number; readonly max: number }>
  | WithLimit<{ readonly code: 'NOTIONAL_EXCEEDS_MAX'; readonly notional: number; readonly max: number }>
  | WithLimit<{ readonly code: 'PRICE_OUTSIDE_COLLAR'; readonly price: number; readonly referencePrice: number; readonly deviationPercent: number; readonly maxPercent: number }>
  | WithLimit<{ readonly code: 'PRICE_OUTSIDE_COLLAR_TICKS'; readonly price: number; readonly referencePrice: number; readonly deviationTicks: number; readonly maxTicks: number }>
  | WithLimit<{ readonly code: 'QUANTITY_EXCEEDS_ADV_FRACTION'; readonly quantity: number; readonly averageDailyVolume: number; readonly fraction: number; readonly maxFraction: number }>
  | WithLimit<{ readonly code: 'DUPLICATE_ORDER'; readonly windowMs: number; readonly previousTime: number }>
  | WithLimit<{ readonly code: 'SYMBOL_NOT_ALLOWED'; readonly symbol: Symbol }>
  | WithLimit<{ readonly code: 'SYMBOL_RESTRICTED'; readonly symbol: Symbol }>
  | WithLimit<{ readonly code: 'POSITION_EXCEEDS_MAX'; readonly symbol: Symbol; readonly position: number; readonly max: number }>
  | WithLimit<{ readonly code: 'GROSS_EXPOSURE_EXCEEDS_MAX'; readonly exposure: number; readonly max: number }>
  | WithLimit<{ readonly code: 'NET_EXPOSURE_EXCEEDS_MAX'; readonly exposure: number; readonly max: number }>
  | WithLimit<{ readonly code: 'LEVERAGE_EXCEEDS_MAX'; readonly leverage: number; readonly max: number; readonly equity: number }>
  | WithLimit<{ readonly code: 'SYMBOL_CONCENTRATION_EXCEEDS_MAX'; readonly symbol: Symbol; readonly fraction: number; readonly maxFraction: number }>
  | WithLimit<{ readonly code: 'SECTOR_CONCENTRATION_EXCEEDS_MAX'; readonly sector: string; readonly fraction: number; readonly maxFraction: number }>
  | WithLimit<{ readonly code: 'CURRENCY_EXPOSURE_EXCEEDS_MAX'; readonly currency: CurrencyCode; readonly exposure: number; readonly max: number }>
  | WithLimit<{ readonly code: 'DAILY_LOSS_EXCEEDS_MAX'; readonly loss: number; readonly max: number }>
  | WithLimit<{ readonly code: 'ORDER_RATE_EXCEEDED'; readonly count: number; readonly max: number; readonly windowMs: number }>
  | WithLimit<{ readonly code: 'MESSAGE_RATE_EXCEEDED'; readonly count: number; readonly max: number; readonly windowMs: number }>
  | WithLimit<{ readonly code: 'DRAWDOWN_EXCEEDS_MAX'; readonly from: 'DAY_START' | 'PEAK'; readonly drawdown: number; readonly maxFraction: number; readonly equity: number; readonly referenceEquity: number }>
  | WithLimit<{ readonly code: 'DAILY_ADV_FRACTION_EXCEEDS_MAX'; readonly symbol: Symbol; readonly quantity: number; readonly averageDailyVolume: number; readonly fraction: number; readonly maxFraction: number }>
  | WithLimit<{ readonly code: 'TURNOVER_EXCEEDS_MAX'; readonly turnover: number; readonly max: number }>
  | WithLimit<{ readonly code: 'INDUSTRY_CONCENTRATION_EXCEEDS_MAX'; readonly industry: string; readonly fraction: number; readonly maxFraction: number }>
  | WithLimit<{ readonly code: 'VAR_EXCEEDS_MAX'; readonly valueAtRisk: number; readonly max: number; readonly confidence: number }>
  | WithLimit<{ readonly code: 'ES_EXCEEDS_MAX'; readonly expectedShortfall: number; readonly max: number; readonly confidence: number }>
  /** A VaR/ES limit is set but no estimate exists for the book with this order (no estimator, or `symbol` lacks history). */
  | WithLimit<{ readonly code: 'RISK_ESTIMATE_UNAVAILABLE'; readonly symbol: Symbol; readonly measure: 'VAR' | 'ES' }>;

export type RiskDenialCode = RiskDenial['code'];
