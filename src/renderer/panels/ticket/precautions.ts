// TWS-style precautionary checks on a ticket order: softer than risk limits, they ask the trader to confirm (naming the
// check and by how much) instead of refusing. Also the intent checks: `sell` beyond the long, `cover` beyond the short.
import type { OrderSide } from '../../../core/model/order';
import { formatMoney, formatQuantity } from '../common/format';
import type { Intent } from './orderParser';

export interface PrecautionSettings {
  /** Ask when the order is for more than this many shares (0 = off). */
  readonly maxShares: number;
  /** Ask when the notional in the base currency is above this (0 = off). */
  readonly maxNotional: number;
  /** Ask when a limit price is more than this % through the market, on the side that fills (0 = off). */
  readonly maxPercentFromMarket: number;
  /** Ask when the quantity is more than this % of the average daily volume (0 = off). */
  readonly maxPercentOfAdv: number;
  /** Ask when the order turns a long into a short or the other way round. */
  readonly confirmReversal: boolean;
  /** `sell` beyond the long or `cover` beyond the short: refused, or asked. */
  readonly intentMismatch: 'refuse' | 'confirm';
}

export const DEFAULT_PRECAUTIONS: PrecautionSettings = {
  maxShares: 1_000,
  maxNotional: 100_000,
  maxPercentFromMarket: 3,
  maxPercentOfAdv: 1,
  confirmReversal: true,
  intentMismatch: 'refuse',
};

export interface PrecautionOrder {
  readonly intent: Intent;
  readonly side: OrderSide;
  readonly symbol: string;
  readonly quantity: number;
  /** The order's limit price; null for market and stop orders. */
  readonly price: number | null;
}

export interface PrecautionMarket {
  /** Signed position held now. */
  readonly position: number;
  /** The market price a limit is compared with (last or mid); null when unknown. */
  readonly marketPrice: number | null;
  /** The order's notional in the base currency (the API's preview, converted); null when unknown. */
  readonly notionalBase: number | null;
  readonly baseCurrency: string;
  readonly averageDailyVolume: number | null;
}

export type PrecautionCode = 'SIZE' | 'NOTIONAL' | 'PRICE_FROM_MARKET' | 'ADV' | 'REVERSAL' | 'SELL_BEYOND_LONG' | 'COVER_BEYOND_SHORT';

export interface Precaution {
  readonly code: PrecautionCode;
  /** Names the check and by how much it is exceeded. */
  readonly text: string;
}

export type PrecautionVerdict = { readonly kind: 'clear' } | { readonly kind: 'refuse'; readonly reason: Precaution } | { readonly kind: 'confirm'; readonly checks: readonly Precaution[] };

/** The signed position after the order fills completely. */
export const resultingPosition = (position: number, side: OrderSide, quantity: number): number => position + (side === 'BUY' ? quantity : -quantity);

export const reverses = (before: number, after: number): boolean => (before > 0 && after < 0) || (before < 0 && after > 0);

const times = (value: number, limit: number) => `${(value / limit).toFixed(1)}×`;
const pct = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)}%`;

/** `sell` closes a long and `cover` closes a short: going past them is a different order (`short`, `buy`). */
function intentCheck(order: PrecautionOrder, position: number): Precaution | null {
  const q = formatQuantity(order.quantity);
  if (order.intent === 'sell' && order.quantity > Math.max(position, 0)) {
    const text =
      position > 0
        ? `sell ${q} ${order.symbol} is more than your long ${formatQuantity(position)}: it would leave you short ${formatQuantity(order.quantity - position)} (use short to go short)`
        : `sell ${q} ${order.symbol}: you are not long ${order.symbol} (${position === 0 ? 'flat' : `short ${formatQuantity(-position)}`}); use short to sell short`;
    return { code: 'SELL_BEYOND_LONG', text };
  }
  if (order.intent === 'cover' && order.quantity > Math.max(-position, 0)) {
    const text =
      position < 0
        ? `cover ${q} ${order.symbol} is more than your short ${formatQuantity(-position)}: it would leave you long ${formatQuantity(order.quantity + position)} (use buy to go long)`
        : `cover ${q} ${order.symbol}: you are not short ${order.symbol} (${position === 0 ? 'flat' : `long ${formatQuantity(position)}`}); use buy to add`;
    return { code: 'COVER_BEYOND_SHORT', text };
  }
  return null;
}

/** Each check that trips, in a fixed order; an intent mismatch refuses outright unless the settings say ask. */
export function checkPrecautions(order: PrecautionOrder, market: PrecautionMarket, settings: PrecautionSettings): PrecautionVerdict {
  const checks: Precaution[] = [];
  const mismatch = intentCheck(order, market.position);
  if (mismatch) {
    if (settings.intentMismatch === 'refuse') return { kind: 'refuse', reason: mismatch };
    checks.push(mismatch);
  }
  if (settings.maxShares > 0 && order.quantity > settings.maxShares) {
    checks.push({ code: 'SIZE', text: `Size: ${formatQuantity(order.quantity)} sh is over ${formatQuantity(settings.maxShares)} sh (${times(order.quantity, settings.maxShares)})` });
  }
  if (settings.maxNotional > 0 && market.notionalBase !== null && market.notionalBase > settings.maxNotional) {
    checks.push({
      code: 'NOTIONAL',
      text: `Notional: ${formatMoney(market.notionalBase)} ${market.baseCurrency} is over ${formatMoney(settings.maxNotional)} ${market.baseCurrency} (${times(market.notionalBase, settings.maxNotional)})`,
    });
  }
  // Only a limit through the market (a buy above it, a sell below) trades at the typo; one away from it just rests.
  if (settings.maxPercentFromMarket > 0 && order.price !== null && market.marketPrice !== null && market.marketPrice > 0) {
    const through = order.side === 'BUY' ? order.price - market.marketPrice : market.marketPrice - order.price;
    const away = (through / market.marketPrice) * 100;
    if (away > settings.maxPercentFromMarket) {
      checks.push({ code: 'PRICE_FROM_MARKET', text: `Price: ${order.price} is ${pct(away)} ${order.side === 'BUY' ? 'above' : 'below'} the market ${market.marketPrice} (over ${pct(settings.maxPercentFromMarket)})` });
    }
  }
  if (settings.maxPercentOfAdv > 0 && market.averageDailyVolume !== null && market.averageDailyVolume > 0) {
    const share = (order.quantity / market.averageDailyVolume) * 100;
    if (share > settings.maxPercentOfAdv) {
      checks.push({ code: 'ADV', text: `Volume: ${formatQuantity(order.quantity)} sh is ${pct(share)} of the average daily volume ${formatQuantity(Math.round(market.averageDailyVolume))} (over ${pct(settings.maxPercentOfAdv)})` });
    }
  }
  const after = resultingPosition(market.position, order.side, order.quantity);
  if (settings.confirmReversal && reverses(market.position, after) && !mismatch) {
    checks.push({ code: 'REVERSAL', text: `Reversal: ${order.symbol} goes from ${formatQuantity(market.position)} to ${formatQuantity(after)}` });
  }
  return checks.length ? { kind: 'confirm', checks } : { kind: 'clear' };
}

/** "→ −200, REVERSES" / "→ 300" / "→ 0, FLAT": what the preview shows after the position. */
export function describeResult(before: number, after: number): string {
  const tail = after === 0 ? ', FLAT' : reverses(before, after) ? ', REVERSES' : '';
  return `→ ${formatQuantity(after).replace(/^-/, '−')}${tail}`;
}

/** Validates stored settings field by field, keeping the default for anything missing or not a finite number ≥ 0. */
export function parsePrecautionSettings(raw: unknown): PrecautionSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_PRECAUTIONS;
  const r = raw as Record<string, unknown>;
  const num = (key: 'maxShares' | 'maxNotional' | 'maxPercentFromMarket' | 'maxPercentOfAdv') => {
    const v = r[key];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : DEFAULT_PRECAUTIONS[key];
  };
  return {
    maxShares: num('maxShares'),
    maxNotional: num('maxNotional'),
    maxPercentFromMarket: num('maxPercentFromMarket'),
    maxPercentOfAdv: num('maxPercentOfAdv'),
    confirmReversal: typeof r.confirmReversal === 'boolean' ? r.confirmReversal : DEFAULT_PRECAUTIONS.confirmReversal,
    intentMismatch: r.intentMismatch === 'confirm' || r.intentMismatch === 'refuse' ? r.intentMismatch : DEFAULT_PRECAUTIONS.intentMismatch,
  };
}
