// The limits a new paper account starts with: conservative enough to catch a fat finger, loose enough to trade.
import type { RiskLimit } from '../../core/trading/risk/limits';

/** Paper capital, in the base currency. */
export const DEFAULT_CAPITAL = 1_000_000;
export const BASE_CURRENCY = 'USD';

export const DEFAULT_LIMITS: readonly RiskLimit[] = [
  { id: 'order-qty', kind: 'MAX_ORDER_QUANTITY', max: 100_000 },
  { id: 'order-notional', kind: 'MAX_ORDER_NOTIONAL', max: 500_000 },
  { id: 'collar-pct', kind: 'PRICE_COLLAR_PERCENT', maxPercent: 10 },
  { id: 'fat-finger', kind: 'FAT_FINGER_ADV', maxFraction: 0.05 },
  { id: 'duplicate', kind: 'DUPLICATE_ORDER_WINDOW', windowMs: 500 },
  { id: 'position', kind: 'MAX_POSITION', max: 250_000 },
  { id: 'gross', kind: 'MAX_GROSS_EXPOSURE', max: 4_000_000 },
  { id: 'net', kind: 'MAX_NET_EXPOSURE', max: 2_000_000 },
  { id: 'leverage', kind: 'MAX_LEVERAGE', max: 4 },
  { id: 'symbol-concentration', kind: 'MAX_SYMBOL_CONCENTRATION', maxFraction: 0.5 },
  { id: 'sector-concentration', kind: 'MAX_SECTOR_CONCENTRATION', maxFraction: 1.5 },
  { id: 'currency', kind: 'MAX_CURRENCY_EXPOSURE', max: 1_500_000 },
  { id: 'daily-loss', kind: 'MAX_DAILY_LOSS', max: 50_000 },
  { id: 'order-rate', kind: 'ORDER_RATE', max: 100, windowMs: 1_000 },
  { id: 'message-rate', kind: 'MESSAGE_RATE', max: 250, windowMs: 1_000 },
];
