// Draws computed indicator overlays as lightweight-charts series: price-unit ones over the candles, others in panes below.
import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type LineWidth, type UTCTimestamp } from 'lightweight-charts';
import type { SymbolFeatures } from '../../../shared/contracts/engines';
import { guidesOf, indicatorId, isDrawn, onPricePane, outputOf, rangeOf } from './overlays';

/** One colour per overlay, in the order they were added; chosen to read on both themes. */
export const OVERLAY_COLOURS = ['#f0b429', '#4aa3ff', '#c678dd', '#2bbbad', '#ff7b72', '#98c379', '#d19a66', '#e5c07b'] as const;
/** Ichimoku's lines have conventional colours of their own. */
const ICHIMOKU: Readonly<Record<string, string>> = { tenkan: '#56b6c2', kijun: '#e06c75', senkou_a: '#2ea043aa', senkou_b: '#f85149aa' };
/** Second lines of an oscillator (MACD signal, Stochastic %D) in a contrasting colour. */
const SECOND_LINE = new Set(['signal', 'd', 'minus_di', 'down']);
const SECOND_LINE_COLOUR = '#ff9e64';
const BAND_EDGES = new Set(['upper', 'lower']);
/** The price pane keeps most of the height however many oscillator panes open below it. */
const PRICE_PANE_STRETCH = 3;

export interface OverlayToDraw {
  readonly spec: string;
  readonly colour: string;
  readonly features: SymbolFeatures;
}

export interface ThemeColours {
  readonly up: string;
  readonly down: string;
  readonly border: string;
  readonly muted: string;
}

const sec = (ms: number) => (ms / 1000) as UTCTimestamp;

function points(time: readonly number[], values: readonly (number | null)[]) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (let i = 0; i < time.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) out.push({ time: sec(time[i]!), value: v });
  }
  return out;
}

/** The colour an output's line is drawn in (the legend shows its value in the same colour); null for a histogram. */
export function outputColour(spec: string, output: string, colour: string): string | null {
  if (output === 'hist') return null;
  if (indicatorId(spec) === 'ichimoku') return ICHIMOKU[output] ?? colour;
  return SECOND_LINE.has(output) ? SECOND_LINE_COLOUR : colour;
}

function lineStyleOf(spec: string, output: string, colour: string): { color: string; lineWidth: LineWidth; lineStyle: LineStyle; lineVisible?: boolean; pointMarkersVisible?: boolean; pointMarkersRadius?: number } {
  const color = outputColour(spec, output, colour) ?? colour;
  if (indicatorId(spec) === 'sar') return { color, lineWidth: 1, lineStyle: LineStyle.Solid, lineVisible: false, pointMarkersVisible: true, pointMarkersRadius: 1.5 };
  if (output === 'middle') return { color, lineWidth: 1, lineStyle: LineStyle.Dashed };
  if (BAND_EDGES.has(output) || indicatorId(spec) === 'ichimoku' || SECOND_LINE.has(output)) return { color, lineWidth: 1, lineStyle: LineStyle.Solid };
  return { color, lineWidth: 2, lineStyle: LineStyle.Solid };
}

/** The drawn overlays: remove them, or move them with live values (newer points only, the last one replaced). */
export interface DrawnOverlays {
  remove(): void;
  update(spec: string, features: SymbolFeatures): void;
}

/**
 * Adds every overlay's series (the chart is rebuilt whole when the set or the data changes: a handful of series, so
 * simpler than diffing, and pane indexes stay dense). Returns the function that removes them again.
 */
export function drawOverlays(chart: IChartApi, overlays: readonly OverlayToDraw[], theme: ThemeColours): DrawnOverlays {
  const added: ISeriesApi<'Line' | 'Histogram'>[] = [];
  const bySpec = new Map<string, { column: string; series: ISeriesApi<'Line' | 'Histogram'>; histogram: boolean; last: number }[]>();
  let nextPane = 1;
  for (const { spec, colour, features } of overlays) {
    const columns = features.columns.filter((c) => isDrawn(spec, c.name));
    if (columns.length === 0) continue;
    const price = onPricePane(spec);
    const pane = price ? 0 : nextPane++;
    let first: ISeriesApi<'Line' | 'Histogram'> | null = null;
    for (const column of columns) {
      const output = outputOf(spec, column.name);
      const data = points(features.time, column.values);
      let series: ISeriesApi<'Line' | 'Histogram'>;
      if (output === 'hist') {
        const histogram = chart.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false }, pane);
        histogram.setData(data.map((p) => ({ ...p, color: `${p.value >= 0 ? theme.up : theme.down}88` })));
        series = histogram;
      } else {
        const range = rangeOf(spec);
        const line = chart.addSeries(
          LineSeries,
          {
            ...lineStyleOf(spec, output, colour),
            priceLineVisible: false,
            lastValueVisible: !price,
            crosshairMarkerVisible: !price,
            ...(range ? { autoscaleInfoProvider: () => ({ priceRange: { minValue: range[0], maxValue: range[1] } }) } : {}),
          },
          pane,
        );
        line.setData(data);
        series = line;
      }
      first ??= series;
      added.push(series);
      const drawn = bySpec.get(spec) ?? [];
      drawn.push({ column: column.name, series, histogram: output === 'hist', last: data.length ? (data[data.length - 1]!.time as number) : -Infinity });
      bySpec.set(spec, drawn);
    }
    for (const level of guidesOf(spec)) first?.createPriceLine({ price: level, color: theme.muted, lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: false, title: '' });
  }
  const panes = chart.panes();
  if (panes.length > 1) {
    panes[0]!.setStretchFactor(PRICE_PANE_STRETCH);
    for (let i = 1; i < panes.length; i++) panes[i]!.setStretchFactor(1);
  }
  return {
    remove() {
      try {
        for (const s of added) chart.removeSeries(s);
      } catch {
        // On unmount the chart is removed first (its effect is declared earlier), taking these series with it.
      }
    },
    update(spec, features) {
      for (const drawn of bySpec.get(spec) ?? []) {
        const values = features.columns.find((c) => c.name === drawn.column)?.values;
        if (!values) continue;
        // lightweight-charts accepts the last point again (replaced) or a newer one; older points are already drawn.
        for (const p of points(features.time, values)) {
          if ((p.time as number) < drawn.last) continue;
          drawn.series.update(drawn.histogram ? { ...p, color: `${p.value >= 0 ? theme.up : theme.down}88` } : p);
          drawn.last = p.time as number;
        }
      }
    },
  };
}
