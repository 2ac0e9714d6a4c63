// Draws the open backtest run's fills (state of the Backtests panel) on the chart's candles for the chart's symbol.
import { useEffect, type RefObject } from 'react';
import { createSeriesMarkers, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useBacktests } from '../backtests/backtestRunStore';
import { readThemeColours } from './chartTheme';
import { fillMarkers } from './backtestMarkers';

export function useBacktestMarkers(candles: ISeriesApi<'Candlestick'> | null, symbol: string | null, barTimes: ArrayLike<number> | undefined, host: RefObject<HTMLElement | null>): void {
  const fills = useBacktests((s) => s.open?.fills);
  const runId = useBacktests((s) => s.open?.summary.runId ?? null);
  useEffect(() => {
    const el = host.current;
    if (!candles || !symbol || !barTimes || !runId || !fills) {
      if (el) delete el.dataset.backtestMarkers;
      return;
    }
    const { up, down } = readThemeColours();
    const markers = fillMarkers(fills, symbol, barTimes).map((m) => ({ time: m.time as UTCTimestamp, position: m.position, shape: m.shape, color: m.side === 'buy' ? up : down, text: m.text }));
    const plugin = createSeriesMarkers(candles, markers);
    if (el) el.dataset.backtestMarkers = String(markers.length);
    return () => {
      plugin.detach();
      if (el) delete el.dataset.backtestMarkers;
    };
  }, [candles, symbol, barTimes, fills, runId, host]);
}
