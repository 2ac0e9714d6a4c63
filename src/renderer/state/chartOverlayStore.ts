// The indicator overlays each chart shows, by spec string, in the order they were added (persisted per chart).
import { create } from 'zustand';

const KEY = 'nautilus.chartOverlays';
/** Enough for any sensible chart; a runaway loop of adds cannot grow storage without end. */
export const MAX_OVERLAYS = 24;

type ByChart = Readonly<Record<string, readonly string[]>>;

interface ChartOverlayState {
  byChart: ByChart;
  /** Adds specs not already shown; returns those actually added. */
  add(chartId: string, specs: readonly string[]): string[];
  remove(chartId: string, spec: string): void;
}

function load(): ByChart {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as unknown;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const out: Record<string, string[]> = {};
    for (const [chart, specs] of Object.entries(raw as Record<string, unknown>)) {
      if (Array.isArray(specs)) out[chart] = specs.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= 200).slice(0, MAX_OVERLAYS);
    }
    return out;
  } catch {
    return {};
  }
}

const save = (byChart: ByChart) => globalThis.localStorage?.setItem(KEY, JSON.stringify(byChart));

export const useChartOverlays = create<ChartOverlayState>((set, get) => ({
  byChart: load(),
  add(chartId, specs) {
    const current = get().byChart[chartId] ?? [];
    const added = [...new Set(specs)].filter((s) => !current.includes(s)).slice(0, Math.max(0, MAX_OVERLAYS - current.length));
    if (added.length === 0) return [];
    const byChart = { ...get().byChart, [chartId]: [...current, ...added] };
    save(byChart);
    set({ byChart });
    return added;
  },
  remove(chartId, spec) {
    const current = get().byChart[chartId] ?? [];
    if (!current.includes(spec)) return;
    const byChart = { ...get().byChart, [chartId]: current.filter((s) => s !== spec) };
    save(byChart);
    set({ byChart });
  },
}));

const NONE: readonly string[] = [];
/** The overlays of one chart (a stable empty list when it has none, so selectors do not re-render). */
export const useOverlaysOf = (chartId: string): readonly string[] => useChartOverlays((s) => s.byChart[chartId] ?? NONE);
