// Whether the chart shows the HMM regime band (and with how many regimes), remembered across sessions, and the hook
// that fetches ml.regimes for the chart's symbol and draws the band on its own scale under the volume.
import { useEffect, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { HistogramSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { create } from 'zustand';
import type { WorkstationClient } from '../../../shared/contracts/client';
import type { Timeframe } from '../../../core/model/marketData';
import { readThemeColours } from './chartTheme';
import { regimeBand, regimeColour, type RegimeBand } from './regimeBand';

const KEY = 'nautilus.regimeBand';
export const REGIME_STATE_CHOICES = [2, 3, 4] as const;
type States = (typeof REGIME_STATE_CHOICES)[number];

interface RegimeBandState {
  shown: boolean;
  states: States;
  toggle(): void;
  setStates(states: States): void;
}

function load(): { shown: boolean; states: States } {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as { shown?: unknown; states?: unknown } | null;
    const states = REGIME_STATE_CHOICES.find((s) => s === raw?.states) ?? 2;
    return { shown: raw?.shown === true, states };
  } catch {
    return { shown: false, states: 2 };
  }
}

export const useRegimeBandSettings = create<RegimeBandState>((set, get) => {
  const save = () => globalThis.localStorage?.setItem(KEY, JSON.stringify({ shown: get().shown, states: get().states }));
  return {
    ...load(),
    toggle: () => {
      set({ shown: !get().shown });
      save();
    },
    setStates: (states) => {
      set({ states });
      save();
    },
  };
});

export type RegimeBandStatus = { kind: 'off' } | { kind: 'daily-only' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'shown'; band: RegimeBand };

/** The band's scale: the bottom strip of the chart, below the volume (which moves up while the band shows). */
const BAND_MARGINS = { top: 0.9, bottom: 0 };
const VOLUME_WITH_BAND = { top: 0.72, bottom: 0.11 };
const VOLUME_ALONE = { top: 0.8, bottom: 0 };

export function useRegimeBand(api: WorkstationClient, chart: IChartApi | null, symbol: string | null, timeframe: Timeframe, host: RefObject<HTMLElement | null>): RegimeBandStatus {
  const { shown, states } = useRegimeBandSettings();
  const daily = timeframe === '1D';
  const query = useQuery({
    queryKey: ['ml.regimes', symbol, states],
    queryFn: async () => {
      const reply = await api.call('ml.regimes', { symbol: symbol!, states });
      if (!reply.ok) throw new Error(reply.error.message);
      return regimeBand(reply.value);
    },
    enabled: shown && daily && symbol !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = host.current;
    const band = query.data;
    if (!chart || !shown || !daily || !band) {
      if (el) delete el.dataset.regimeBand;
      setDrawn(false);
      return;
    }
    const colours = readThemeColours();
    const series = chart.addSeries(HistogramSeries, { priceScaleId: 'regime', lastValueVisible: false, priceLineVisible: false, base: 0, title: '' });
    chart.priceScale('regime').applyOptions({ scaleMargins: BAND_MARGINS, visible: false });
    chart.priceScale('volume').applyOptions({ scaleMargins: VOLUME_WITH_BAND });
    series.setData(band.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value, color: regimeColour(p.rank, band.regimes.length, colours) })));
    if (el) el.dataset.regimeBand = String(band.points.length);
    setDrawn(true);
    return () => {
      chart.removeSeries(series);
      chart.priceScale('volume').applyOptions({ scaleMargins: VOLUME_ALONE });
      if (el) delete el.dataset.regimeBand;
    };
  }, [chart, shown, daily, query.data, host]);

  if (!shown) return { kind: 'off' };
  if (!daily) return { kind: 'daily-only' };
  if (query.isError) return { kind: 'error', message: (query.error as Error).message };
  if (query.data && drawn) return { kind: 'shown', band: query.data };
  return { kind: 'loading' };
}
