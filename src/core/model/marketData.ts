// Bars and quotes: the market data shapes shared by the store, the engines, the venues and the UI.

import type { EpochMs } from './clock';
import type { Symbol } from './instrument';

export type Timeframe = '1m' | '5m' | '15m' | '1h' | '1D';

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1D': 86_400_000,
};

export interface Bar {
  /** Bar open time. */
  readonly time: EpochMs;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Columnar bars for hot loops and for transfer between processes. */
export interface BarColumns {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export interface Quote {
  readonly symbol: Symbol;
  readonly time: EpochMs;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly last: number;
  /** Session volume so far. */
  readonly volume: number;
}
