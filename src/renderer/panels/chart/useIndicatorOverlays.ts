// A chart's indicator overlays: computed by the features engine per symbol and timeframe, extended with live bars
// (every bar close and the forming bar), drawn, and read at the crosshair.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { IChartApi, MouseEventParams } from 'lightweight-charts';
import type { WorkstationClient } from '../../../shared/contracts/client';
import type { SymbolFeatures } from '../../../shared/contracts/engines';
import type { ChartTimeframe } from '../../state/selectionStore';
import { useOverlaysOf } from '../../state/chartOverlayStore';
import { useWorkspace } from '../../state/workspaceStore';
import { readThemeColours } from './chartTheme';
import { barsFrom, computeLiveTail, withLiveTail, type ChartBars } from './liveOverlays';
import { drawOverlays, OVERLAY_COLOURS, outputColour, type DrawnOverlays, type OverlayToDraw } from './overlaySeries';
import { isDrawn, onPricePane, outputOf, overlayTitle } from './overlays';

export interface OverlayLegendEntry {
  readonly spec: string;
  readonly title: string;
  readonly colour: string;
  readonly pricePane: boolean;
  /** Loading, drawn, or refused by the backend (its code and reason). */
  readonly state: 'loading' | 'ready' | 'error';
  readonly error?: string;
  /** Each drawn output's value at the crosshair (or the last bar when the pointer is off the chart). */
  readonly values: readonly { readonly output: string; readonly value: number | null; readonly colour: string | null }[];
  /** The bar those values belong to, epoch ms. */
  readonly time: number | null;
}

const colourOf = (index: number) => OVERLAY_COLOURS[index % OVERLAY_COLOURS.length]!;

/** Index of `time` in ascending `times`, or -1. */
function indexOf(times: readonly number[], time: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = times[mid]!;
    if (t === time) return mid;
    if (t < time) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Bars recomputed per live update: the closed bar just before the forming one (its final value) and the forming bar. */
const LIVE_TAIL = 2;

export interface IndicatorOverlays {
  readonly entries: OverlayLegendEntry[];
  /** The chart's bars changed (a quote folded into the forming bar, or a bar closed): move the overlays with them. */
  onBars(): void;
}

export function useIndicatorOverlays(
  api: WorkstationClient,
  chart: IChartApi | null,
  chartId: string,
  symbol: string | null,
  timeframe: ChartTimeframe,
  barLimit: number,
  /** The bars the chart shows, history and live (the chart panel keeps them current). */
  bars: { readonly current: ChartBars },
): IndicatorOverlays {
  const specs = useOverlaysOf(chartId);
  const drawn = useRef<DrawnOverlays | null>(null);
  /** Live values per spec since the answer, for this symbol and timeframe only. */
  const live = useRef<{ key: string; tails: Map<string, SymbolFeatures> }>({ key: '', tails: new Map() });
  const [liveVersion, setLiveVersion] = useState(0);
  const seriesKey = `${symbol}|${timeframe}`;
  if (live.current.key !== seriesKey) live.current = { key: seriesKey, tails: new Map() };
  const theme = useWorkspace((s) => s.theme);
  const [hoverTime, setHoverTime] = useState<number | null>(null);

  const queries = useQueries({
    queries: specs.map((spec) => ({
      queryKey: ['features.compute', symbol, timeframe, spec, barLimit],
      queryFn: () => api.call('features.compute', { symbol: symbol!, timeframe, indicators: spec, limit: barLimit }),
      enabled: symbol !== null,
      staleTime: Infinity,
      retry: 1,
    })),
  });
  const latest = useRef(queries);
  latest.current = queries;

  /** Recomputes `spec` over the bars from the newest one it has a value for; records and returns the new values. */
  const extend = (spec: string, answer: SymbolFeatures): SymbolFeatures | null => {
    const previous = live.current.tails.get(spec);
    const known = withLiveTail(answer, previous).time.at(-1);
    const tail = computeLiveTail(spec, bars.current, barsFrom(bars.current, known, LIVE_TAIL));
    if (!tail || tail.time.length === 0) return null;
    live.current.tails.set(spec, previous ? withLiveTail(previous, tail) : tail);
    return tail;
  };
  const extendNow = useRef(extend);
  extendNow.current = extend;
  // Redraw only when an answer changes, not on every render (useQueries returns a new array each time).
  const drawKey = specs.map((s, i) => `${s}@${queries[i]?.dataUpdatedAt ?? 0}:${queries[i]?.status ?? ''}`).join('|');

  useEffect(() => {
    if (!chart) return;
    const toDraw: OverlayToDraw[] = [];
    specs.forEach((spec, i) => {
      const reply = latest.current[i]?.data;
      if (!reply?.ok || reply.value.symbol !== symbol) return;
      extend(spec, reply.value);
      toDraw.push({ spec, colour: colourOf(i), features: withLiveTail(reply.value, live.current.tails.get(spec)) });
    });
    if (toDraw.length === 0) return;
    // A frame later, like the chart's own colours: the shell sets data-theme after this effect runs.
    const frame = requestAnimationFrame(() => {
      const { up, down, border, muted } = readThemeColours();
      drawn.current = drawOverlays(chart, toDraw, { up, down, border, muted });
    });
    return () => {
      cancelAnimationFrame(frame);
      drawn.current?.remove();
      drawn.current = null;
    };
    // drawKey stands for specs and the answers (read through `latest`).
  }, [chart, drawKey, symbol, theme]);

  useEffect(() => {
    if (!chart) return;
    const onMove = (param: MouseEventParams) => setHoverTime(param.time === undefined ? null : (param.time as number) * 1000);
    chart.subscribeCrosshairMove(onMove);
    return () => chart.unsubscribeCrosshairMove(onMove);
  }, [chart]);

  const specsNow = useRef(specs);
  specsNow.current = specs;
  const onBars = useCallback(() => {
    let changed = false;
    specsNow.current.forEach((spec, i) => {
      const reply = latest.current[i]?.data;
      if (!reply?.ok) return;
      const tail = extendNow.current(spec, reply.value);
      if (!tail) return;
      drawn.current?.update(spec, tail);
      changed = true;
    });
    if (changed) setLiveVersion((v) => v + 1);
  }, []);

  const entries = useMemo(
    () =>
      specs.map((spec, i): OverlayLegendEntry => {
        const query = queries[i];
        const base = { spec, title: overlayTitle(spec), colour: colourOf(i), pricePane: onPricePane(spec), values: [], time: null };
        const reply = query?.data;
        if (query?.isError) return { ...base, state: 'error', error: `${(query.error as { code?: string }).code ?? 'ERROR'}: ${(query.error as Error).message}` };
        if (!reply) return { ...base, state: 'loading' };
        if (!reply.ok) return { ...base, state: 'error', error: `${reply.error.code}: ${reply.error.message ?? ''}` };
        const { time, columns } = withLiveTail(reply.value, live.current.tails.get(spec));
        const at = hoverTime === null ? time.length - 1 : indexOf(time, hoverTime);
        const values = columns
          .filter((c) => isDrawn(spec, c.name))
          .map((c) => {
            const output = outputOf(spec, c.name);
            return { output, value: at >= 0 ? (c.values[at] ?? null) : null, colour: outputColour(spec, output, base.colour) };
          });
        return { ...base, state: 'ready', values, time: at >= 0 ? time[at]! : null };
      }),
    // drawKey summarizes the specs and their answers (data and status); liveVersion the live values.
    [drawKey, hoverTime, liveVersion, seriesKey],
  );
  return { entries, onBars };
}
