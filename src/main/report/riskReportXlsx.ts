// The XLSX format: one sheet per table, numbers stored as numbers with number formats, times as dates, frozen headers.
import ExcelJS from 'exceljs';
import { excelNumberFormat, formatTimeUtc } from '../../core/report/riskReportCells';
import type { ReportTable, RiskReport } from '../../core/report/riskReportTypes';

/** Excel keeps times without a zone: the UTC wall time is written, and the header says UTC. */
const excelTime = (t: number): Date => new Date(t);

function addTableSheet(book: ExcelJS.Workbook, t: ReportTable): void {
  const sheet = book.addWorksheet(t.id, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(t.columns.map((c) => c.label)).font = { bold: true };
  if (t.unavailable !== null) {
    sheet.addRow([t.unavailable]).font = { italic: true, color: { argb: 'FF8A5A00' } };
  }
  for (const row of t.rows) {
    const added = sheet.addRow(row.map((cell, i) => (cell !== null && t.columns[i]!.type === 'time' ? excelTime(cell as number) : cell)));
    row.forEach((cell, i) => {
      const format = excelNumberFormat(t.columns[i]!, cell);
      if (format && cell !== null) added.getCell(i + 1).numFmt = format;
    });
  }
  t.columns.forEach((c, i) => {
    const width = Math.max(c.label.length, ...t.rows.slice(0, 500).map((r) => (r[i] === null ? 1 : c.type === 'time' ? 19 : String(r[i]).length)));
    sheet.getColumn(i + 1).width = Math.min(60, width + 2);
  });
}

export async function riskReportXlsx(report: RiskReport): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Nautilus Workstation';
  book.created = new Date(report.meta.generatedAt);
  const about = book.addWorksheet('report', { views: [{ state: 'frozen', ySplit: 1 }] });
  about.addRow(['Field', 'Value']).font = { bold: true };
  const m = report.meta;
  about.addRows([
    ['Title', m.title],
    ['Generated (UTC)', formatTimeUtc(m.generatedAt)],
    ['Base currency', m.baseCurrency],
    ['Account', m.account],
    ['Venues', m.venues.join(', ')],
    ['Data directory', m.dataDir],
    ...m.conventions.map((c, i) => [`Convention ${i + 1}`, c]),
  ]);
  about.getColumn(1).width = 18;
  about.getColumn(2).width = 120;
  for (const t of report.tables) addTableSheet(book, t);
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
