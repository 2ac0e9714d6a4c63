// Chart colours from the workspace theme's CSS variables, so the chart follows light and dark.
import { ColorType, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export function readThemeColours() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { bg: v('--panel', '#161b22'), text: v('--text', '#d8dee9'), grid: v('--grid', '#222a33'), border: v('--border', '#2a313c'), up: v('--up', '#2ea043'), down: v('--down', '#f85149'), accent: v('--accent', '#4aa3ff'), warn: v('--warn', '#d29922'), muted: v('--muted', '#8b949e') };
}

export function chartOptions(): DeepPartial<ChartOptions> {
  const c = readThemeColours();
  return {
    layout: { background: { type: ColorType.Solid, color: c.bg }, textColor: c.text, fontSize: 11, attributionLogo: false, panes: { separatorColor: c.border, separatorHoverColor: c.grid } },
    grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
    rightPriceScale: { borderColor: c.border },
    timeScale: { borderColor: c.border, timeVisible: true, secondsVisible: false },
  };
}
