// The dataset `nautilus ml train|predict|compare` read: a CSV of date, symbol, close and feature columns (one row per
// symbol and day, e.g. exported factor values), filtered to a universe and a date window. Errors name file and line.
import { readFileSync } from 'node:fs';
import type { PanelRow } from '../../core/ml/trainingSet';
import { err, ok, type Result } from '../../core/model/result';
import { parseNumberCell, parseTimestampCell } from '../../main/storage/market/import/cellParsing';
import { detectDelimiter, splitCsvLine } from '../../main/storage/market/import/csvReader';

export interface PanelFilter {
  readonly symbols?: readonly string[];
  readonly from?: number;
  readonly to?: number;
}

/** Features may be empty or non-numeric cells (NaN): a row is refused only when a chosen feature is, at training. */
export function readPanelCsv(path: string, filter: PanelFilter = {}): Result<PanelRow[], string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(`cannot read ${path}: ${(e as Error).message}`);
  }
  const lines = text.split(/\r?\n/);
  const headerText = (lines[0] ?? '').replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(headerText);
  const header = splitCsvLine(headerText, delimiter).map((h) => h.trim());
  const at = (name: string) => header.findIndex((h) => h.toLowerCase() === name);
  const [dateAt, symbolAt, closeAt] = [at('date'), at('symbol'), at('close')];
  if (dateAt < 0 || symbolAt < 0 || closeAt < 0) return err(`${path}:1: the header needs date, symbol and close columns, got ${header.join(', ')}`);
  const featureCols = header.map((h, i) => [h, i] as const).filter(([, i]) => i !== dateAt && i !== symbolAt && i !== closeAt);
  const wanted = filter.symbols ? new Set(filter.symbols) : undefined;
  const rows: PanelRow[] = [];
  for (let ln = 1; ln < lines.length; ln++) {
    if (lines[ln]!.trim() === '') continue;
    const cells = splitCsvLine(lines[ln]!, delimiter).map((c) => c.trim());
    const date = parseTimestampCell(cells[dateAt]);
    if (!date.ok) return err(`${path}:${ln + 1}: date '${cells[dateAt] ?? ''}': ${date.reason}`);
    const symbol = cells[symbolAt] ?? '';
    if (symbol === '') return err(`${path}:${ln + 1}: no symbol`);
    if (wanted && !wanted.has(symbol)) continue;
    if ((filter.from !== undefined && date.value < filter.from) || (filter.to !== undefined && date.value > filter.to)) continue;
    const close = parseNumberCell(cells[closeAt]);
    if (!close.ok) return err(`${path}:${ln + 1}: close '${cells[closeAt] ?? ''}': ${close.reason}`);
    const features: Record<string, number> = {};
    for (const [name, i] of featureCols) {
      const v = parseNumberCell(cells[i]);
      features[name] = v.ok ? v.value : NaN;
    }
    rows.push({ date: date.value, symbol, close: close.value, features });
  }
  if (wanted) for (const s of wanted) if (!rows.some((r) => r.symbol === s)) return err(`${path}: no rows for symbol ${s} in that window`);
  return ok(rows);
}
