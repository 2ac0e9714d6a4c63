// Palette commands for a chart's indicators: add a preset, add any spec, remove each one shown.
import { useMemo } from 'react';
import type { WorkstationClient } from '../../../shared/contracts/client';
import { useChartOverlays, useOverlaysOf } from '../../state/chartOverlayStore';
import { useRegisterCommands, type PaletteCommand } from '../../state/commandRegistry';
import { askIndicatorSpec } from './addIndicatorSpec';
import { useRegimeBandSettings } from './useRegimeBand';
import { INDICATOR_PRESETS, overlayTitle } from './overlays';

export function useChartCommands(api: WorkstationClient, chartId: string): void {
  const active = useOverlaysOf(chartId);
  const regimesShown = useRegimeBandSettings((s) => s.shown);
  const commands = useMemo<PaletteCommand[]>(() => {
    const store = useChartOverlays.getState();
    const list: PaletteCommand[] = [
      ...INDICATOR_PRESETS.filter((p) => !active.includes(p.spec)).map((p) => ({
        id: `chart.addIndicator.${p.spec}`,
        title: `Chart: add indicator ${p.title}`,
        run: () => void store.add(chartId, [p.spec]),
      })),
      { id: 'chart.addIndicatorSpec', title: 'Chart: add indicator spec…', run: () => askIndicatorSpec(api, chartId) },
      { id: 'chart.toggleRegimes', title: regimesShown ? 'Chart: hide market regimes' : 'Chart: show market regimes (HMM)', run: () => useRegimeBandSettings.getState().toggle() },
      ...active.map((spec) => ({ id: `chart.removeIndicator.${spec}`, title: `Chart: remove indicator ${overlayTitle(spec)}`, run: () => store.remove(chartId, spec) })),
    ];
    if (active.length > 1) list.push({ id: 'chart.removeAllIndicators', title: 'Chart: remove all indicators', run: () => active.forEach((s) => store.remove(chartId, s)) });
    return list;
  }, [api, chartId, active, regimesShown]);
  useRegisterCommands(commands);
}
