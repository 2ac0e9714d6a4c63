// Per-account risk rules, against the book after the order with open orders included. An order that does not increase a measure is never refused by it.
import type { AccountLimit } from './limits';
import type { RiskDenial } from './denial';
import type { OrderCheck, RiskBook } from './riskBook';

type Limit<K extends AccountLimit['kind']> = Extract<AccountLimit, { kind: K }>;

/** Worst-case position in the order's direction, before and after. */
export function maxPosition(limit: Limit<'MAX_POSITION'>, c: OrderCheck): RiskDenial | null {
  const r = c.risk;
  if (limit.symbol !== undefined && limit.symbol !== r.instrument.symbol) return null;
  const before = Math.abs(c.side === 'BUY' ? r.long : r.short);
  const position = c.side === 'BUY' ? r.long + c.added : r.short - c.added;
  const after = Math.abs(position);
  if (after <= limit.max || after <= before) return null;
  return { code: 'POSITION_EXCEEDS_MAX', limitId: limit.id, symbol: r.instrument.symbol, position, max: limit.max };
}

export function maxGrossExposure(limit: Limit<'MAX_GROSS_EXPOSURE'>, c: OrderCheck, book: RiskBook): RiskDenial | null {
  if (c.grossAfter <= limit.max || c.grossAfter <= book.gross) return null;
  return { code: 'GROSS_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, exposure: c.grossAfter, max: limit.max };
}

export function maxNetExposure(limit: Limit<'MAX_NET_EXPOSURE'>, c: OrderCheck, book: RiskBook): RiskDenial | null {
  const delta = c.added * c.risk.unitValue;
  const before = c.side === 'BUY' ? book.netHigh : book.netLow;
  const exposure = c.side === 'BUY' ? before + delta : before - delta;
  if (Math.abs(exposure) <= limit.max || Math.abs(exposure) <= Math.abs(before)) return null;
  return { code: 'NET_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, exposure, max: limit.max };
}

export function maxLeverage(limit: Limit<'MAX_LEVERAGE'>, c: OrderCheck, book: RiskBook, equity: number): RiskDenial | null {
  if (c.grossAfter <= book.gross) return null;
  const leverage = equity > 0 ? c.grossAfter / equity : Infinity;
  return leverage <= limit.max ? null : { code: 'LEVERAGE_EXCEEDS_MAX', limitId: limit.id, leverage, max: limit.max, equity };
}

export function maxSymbolConcentration(limit: Limit<'MAX_SYMBOL_CONCENTRATION'>, c: OrderCheck, equity: number): RiskDenial | null {
  if (c.symbolGrossAfter <= c.risk.gross) return null;
  const fraction = equity > 0 ? c.symbolGrossAfter / equity : Infinity;
  if (fraction <= limit.maxFraction) return null;
  return { code: 'SYMBOL_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, symbol: c.risk.instrument.symbol, fraction, maxFraction: limit.maxFraction };
}

export function maxSectorConcentration(limit: Limit<'MAX_SECTOR_CONCENTRATION'>, c: OrderCheck, equity: number): RiskDenial | null {
  const r = c.risk;
  if (c.symbolGrossAfter <= r.gross) return null;
  const sectorAfter = r.sector.gross - r.gross + c.symbolGrossAfter;
  const fraction = equity > 0 ? sectorAfter / equity : Infinity;
  if (fraction <= limit.maxFraction) return null;
  return { code: 'SECTOR_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, sector: r.sector.sector, fraction, maxFraction: limit.maxFraction };
}

export function maxCurrencyExposure(limit: Limit<'MAX_CURRENCY_EXPOSURE'>, c: OrderCheck, baseCurrency: string): RiskDenial | null {
  const cur = c.risk.currency;
  if (limit.currency !== undefined ? limit.currency !== cur.currency : cur.currency === baseCurrency) return null;
  const delta = c.added * c.risk.unitValue;
  const before = c.side === 'BUY' ? cur.netHigh : cur.netLow;
  const exposure = c.side === 'BUY' ? before + delta : before - delta;
  if (Math.abs(exposure) <= limit.max || Math.abs(exposure) <= Math.abs(before)) return null;
  return { code: 'CURRENCY_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, currency: cur.currency, exposure, max: limit.max };
}

/** Once the day's loss reaches the limit only risk-reducing orders pass. */
export function maxDailyLoss(limit: Limit<'MAX_DAILY_LOSS'>, c: OrderCheck, dailyPnl: number): RiskDenial | null {
  const loss = -dailyPnl;
  if (loss < limit.max || c.reducing) return null;
  return { code: 'DAILY_LOSS_EXCEEDS_MAX', limitId: limit.id, loss, max: limit.max };
}
