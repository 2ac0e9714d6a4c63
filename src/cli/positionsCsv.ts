// Reads a what-if book file for `nautilus risk`: symbol,quantity[,price] rows, each checked and named by its line.
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from '../core/model/result';
import { symbolSchema } from '../shared/contracts/market';
import type { WhatIfPosition } from '../shared/contracts/portfolioRisk';
import { detectDelimiter, splitCsvLine } from '../main/storage/market/import/csvReader';

const numberCell = (cell: string): number => (cell.trim() === '' ? NaN : Number(cell.trim()));

/** `row` of each position is its 1-based line in the file; an optional header names symbol, quantity and price columns. */
export function readPositionsCsv(path: string): Result<WhatIfPosition[], string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(`cannot read ${path}: ${(e as Error).message}`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return err(`${path}: the file is empty`);
  const delimiter = detectDelimiter(lines[first]!);
  const head = splitCsvLine(lines[first]!, delimiter).map((h) => h.trim().toLowerCase());
  const hasHeader = head.includes('symbol');
  const column = { symbol: hasHeader ? head.indexOf('symbol') : 0, quantity: hasHeader ? ['quantity', 'qty', 'position'].map((h) => head.indexOf(h)).find((i) => i >= 0) ?? -1 : 1, price: hasHeader ? head.indexOf('price') : 2 };
  if (column.quantity < 0) return err(`${path}: row ${first + 1}: no quantity column in the header (accepted names: quantity, qty, position)`);
  const positions: WhatIfPosition[] = [];
  for (let i = hasHeader ? first + 1 : first; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const row = i + 1;
    const cells = splitCsvLine(lines[i]!, delimiter);
    const symbol = (cells[column.symbol] ?? '').trim();
    if (!symbolSchema.safeParse(symbol).success) return err(`${path}: row ${row}: '${symbol}' is not a symbol (upper-case letters, digits and . _ - /, at most 24)`);
    const quantityCell = cells[column.quantity] ?? '';
    const quantity = numberCell(quantityCell);
    if (!Number.isFinite(quantity)) return err(`${path}: row ${row}: ${symbol}: quantity '${quantityCell.trim()}' is not a finite number`);
    const priceCell = column.price >= 0 ? (cells[column.price] ?? '').trim() : '';
    const price = priceCell === '' ? undefined : numberCell(priceCell);
    if (price !== undefined && !(price > 0 && Number.isFinite(price))) return err(`${path}: row ${row}: ${symbol}: price '${priceCell}' is not a finite number above zero`);
    positions.push({ symbol, quantity, row, ...(price === undefined ? {} : { price }) });
  }
  if (positions.length === 0) return err(`${path}: no positions (rows of symbol,quantity[,price])`);
  return ok(positions);
}
