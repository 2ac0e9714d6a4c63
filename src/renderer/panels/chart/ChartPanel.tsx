// The chart: candles and volume from the store (market.bars), live from the quote stream, indicator overlays moving
// with the live bars, a crosshair legend, and a time axis in the workspace's time zone.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CandlestickSeries, createChart, HistogramSeries, TickMarkType, type IChartApi, type ISeriesApi, type MouseEventParams, type UTCTimestamp } from 'lightweight-charts';
import { TIMEFRAME_MS } from '../../../core/model/marketData';
import { useApi } from '../../api/ApiContext';
import { useChartOverlays } from '../../state/chartOverlayStore';
import { useInstruments } from '../../state/instrumentStore';
import { useQuotes } from '../../state/quoteStore';
import { CHART_TIMEFRAMES, useSelection } from '../../state/selectionStore';
import { formatChartTick, formatChartTime, useTimeZone } from '../../state/timeZone';
import { useWorkspace } from '../../state/workspaceStore';
import { formatPrice, formatVolume, signClass } from '../common/format';
import { chartOptions, readThemeColours } from './chartTheme';
import { foldQuote, type LiveBar, type LiveBarState } from './liveBar';
import { emptyChartBars, foldLiveBar, type ChartBars } from './liveOverlays';
import { OverlayLegend } from './OverlayLegend';
import { RegimeControls } from './RegimeControls';
import { useBacktestMarkers } from './useBacktestMarkers';
import { useChartCommands } from './useChartCommands';
import { useIndicatorOverlays } from './useIndicatorOverlays';
import { useOrderLines } from './useOrderLines';
import { useRegimeBand } from './useRegimeBand';

const BAR_LIMIT = 2_000;
/** The workspace has one chart; overlays are kept per chart id so a second chart would keep its own. */
const CHART_ID = 'chart';
const sec = (ms: number) => (ms / 1000) as UTCTimestamp;
const TICK_KIND = { [TickMarkType.Year]: 'year', [TickMarkType.Month]: 'month', [TickMarkType.DayOfMonth]: 'day', [TickMarkType.Time]: 'time', [TickMarkType.TimeWithSeconds]: 'seconds' } as const;

export function ChartPanel() {
  const api = useApi();
  const symbol = useSelection((s) => s.symbol);
  const timeframe = useSelection((s) => s.timeframe);
  const setTimeframe = useSelection((s) => s.setTimeframe);
  const theme = useWorkspace((s) => s.theme);
  const tickSize = useInstruments((s) => (symbol ? s.bySymbol[symbol]?.tickSize : undefined)) ?? 0.01;
  const host = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<IChartApi | null>(null);
  const [candles, setCandles] = useState<ISeriesApi<'Candlestick'> | null>(null);
  const volume = useRef<ISeriesApi<'Histogram'> | null>(null);
  const live = useRef<LiveBarState>({ bar: null, sessionVolume: null });
  const [legend, setLegend] = useState<LiveBar | null>(null);
  const hovering = useRef(false);
  /** History and live bars as the overlays recompute over them. */
  const chartBars = useRef<ChartBars>(emptyChartBars());
  const onBars = useRef<() => void>(() => undefined);
  const zone = useTimeZone((s) => s.zone);

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, { ...chartOptions(), autoSize: true });
    const colours = readThemeColours();
    const candleSeries = c.addSeries(CandlestickSeries, { upColor: colours.up, downColor: colours.down, borderVisible: false, wickUpColor: colours.up, wickDownColor: colours.down });
    const volumeSeries = c.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    c.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    candleSeries.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    volume.current = volumeSeries;
    setChart(c);
    setCandles(candleSeries);
    const onCrosshair = (param: MouseEventParams) => {
      const data = param.seriesData.get(candleSeries) as { open: number; high: number; low: number; close: number } | undefined;
      const vol = param.seriesData.get(volumeSeries) as { value: number } | undefined;
      hovering.current = Boolean(data && param.time !== undefined);
      setLegend(data && param.time !== undefined ? { time: (param.time as number) * 1000, ...data, volume: vol?.value ?? 0 } : live.current.bar);
    };
    c.subscribeCrosshairMove(onCrosshair);
    return () => {
      c.unsubscribeCrosshairMove(onCrosshair);
      c.remove();
      setChart(null);
      setCandles(null);
    };
  }, []);

  // The shell sets data-theme in its own effect, which runs after this one: read the new colours a frame later.
  useEffect(() => {
    if (!chart) return;
    const frame = requestAnimationFrame(() => {
      chart.applyOptions(chartOptions());
      const { up, down } = readThemeColours();
      candles?.applyOptions({ upColor: up, downColor: down, wickUpColor: up, wickDownColor: down });
    });
    return () => cancelAnimationFrame(frame);
  }, [chart, candles, theme]);

  // One time zone for every panel: the axis and the crosshair label read the workspace's setting (state/timeZone).
  useEffect(() => {
    if (!chart) return;
    const daily = timeframe === '1D';
    chart.applyOptions({
      localization: { timeFormatter: (t: UTCTimestamp) => formatChartTime(t * 1000, zone, daily) },
      timeScale: { tickMarkFormatter: (t: UTCTimestamp, kind: TickMarkType) => formatChartTick(t * 1000, zone, TICK_KIND[kind], daily) },
    });
  }, [chart, zone, timeframe]);

  const bars = useQuery({
    queryKey: ['market.bars', symbol, timeframe, BAR_LIMIT],
    queryFn: () => api.call('market.bars', { symbol: symbol!, timeframe, limit: BAR_LIMIT }),
    enabled: symbol !== null,
    staleTime: Infinity,
  });

  // History: set once per symbol/timeframe; live quotes extend it from there.
  useEffect(() => {
    if (!candles || !volume.current) return;
    const data = bars.data;
    if (!data) {
      candles.setData([]);
      volume.current.setData([]);
      live.current = { bar: null, sessionVolume: null };
      chartBars.current = emptyChartBars();
      setLegend(null);
      return;
    }
    chartBars.current = { time: [...data.time], open: [...data.open], high: [...data.high], low: [...data.low], close: [...data.close], volume: [...data.volume] };
    const { up, down } = readThemeColours();
    const n = data.time.length;
    candles.setData(Array.from({ length: n }, (_, i) => ({ time: sec(data.time[i]!), open: data.open[i]!, high: data.high[i]!, low: data.low[i]!, close: data.close[i]! })));
    volume.current.setData(Array.from({ length: n }, (_, i) => ({ time: sec(data.time[i]!), value: data.volume[i]!, color: `${data.close[i]! >= data.open[i]! ? up : down}66` })));
    const last = n > 0 ? { time: data.time[n - 1]!, open: data.open[n - 1]!, high: data.high[n - 1]!, low: data.low[n - 1]!, close: data.close[n - 1]!, volume: data.volume[n - 1]! } : null;
    live.current = { bar: last, sessionVolume: null };
    setLegend(last);
    chart?.timeScale().scrollToRealTime();
  }, [bars.data, candles, chart]);

  // The Backtests panel's open run: its fills on this symbol as markers.
  useBacktestMarkers(candles, symbol, bars.data?.time, host);

  // Live: fold each quote of this symbol into the last bar (quotes arrive already coalesced per frame).
  useEffect(() => {
    if (!symbol || !candles) return;
    const periodMs = TIMEFRAME_MS[timeframe];
    return useQuotes.subscribe((state, previous) => {
      const quote = state.quotes[symbol];
      if (!quote || quote === previous.quotes[symbol] || !live.current.bar) return;
      const folded = foldQuote(live.current, quote, periodMs);
      if (!folded.changed) return;
      live.current = folded.state;
      const b = folded.state.bar!;
      candles.update({ time: sec(b.time), open: b.open, high: b.high, low: b.low, close: b.close });
      const { up, down } = readThemeColours();
      volume.current?.update({ time: sec(b.time), value: b.volume, color: `${b.close >= b.open ? up : down}66` });
      if (!hovering.current) setLegend(b);
      if (foldLiveBar(chartBars.current, b)) onBars.current();
    });
  }, [symbol, timeframe, candles]);

  useOrderLines(api, chart, candles, host.current, symbol, tickSize);
  const overlays = useIndicatorOverlays(api, chart, CHART_ID, symbol, timeframe, BAR_LIMIT, chartBars);
  onBars.current = overlays.onBars;
  useChartCommands(api, CHART_ID);
  const regimes = useRegimeBand(api, chart, symbol, timeframe, host);

  const onKeyDown = (event: KeyboardEvent) => {
    const index = Number(event.key) - 1;
    if (event.altKey || event.ctrlKey || !(index >= 0 && index < CHART_TIMEFRAMES.length)) return;
    event.preventDefault();
    setTimeframe(CHART_TIMEFRAMES[index]!);
  };

  const move = legend ? legend.close - legend.open : null;
  return (
    <div className="chart" tabIndex={0} data-autofocus aria-label={`Chart of ${symbol ?? 'no symbol'}, ${timeframe}`} onKeyDown={onKeyDown}>
      <div className="chart-toolbar">
        <strong>{symbol ?? 'No symbol'}</strong>
        <div role="radiogroup" aria-label="Timeframe" className="timeframes">
          {CHART_TIMEFRAMES.map((tf, i) => (
            <button key={tf} role="radio" aria-checked={tf === timeframe} tabIndex={-1} title={`${i + 1}`} onClick={() => setTimeframe(tf)}>
              {tf}
            </button>
          ))}
        </div>
        <RegimeControls status={regimes} />
        <span className="chart-legend num" data-testid="chart-legend">
          {legend ? (
            <>
              O {formatPrice(legend.open, tickSize)} H {formatPrice(legend.high, tickSize)} L {formatPrice(legend.low, tickSize)} C{' '}
              <span className={signClass(move)}>{formatPrice(legend.close, tickSize)}</span> V {formatVolume(legend.volume)}
            </>
          ) : bars.isFetching ? (
            'loading…'
          ) : bars.isError ? (
            `no bars: ${(bars.error as Error).message}`
          ) : (
            'no bars'
          )}
        </span>
      </div>
      <div className="chart-body">
        <div ref={host} className="chart-canvas" data-testid="chart-canvas" />
        <OverlayLegend entries={overlays.entries} tickSize={tickSize} onRemove={(spec) => useChartOverlays.getState().remove(CHART_ID, spec)} />
      </div>
    </div>
  );
}
