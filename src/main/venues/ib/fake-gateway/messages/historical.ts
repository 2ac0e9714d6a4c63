// Owns the encoder for historicalData (17): header, bars and the client-synthesized end marker.
import { IN } from '../../wire/messageIds';
import { formatIbDateTime, formatYmd } from '../timeFormat';
import type { WireField } from '../../wire/frameCodec';
import type { SyntheticBar } from '../historicalBars';

/** formatDate 1 = readable ("20240102 14:30:00 UTC"), 2 = epoch seconds; daily and longer bars are always yyyymmdd. */
export function barDate(ms: number, barSec: number, formatDate: number): string {
  if (barSec >= 86400) return formatYmd(ms);
  return formatDate === 2 ? String(Math.floor(ms / 1000)) : formatIbDateTime(ms);
}

/** HISTORICAL_DATA at 193: reqId, start, end, count, then date/open/high/low/close/volume/WAP/barCount per bar. */
export function historicalData(reqId: number, startMs: number, endMs: number, bars: readonly SyntheticBar[], barSec: number, formatDate: number): WireField[] {
  const fields: WireField[] = [IN.HISTORICAL_DATA, reqId, formatIbDateTime(startMs), formatIbDateTime(endMs), bars.length];
  for (const b of bars) fields.push(barDate(b.time, barSec, formatDate), b.open, b.high, b.low, b.close, b.volume, b.wap, b.count);
  return fields;
}
