// A run's equity (and a second run's, overlaid, when comparing) over its drawdown from the running peak, in a pane
// below: lightweight-charts, coloured from the workspace theme.
import { useEffect, useRef } from 'react';
import { AreaSeries, createChart, LineSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { drawdownSeries } from '../../../core/analytics';
import { useWorkspace } from '../../state/workspaceStore';
import { chartOptions, readThemeColours } from '../chart/chartTheme';
import type { EquitySeries } from './tearSheetExport';

export interface ChartedRun {
  readonly label: string;
  readonly series: EquitySeries;
}

/** Points with strictly increasing whole-second times (the chart's rule): the last value of a second wins. */
function points(times: readonly number[], values: ArrayLike<number>): { time: UTCTimestamp; value: number }[] {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (let i = 0; i < times.length; i++) {
    const time = Math.floor(times[i]! / 1000) as UTCTimestamp;
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    if (out.length && out[out.length - 1]!.time >= time) out[out.length - 1] = { time: out[out.length - 1]!.time, value };
    else out.push({ time, value });
  }
  return out;
}

/** The browser's language when Intl accepts it (some report POSIX tags such as `en-US@posix`, which the chart's date formatting refuses). */
function chartLocale(): string {
  try {
    return Intl.getCanonicalLocales(navigator.language)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

export function EquityChart({ runs }: { runs: readonly ChartedRun[] }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const theme = useWorkspace((s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, { ...chartOptions(), autoSize: true, localization: { locale: chartLocale() }, timeScale: { ...chartOptions().timeScale, timeVisible: false } });
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const frame = requestAnimationFrame(() => {
      c.applyOptions(chartOptions());
      const colours = readThemeColours();
      const palette = [colours.accent, colours.warn];
      const added = runs.slice(0, 2).flatMap((run, i) => {
        const colour = palette[i]!;
        const equity = c.addSeries(LineSeries, { color: colour, lineWidth: 2, title: runs.length > 1 ? run.label : 'equity', priceLineVisible: false }, 0);
        equity.setData(points(run.series.time, run.series.equity));
        const dd = drawdownSeries(Float64Array.from(run.series.equity)).map((v) => v * 100);
        const drawdown = c.addSeries(AreaSeries, { lineColor: i === 0 ? colours.down : colour, topColor: `${colours.down}00`, bottomColor: `${colours.down}55`, lineWidth: 1, priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(1)}%` }, priceLineVisible: false, title: 'drawdown' }, 1);
        drawdown.setData(points(run.series.time, dd));
        return [equity, drawdown];
      });
      const panes = c.panes();
      if (panes.length > 1) panes[1]!.setHeight(Math.max(60, Math.round((host.current?.clientHeight ?? 240) * 0.28)));
      c.timeScale().fitContent();
      cleanup = () => added.forEach((s) => c.removeSeries(s));
    });
    let cleanup = () => undefined as void;
    return () => {
      cancelAnimationFrame(frame);
      cleanup();
    };
  }, [runs, theme]);

  return <div className="backtest-chart" ref={host} data-testid="backtest-equity-chart" data-runs={runs.length} data-points={runs[0]?.series.time.length ?? 0} />;
}
