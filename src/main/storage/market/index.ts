// The market data store's public surface: MarketStore, its schema, synthetic seeding and imports.
export { MarketStore } from './marketStore';
export type { BarBatch, BarSeriesSummary, BarWriteError, LastBarClose, ResampleUnsupported, TimeRange } from './marketStore';
export type { BarWriteMode, StoredInstrument, TradePrint } from './marketWriter';
export { MarketWriter } from './marketWriter';
export { MARKET_MIGRATIONS } from './migrations';
export { validateBarColumns, checkBarValues } from './barValidation';
export type { BarRejection, InvalidBars } from './barValidation';
export { seedSyntheticHistory, defaultHistoryEnd } from './seedSyntheticHistory';
export type { SeedError, SeedOptions, SeedProgress, SeedReport } from './seedSyntheticHistory';
export * from './import';
