// Builds the universe panel a factor run needs from the store: bars of every symbol on one calendar, the stored
// features and fundamentals its expressions name, and sector groups from the instruments.
import { alignPanel, seriesOf, type FieldRef, type Panel } from '../../core/factors';
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import type { MarketStore } from '../storage/market/marketStore';

/**
 * Where `fundamental("pe")` values come from. Point-in-time is the source's duty: a value is known from its filing
 * date, never its period end, so the value at date t is the latest one filed on or before t. Until a fundamentals
 * connector provides one, expressions naming a fundamental are refused with FIELD_UNAVAILABLE.
 */
export interface FundamentalSource {
  /** The field's value per date for the symbol (NaN where none was known yet), or null when the field is unknown. */
  readonly pointInTime: (symbol: string, field: string, times: Float64Array) => Promise<Float64Array | null>;
}

export interface PanelRequest {
  readonly symbols?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly timeframe: Timeframe;
}

export type PanelError =
  | { readonly code: 'NO_SYMBOLS'; readonly message: string }
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly message: string; readonly symbol: string }
  | { readonly code: 'EMPTY_RANGE'; readonly message: string }
  | { readonly code: 'FIELD_UNAVAILABLE'; readonly message: string; readonly field: string; readonly position: number; readonly expression: string };

const BAR_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** Loads the panel; `fields` with the expression each came from, for errors that point at it. */
export async function loadFactorPanel(
  store: MarketStore,
  request: PanelRequest,
  fields: readonly { readonly ref: FieldRef; readonly expression: string }[],
  fundamentals: FundamentalSource | undefined,
  shared: boolean,
): Promise<Result<Panel, PanelError>> {
  const known = await store.listSymbols(request.timeframe);
  const symbols = request.symbols ?? known;
  if (symbols.length === 0) return err({ code: 'NO_SYMBOLS', message: `the store has no ${request.timeframe} bars` });
  const knownSet = new Set(known);
  const missing = symbols.find((s) => !knownSet.has(s));
  if (missing) return err({ code: 'UNKNOWN_SYMBOL', message: `no ${request.timeframe} bars for ${missing}`, symbol: missing });
  const range = { ...(request.from !== undefined ? { from: request.from } : {}), ...(request.to !== undefined ? { to: request.to } : {}) };
  const bars = [];
  for (const symbol of symbols) {
    const b = await store.readBars(symbol, request.timeframe, range);
    bars.push({ symbol, time: b.time, columns: { open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume } });
  }
  const sectors = new Map((await store.listInstruments()).map((i) => [i.symbol, i.sector]));
  const sectorIds = new Map<string, number>();
  const sector = Int32Array.from(symbols, (s) => {
    const name = sectors.get(s);
    if (!name) return -1;
    if (!sectorIds.has(name)) sectorIds.set(name, sectorIds.size);
    return sectorIds.get(name)!;
  });
  const panel = alignPanel(bars, BAR_COLUMNS, new Map(sectorIds.size > 0 ? [['sector', sector]] : []));
  if (panel.times.length === 0) return err({ code: 'EMPTY_RANGE', message: `no ${request.timeframe} bars for these symbols in that range` });
  const columns = new Map(panel.columns);
  const T = panel.times.length;
  for (const { ref, expression } of fields) {
    if (ref.source === 'bar') continue;
    const key = `${ref.source}:${ref.name}`;
    if (columns.has(key)) continue;
    const column = new Float64Array(symbols.length * T).fill(NaN);
    let found = false;
    for (const [s, symbol] of symbols.entries()) {
      const target = seriesOf(column, T, s);
      if (ref.source === 'feature') {
        const f = await store.readFeature(symbol, request.timeframe, ref.name, range);
        found ||= f.time.length > 0;
        alignInto(panel.times, f.time, f.value, target);
      } else {
        const values = fundamentals ? await fundamentals.pointInTime(symbol, ref.name, panel.times) : null;
        if (values) {
          found = true;
          target.set(values);
        }
      }
    }
    if (!found) {
      const where = ref.source === 'feature' ? `no stored feature '${ref.name}' for these symbols (nautilus features computes them)` : `no fundamentals source provides '${ref.name}'`;
      return err({ code: 'FIELD_UNAVAILABLE', message: `${where} (at ${ref.position} in ${expression})`, field: key, position: ref.position, expression });
    }
    columns.set(key, column);
  }
  return ok(shared ? sharePanel({ ...panel, columns }) : { ...panel, columns });
}

/** Copies values at `times` into `target` on the panel calendar (a time the calendar lacks is dropped). */
function alignInto(calendar: Float64Array, times: Float64Array, values: Float64Array, target: Float64Array): void {
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while (j < calendar.length && calendar[j]! < times[i]!) j++;
    if (j < calendar.length && calendar[j] === times[i]) target[j] = values[i]!;
  }
}

/** The panel's columns on shared memory: worker-thread engines then read it without a copy each. */
function sharePanel(panel: Panel): Panel {
  const columns = new Map<string, Float64Array>();
  for (const [name, column] of panel.columns) {
    const sharedColumn = new Float64Array(new SharedArrayBuffer(column.byteLength));
    sharedColumn.set(column);
    columns.set(name, sharedColumn);
  }
  return { ...panel, columns };
}
