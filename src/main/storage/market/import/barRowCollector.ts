// Validates imported rows one by one (with their line numbers), groups them per symbol, sorts them and finds duplicate times.
import type { BarColumns } from '../../../../core/model/marketData';
import { checkBarValues, type BarRejection } from '../barValidation';
import { parseNumberCell, parseTimeOfDay, parseTimestampCell, type Cell } from './cellParsing';

export interface RowError {
  /** 1-based line of a CSV file (the header is line 1), or 1-based row of a Parquet file. */
  readonly line: number;
  readonly reason: BarRejection;
  readonly column?: string;
  readonly value?: string;
  readonly message: string;
}

export interface RawBarRow {
  readonly symbol?: Cell;
  readonly time: Cell;
  /** Set when the source already holds an absolute time (a Parquet TIMESTAMP), bypassing text/epoch parsing. */
  readonly epochMs?: number;
  readonly timeOfDay?: Cell;
  readonly open: Cell;
  readonly high: Cell;
  readonly low: Cell;
  readonly close: Cell;
  /** undefined = the file has no volume column (0 is stored). */
  readonly volume?: Cell;
}

export interface CollectedSeries {
  readonly symbol: string;
  readonly bars: BarColumns;
}

/** Errors kept in full; beyond this only the count grows, so a broken 10 GB file cannot exhaust memory. */
export const MAX_REPORTED_ROW_ERRORS = 1000;
const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9._:/^=-]{0,31}$/;

class SeriesBuilder {
  length = 0;
  time = new Float64Array(1024);
  open = new Float64Array(1024);
  high = new Float64Array(1024);
  low = new Float64Array(1024);
  close = new Float64Array(1024);
  volume = new Float64Array(1024);
  line = new Float64Array(1024);

  push(line: number, t: number, o: number, h: number, l: number, c: number, v: number): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.line[i] = line;
    this.time[i] = t;
    this.open[i] = o;
    this.high[i] = h;
    this.low[i] = l;
    this.close[i] = c;
    this.volume[i] = v;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const grown = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.time = grown(this.time);
    this.open = grown(this.open);
    this.high = grown(this.high);
    this.low = grown(this.low);
    this.close = grown(this.close);
    this.volume = grown(this.volume);
    this.line = grown(this.line);
  }
}

export class BarRowCollector {
  private readonly series = new Map<string, SeriesBuilder>();
  private readonly reported: RowError[] = [];
  private errorCount = 0;
  private rowCount = 0;

  /** `defaultSymbol` is used when the file has no symbol column, or a row's symbol cell is empty. */
  constructor(private readonly defaultSymbol?: string) {}

  get rows(): number {
    return this.rowCount;
  }

  get errors(): readonly RowError[] {
    return this.reported;
  }

  get totalErrors(): number {
    return this.errorCount;
  }

  add(line: number, row: RawBarRow): void {
    this.rowCount++;
    const rawSymbol = row.symbol === undefined || row.symbol === null ? '' : String(row.symbol).trim();
    const symbol = (rawSymbol === '' ? (this.defaultSymbol ?? '') : rawSymbol).toUpperCase();
    if (symbol === '') return this.fail(line, 'MISSING_SYMBOL', 'symbol', rawSymbol, 'no symbol in the row and no --symbol given');
    if (!SYMBOL.test(symbol)) return this.fail(line, 'BAD_SYMBOL', 'symbol', symbol, `symbol "${symbol}" has characters a symbol cannot have`);
    const time = this.parseTime(row);
    if (!time.ok) return this.fail(line, time.reason, 'time', show(row.time), `time ${show(row.time)}: ${time.reason}`);
    const values: number[] = [];
    const fields = ['open', 'high', 'low', 'close', 'volume'] as const;
    for (const field of fields) {
      if (field === 'volume' && row.volume === undefined) {
        values.push(0);
        continue;
      }
      const parsed = parseNumberCell(row[field]);
      if (!parsed.ok) return this.fail(line, parsed.reason, field, show(row[field]), `${field} ${show(row[field])}: ${parsed.reason}`);
      values.push(parsed.value);
    }
    const [o, h, l, c, v] = values as [number, number, number, number, number];
    const reason = checkBarValues(o, h, l, c, v);
    if (reason) return this.fail(line, reason, undefined, undefined, describe(reason, o, h, l, c, v));
    let builder = this.series.get(symbol);
    if (!builder) {
      builder = new SeriesBuilder();
      this.series.set(symbol, builder);
    }
    builder.push(line, time.value, o, h, l, c, v);
  }

  /** Sorts each symbol's bars by time and reports duplicate times (on the later line). */
  finish(): CollectedSeries[] {
    const out: CollectedSeries[] = [];
    for (const [symbol, b] of [...this.series].sort(([a], [z]) => a.localeCompare(z))) {
      const order = Array.from({ length: b.length }, (_, i) => i);
      let sorted = true;
      for (let i = 1; i < b.length && sorted; i++) sorted = (b.time[i - 1] as number) <= (b.time[i] as number);
      if (!sorted) order.sort((x, y) => (b.time[x] as number) - (b.time[y] as number) || (b.line[x] as number) - (b.line[y] as number));
      const pick = (a: Float64Array): Float64Array => Float64Array.from(order, (i) => a[i] as number);
      const time = pick(b.time);
      const line = pick(b.line);
      for (let i = 1; i < time.length; i++) {
        if (time[i] === time[i - 1]) {
          const at = new Date(time[i] as number).toISOString();
          this.fail(line[i] as number, 'DUPLICATE_TIME', 'time', at, `${symbol} ${at} already on line ${line[i - 1]}`);
        }
      }
      out.push({ symbol, bars: { time, open: pick(b.open), high: pick(b.high), low: pick(b.low), close: pick(b.close), volume: pick(b.volume) } });
    }
    return out;
  }

  private parseTime(row: RawBarRow): ReturnType<typeof parseTimestampCell> {
    const date =
      row.epochMs !== undefined
        ? Number.isFinite(row.epochMs)
          ? { ok: true as const, value: row.epochMs }
          : { ok: false as const, reason: 'UNPARSEABLE_DATE' as const }
        : parseTimestampCell(row.time);
    if (!date.ok || row.timeOfDay === undefined) return date;
    if (row.timeOfDay === null || String(row.timeOfDay).trim() === '') return date;
    const ofDay = parseTimeOfDay(String(row.timeOfDay));
    if (ofDay !== undefined) return { ok: true, value: date.value + ofDay };
    return parseTimestampCell(row.timeOfDay);
  }

  private fail(line: number, reason: BarRejection, column: string | undefined, value: string | undefined, message: string): void {
    this.errorCount++;
    if (this.reported.length < MAX_REPORTED_ROW_ERRORS) this.reported.push({ line, reason, column, value, message });
  }
}

function show(cell: Cell): string {
  return cell === null || cell === undefined ? '(empty)' : JSON.stringify(String(cell));
}

function describe(reason: BarRejection, o: number, h: number, l: number, c: number, v: number): string {
  switch (reason) {
    case 'HIGH_BELOW_LOW':
      return `high ${h} < low ${l}`;
    case 'OPEN_OUTSIDE_RANGE':
      return `open ${o} outside [low ${l}, high ${h}]`;
    case 'CLOSE_OUTSIDE_RANGE':
      return `close ${c} outside [low ${l}, high ${h}]`;
    case 'NEGATIVE_VOLUME':
      return `volume ${v} < 0`;
    default:
      return reason;
  }
}
