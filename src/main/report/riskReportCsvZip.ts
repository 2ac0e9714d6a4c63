// The CSV format: one RFC 4180 file per table, and the report's header and conventions, in one zip.
import { strToU8, zipSync } from 'fflate';
import { csvField, formatTimeUtc, tableToCsv } from '../../core/report/riskReportCells';
import type { RiskReport } from '../../core/report/riskReportTypes';

/** Fixed entry times make the same report give the same bytes (zip stores local times; 1980 is its epoch). */
const ENTRY_TIME = new Date(Date.UTC(1980, 0, 1));

function metaCsv(report: RiskReport): string {
  const m = report.meta;
  const rows: [string, string][] = [
    ['title', m.title],
    ['generated_at_utc', `${formatTimeUtc(m.generatedAt)}`],
    ['base_currency', m.baseCurrency],
    ['account', m.account],
    ['venues', m.venues.join(' ')],
    ['data_dir', m.dataDir],
    ...m.conventions.map((c, i): [string, string] => [`convention_${i + 1}`, c]),
  ];
  return `field,value\r\n${rows.map(([k, v]) => `${k},${csvField(v)}`).join('\r\n')}\r\n`;
}

export function riskReportCsvZip(report: RiskReport): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: Date }]> = { 'report.csv': [strToU8(metaCsv(report)), { mtime: ENTRY_TIME }] };
  // A UTF-8 byte-order mark: Excel then reads the names and the em dashes right.
  for (const t of report.tables) files[`${t.id}.csv`] = [strToU8(`\uFEFF${tableToCsv(t)}`), { mtime: ENTRY_TIME }];
  return zipSync(files, { level: 6 });
}
