// The factor engine's fundamental fields from the store's filings, point in time: `fundamental("pe")` on day t sees
// only what was filed by t (the data connectors' fundamentalFieldSeries).
import { FUNDAMENTAL_FACTOR_FIELDS, fundamentalFieldSeries, type FundamentalFactorField } from '../data/fundamentalFields';
import type { MarketStore } from '../storage/market/marketStore';
import type { FundamentalSource } from './factorPanel';

const isField = (field: string): field is FundamentalFactorField => (FUNDAMENTAL_FACTOR_FIELDS as readonly string[]).includes(field);

export function storedFundamentals(store: MarketStore): FundamentalSource {
  return { pointInTime: async (symbol, field, times) => (isField(field) ? fundamentalFieldSeries(store, symbol, field, times) : null) };
}
