// Building blocks of the risk report's tables: column constructors, rounding of reported figures, unavailable tables.

import { roundMoney } from '../model/instrument';
import type { NumberFormat, ReportCell, ReportColumn, ReportTable } from './riskReportTypes';
import type { Section } from './riskReportSections';

export const text = (key: string, label: string): ReportColumn => ({ key, label, type: 'text' });
export const time = (key: string, label: string): ReportColumn => ({ key, label, type: 'time' });
export const num = (key: string, label: string, format: NumberFormat, unit: string): ReportColumn => ({ key, label, type: 'number', format, unit });

/** Money to the minor unit; null stays null (a currency without an FX rate). */
export const money = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : roundMoney(x) + 0);

/** Fractions to 1e-8 (a millionth of a percent), ratios to 1e-6: what every format shows is what is stored. */
export const fraction = (x: number | null | undefined): number | null => round(x, 8);
export const ratio = (x: number | null | undefined): number | null => round(x, 6);

function round(x: number | null | undefined, digits: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
}

export interface TableSpec {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly columns: readonly ReportColumn[];
}

export const table = (spec: TableSpec, rows: readonly (readonly ReportCell[])[]): ReportTable => ({ ...spec, rows, unavailable: null });

export const unavailableTable = (spec: TableSpec, reason: string): ReportTable => ({ ...spec, rows: [], unavailable: `not available: ${reason}` });

/** The table of a section: its rows when given, else the same columns with the reason. */
export function sectionTable<T>(spec: TableSpec, section: Section<T>, rows: (value: T) => readonly (readonly ReportCell[])[], note?: (value: T) => string): ReportTable {
  if (!section.available) return unavailableTable(spec, section.reason);
  return table({ ...spec, note: note ? note(section.value) : spec.note }, rows(section.value));
}
