// The typed "add indicator spec" command: the features engine checks the spec on the chart's symbol before it is added.
import type { WorkstationClient } from '../../../shared/contracts/client';
import { useChartOverlays } from '../../state/chartOverlayStore';
import { notify } from '../../state/notificationStore';
import { usePrompt } from '../../state/promptStore';
import { useSelection, type ChartTimeframe } from '../../state/selectionStore';
import { overlayTitle, splitSpecs } from './overlays';

export interface SpecTarget {
  readonly chartId: string;
  readonly symbol: string | null;
  readonly timeframe: ChartTimeframe;
}

/**
 * Checks `text` with the backend (one bar is enough: the engine parses the whole spec and computes over the stored
 * bars) and adds each indicator to the chart. Resolves to null when added, or to the refusal: the backend's code and reason.
 */
export async function addIndicatorSpec(api: WorkstationClient, text: string, target: SpecTarget): Promise<string | null> {
  const specs = splitSpecs(text);
  if (specs.length === 0) return 'Type an indicator spec, e.g. sma:20 or bbands:20:2';
  if (!target.symbol) return 'Select a symbol first: the spec is checked against its bars';
  try {
    const reply = await api.call('features.compute', { symbol: target.symbol, timeframe: target.timeframe, indicators: specs.join(','), limit: 1 });
    if (!reply.ok) return `${reply.error.code}: ${reply.error.message ?? 'refused'}`;
  } catch (error) {
    return `${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message}`;
  }
  const added = useChartOverlays.getState().add(target.chartId, specs);
  if (added.length < specs.length) {
    const skipped = specs.filter((s) => !added.includes(s)).map(overlayTitle);
    notify('info', `Already on the chart or too many overlays: ${skipped.join(', ')}`);
  }
  return null;
}

/** Opens the prompt for the chart the palette acts on. */
export function askIndicatorSpec(api: WorkstationClient, chartId: string): void {
  usePrompt.getState().ask({
    title: 'Add indicator',
    label: 'Spec: id and parameters, several separated by commas',
    placeholder: 'sma:20, bbands:20:2, rsi:14',
    submitLabel: 'Add',
    onSubmit: (text) => {
      const { symbol, timeframe } = useSelection.getState();
      return addIndicatorSpec(api, text, { chartId, symbol, timeframe });
    },
  });
}
