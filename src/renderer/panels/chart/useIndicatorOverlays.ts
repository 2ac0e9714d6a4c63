// A chart's indicator overlays: computed by the features engine per symbol and timeframe, drawn, and read at the crosshair.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { IChartApi, MouseEventParams } from 'lightweight-charts';
import type { WorkstationClient } from '../../../shared/contracts/client';
import type { ChartTimeframe } from '../../state/selectionStore';
import { useOverlaysOf } from '../../state/chartOverlayStore';
import { useWorkspace } from '../../state/workspaceStore';
import { readThemeColours } from './chartTheme';
import { drawOverlays, OVERLAY_COLOURS, outputColour, type OverlayToDraw } from './overlaySeries';
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

export function useIndicatorOverlays(api: WorkstationClient, chart: IChartApi | null, chartId: string, symbol: string | null, timeframe: ChartTimeframe, barLimit: number): OverlayLegendEntry[] {
  const specs = useOverlaysOf(chartId);
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
  // Redraw only when an answer changes, not on every render (useQueries returns a new array each time).
  const drawKey = specs.map((s, i) => `${s}@${queries[i]?.dataUpdatedAt ?? 0}:${queries[i]?.status ?? ''}`).join('|');

  useEffect(() => {
    if (!chart) return;
    const toDraw: OverlayToDraw[] = [];
    specs.forEach((spec, i) => {
      const reply = latest.current[i]?.data;
      if (reply?.ok && reply.value.symbol === symbol) toDraw.push({ spec, colour: colourOf(i), features: reply.value });
    });
    if (toDraw.length === 0) return;
    let remove: (() => void) | null = null;
    // A frame later, like the chart's own colours: the shell sets data-theme after this effect runs.
    const frame = requestAnimationFrame(() => {
      const { up, down, border, muted } = readThemeColours();
      remove = drawOverlays(chart, toDraw, { up, down, border, muted });
    });
    return () => {
      cancelAnimationFrame(frame);
      remove?.();
    };
    // drawKey stands for specs and the answers (read through `latest`).
  }, [chart, drawKey, symbol, theme]);

  useEffect(() => {
    if (!chart) return;
    const onMove = (param: MouseEventParams) => setHoverTime(param.time === undefined ? null : (param.time as number) * 1000);
    chart.subscribeCrosshairMove(onMove);
    return () => chart.unsubscribeCrosshairMove(onMove);
  }, [chart]);

  return useMemo(
    () =>
      specs.map((spec, i): OverlayLegendEntry => {
        const query = queries[i];
        const base = { spec, title: overlayTitle(spec), colour: colourOf(i), pricePane: onPricePane(spec), values: [], time: null };
        const reply = query?.data;
        if (query?.isError) return { ...base, state: 'error', error: `${(query.error as { code?: string }).code ?? 'ERROR'}: ${(query.error as Error).message}` };
        if (!reply) return { ...base, state: 'loading' };
        if (!reply.ok) return { ...base, state: 'error', error: `${reply.error.code}: ${reply.error.message ?? ''}` };
        const { time, columns } = reply.value;
        const at = hoverTime === null ? time.length - 1 : indexOf(time, hoverTime);
        const values = columns
          .filter((c) => isDrawn(spec, c.name))
          .map((c) => {
            const output = outputOf(spec, c.name);
            return { output, value: at >= 0 ? (c.values[at] ?? null) : null, colour: outputColour(spec, output, base.colour) };
          });
        return { ...base, state: 'ready', values, time: at >= 0 ? time[at]! : null };
      }),
    // drawKey summarizes the specs and their answers (data and status).
    [drawKey, hoverTime],
  );
}
