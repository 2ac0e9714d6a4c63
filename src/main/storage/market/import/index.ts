// Bar import (CSV and Parquet) into the market store.
export { importBarsFile, formatOf } from './importBars';
export type { ImportFailure, ImportFormat, ImportOptions, ImportProgress, ImportSummary, ImportedSeries } from './importTypes';
export type { RowError } from './barRowCollector';
export { MAX_REPORTED_ROW_ERRORS } from './barRowCollector';
export { parseTimestampCell, parseNumberCell, epochToMs } from './cellParsing';
