// The risk report's shape: a header and a list of typed tables, the unit every format (JSON, CSV, XLSX, HTML, PDF) renders.

/** How a number is shown; the stored value is never rounded by the format, only by the assembly (money to the minor unit). */
export const NUMBER_FORMATS = ['money', 'quantity', 'price', 'percent', 'decimal', 'integer'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export type ReportColumn =
  | { readonly key: string; readonly label: string; readonly type: 'text' }
  /** `unit` is a currency code for money, 'fraction' for percent (0.05 = 5%), or a word (shares, days). */
  | { readonly key: string; readonly label: string; readonly type: 'number'; readonly format: NumberFormat; readonly unit: string }
  /** Epoch milliseconds, shown in UTC. */
  | { readonly key: string; readonly label: string; readonly type: 'time' };

/** A cell: a string in a text column, a finite number in a number or time column, null where there is no value. */
export type ReportCell = string | number | null;

export interface ReportTable {
  /** Letters, digits and underscores: the CSV file's and the XLSX sheet's name. */
  readonly id: string;
  readonly title: string;
  /** How the figures were made (conventions, basis), printed under the title. */
  readonly note: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** Set when the section's source could not give it: "not available: <why>"; rows are then empty. */
  readonly unavailable: string | null;
}

export interface RiskReportMeta {
  readonly title: string;
  /** Epoch ms. */
  readonly generatedAt: number;
  readonly baseCurrency: string;
  readonly account: string;
  readonly venues: readonly string[];
  readonly dataDir: string;
  /** How every figure is computed, one sentence each. */
  readonly conventions: readonly string[];
}

export interface RiskReport {
  readonly version: 1;
  readonly meta: RiskReportMeta;
  readonly tables: readonly ReportTable[];
}

export const RISK_REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'pdf'] as const;
export type RiskReportFormat = (typeof RISK_REPORT_FORMATS)[number];

/** The file each format is written as: a name's extension and its media type (the browser's download). */
export function reportFileKind(format: RiskReportFormat): { readonly extension: string; readonly mediaType: string } {
  switch (format) {
    case 'json':
      return { extension: 'json', mediaType: 'application/json' };
    case 'csv':
      return { extension: 'zip', mediaType: 'application/zip' };
    case 'xlsx':
      return { extension: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    case 'html':
      return { extension: 'html', mediaType: 'text/html' };
    case 'pdf':
      return { extension: 'pdf', mediaType: 'application/pdf' };
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}
