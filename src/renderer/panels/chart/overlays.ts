// The seam for indicator overlays on the chart. The features engine will provide them; none are drawn until it does.
import type { IChartApi, ISeriesApi } from 'lightweight-charts';
import type { BarsReply } from '../../../shared/contracts/market';

/**
 * An overlay draws on the chart from the bars it shows (e.g. a moving average computed by the features engine).
 * `attach` adds its series and returns a detach function; the chart calls it again when bars or symbol change.
 */
export interface ChartOverlay {
  readonly id: string;
  readonly title: string;
  attach(chart: IChartApi, candles: ISeriesApi<'Candlestick'>, bars: BarsReply): () => void;
}

/** Deliberately empty: no overlay is faked here; the features engine's overlays are registered when they exist. */
export const CHART_OVERLAYS: readonly ChartOverlay[] = [];
