// Reads what the market store knows about a fetched real symbol: its daily bars' source, the provider's meta (currency,
// exchange, time zone), the last close and average daily volume, and a company profile's sector and industry if stored.
import { ADV_DAYS, realInstrument, UNCLASSIFIED_SECTOR, type RealInstrument, type RealInstrumentError, type StoredSymbol } from '../../../core/data/realInstrument';
import type { AssetClass } from '../../../core/model/instrument';
import { err, ok, type Result } from '../../../core/model/result';
import type { MarketStore } from '../../storage/market/marketStore';

const ASSET_CLASSES: readonly AssetClass[] = ['EQUITY', 'ETF', 'FUTURE', 'FX', 'INDEX'];

/** The stored symbol, or undefined when no provider's daily bars are stored under it. */
export async function readStoredSymbol(store: MarketStore, symbol: string): Promise<StoredSymbol | undefined> {
  return store.exclusive(async (c) => {
    const source = (
      await c.runAndReadAll(`SELECT provider FROM data_sources WHERE kind = 'bars' AND timeframe = '1D' AND stored_as = $1 AND rows > 0 ORDER BY refreshed_at DESC LIMIT 1`, [symbol])
    ).getRows()[0];
    if (!source) return undefined;
    const meta = (await c.runAndReadAll('SELECT name, asset_class, currency, exchange, sector, utc_offset_minutes FROM instruments WHERE symbol = $1', [symbol])).getRows()[0];
    const bars = (await c.runAndReadAll(`SELECT time::DOUBLE, close, volume FROM bars WHERE symbol = $1 AND timeframe = '1D' ORDER BY time DESC LIMIT ${ADV_DAYS}`, [symbol])).getRows();
    const last = bars[0];
    if (!meta || !last) return undefined;
    // A provider's company profile (the one with a sector first, then the latest): sector and industry for the limits.
    const profile = (
      await c.runAndReadAll('SELECT name, sector, industry FROM company_profiles WHERE symbol = $1 ORDER BY sector IS NULL, updated_at DESC LIMIT 1', [symbol])
    ).getRows()[0];
    const volumes = bars.map((b) => Number(b[2])).filter((v) => Number.isFinite(v) && v >= 0);
    const assetClass = String(meta[1]) as AssetClass;
    const sector = profile?.[1] == null ? String(meta[4]) : String(profile[1]);
    const industry = profile?.[2] == null ? undefined : String(profile[2]);
    const name = profile?.[0] == null || String(meta[0]) !== symbol ? String(meta[0]) : String(profile[0]);
    return {
      symbol,
      name,
      assetClass: ASSET_CLASSES.includes(assetClass) ? assetClass : 'EQUITY',
      currency: String(meta[2]),
      exchange: String(meta[3]),
      utcOffsetMinutes: Number(meta[5]),
      lastClose: Number(last[1]),
      lastBarTime: Number(last[0]),
      averageDailyVolume: volumes.length === 0 ? 0 : volumes.reduce((a, b) => a + b, 0) / volumes.length,
      ...(sector && sector !== UNCLASSIFIED_SECTOR ? { sector } : {}),
      ...(industry ? { industry } : {}),
    };
  });
}

/**
 * The desk instrument for a stored symbol (the app's data.enableTrading and `nautilus data trade-enable` both ask here):
 * refused when the symbol is a desk instrument already, has no stored daily bars, or cannot be traded.
 */
export async function storedRealInstrument(
  store: MarketStore,
  requested: string,
  onDesk: (symbol: string) => boolean,
): Promise<Result<{ readonly instrument: RealInstrument; readonly lastClose: number }, RealInstrumentError>> {
  const symbol = requested.trim().toUpperCase();
  if (onDesk(symbol)) return err({ code: 'SYMBOL_ON_DESK', symbol });
  const stored = await readStoredSymbol(store, symbol);
  if (!stored) return err({ code: 'SYMBOL_NOT_STORED', symbol });
  const built = realInstrument(stored);
  return built.ok ? ok({ instrument: built.value, lastClose: stored.lastClose }) : built;
}
