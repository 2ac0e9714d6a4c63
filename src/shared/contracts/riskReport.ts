// The risk report across the API and in files: its zod schema (every cell checked against its column), the sections'
// schemas a report source's answer is checked with, and the `report.risk` method.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import { NUMBER_FORMATS, RISK_REPORT_FORMATS, type RiskReport, type RiskReportFormat } from '../../core/report/riskReportTypes';
import { EXPOSURE_DIMENSIONS, STRESS_KINDS, VAR_METHODS } from '../../core/report/riskReportSections';
import { epochMs, finite } from './schemas';

export type { RiskReport, RiskReportFormat } from '../../core/report/riskReportTypes';
export { RISK_REPORT_FORMATS } from '../../core/report/riskReportTypes';

const tableId = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'must be lower-case letters, digits and _ (a file and sheet name)');
const label = z.string().min(1).max(200);

const columnSchema = z.discriminatedUnion('type', [
  z.object({ key: z.string().min(1).max(64), label, type: z.literal('text') }).strict(),
  z.object({ key: z.string().min(1).max(64), label, type: z.literal('number'), format: z.enum(NUMBER_FORMATS), unit: z.string().max(64) }).strict(),
  z.object({ key: z.string().min(1).max(64), label, type: z.literal('time') }).strict(),
]);

const cellSchema = z.union([z.string().max(2_000), finite(), z.null()]);

const tableSchema = z
  .object({
    id: tableId,
    title: label,
    note: z.string().max(4_000),
    columns: z.array(columnSchema).min(1).max(64),
    rows: z.array(z.array(cellSchema).max(64)).max(1_000_000),
    unavailable: z.string().min(1).max(1_000).nullable(),
  })
  .strict()
  .superRefine((t, ctx) => {
    t.rows.forEach((row, r) => {
      if (row.length !== t.columns.length) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rows', r], message: `has ${row.length} cells for ${t.columns.length} columns` });
        return;
      }
      row.forEach((cell, c) => {
        const column = t.columns[c]!;
        const wanted = column.type === 'text' ? 'string' : 'number';
        if (cell !== null && typeof cell !== wanted) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rows', r, c], message: `column ${column.key} holds ${column.type === 'text' ? 'text' : 'numbers'}, got ${JSON.stringify(cell)}` });
      });
    });
    if (t.unavailable !== null && t.rows.length > 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['unavailable'], message: 'an unavailable table has no rows' });
  });

export const riskReportSchema: z.ZodType<RiskReport> = z
  .object({
    version: z.literal(1),
    meta: z
      .object({
        title: label,
        generatedAt: epochMs(),
        baseCurrency: z.string().regex(/^[A-Z]{3}$/),
        account: z.string().min(1).max(64),
        venues: z.array(z.string().min(1).max(32)).max(32),
        dataDir: z.string().max(4_096),
        conventions: z.array(z.string().max(4_000)).max(64),
      })
      .strict(),
    tables: z.array(tableSchema).max(64),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.tables.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tables', i, 'id'], message: `duplicate table id ${t.id}` });
      seen.add(t.id);
    });
  });

// What each injected report source must answer; checked before a figure reaches the report (a bad answer makes its
// section "not available" with the path of the bad field).
const money = finite;
const confidence = finite().refine((c) => c > 0 && c < 1, { message: 'must be between 0 and 1' });
const symbol = z.string().min(1).max(24);

export const varSectionSchema = z
  .object({
    bookValue: money(),
    window: z.number().int().min(1),
    horizonDays: z.number().int().min(1),
    figures: z.array(z.object({ method: z.enum(VAR_METHODS), confidence: confidence, valueAtRisk: money(), expectedShortfall: money() }).strict()).max(64),
    components: z.array(z.object({ symbol, method: z.enum(VAR_METHODS), confidence, component: money(), marginal: finite().nullable() }).strict()).max(100_000),
    conventions: z.string().max(4_000),
  })
  .strict();

export const stressSectionSchema = z
  .object({
    results: z.array(z.object({ scenario: z.string().min(1).max(200), kind: z.enum(STRESS_KINDS), description: z.string().max(1_000), pnl: money(), pnlFraction: finite() }).strict()).max(10_000),
    conventions: z.string().max(4_000),
  })
  .strict();

export const exposureSectionSchema = z
  .object({
    rows: z.array(z.object({ dimension: z.enum(EXPOSURE_DIMENSIONS), key: z.string().min(1).max(100), long: money(), short: money(), gross: money(), net: money() }).strict()).max(100_000),
    beta: z.object({ benchmark: symbol, value: finite() }).strict().nullable(),
    liquidity: z.array(z.object({ symbol, daysToLiquidate: finite().min(0) }).strict()).max(100_000),
    conventions: z.string().max(4_000),
  })
  .strict();

export const breachesSchema = z
  .array(z.object({ time: epochMs(), limitId: z.string().min(1).max(64), kind: z.string().min(1).max(64), value: finite(), threshold: finite(), clearedAt: epochMs().nullable() }).strict())
  .max(100_000);

const cost = z.object({ amount: money(), bps: finite() }).strict();
const costs = { shortfall: cost, spread: cost, impact: cost, timing: cost, fees: cost };
const tcaGroupSchema = z.object({ key: z.string().min(1).max(64), currency: z.string().min(1).max(8), parents: z.number().int().min(0), filledQuantity: finite().min(0), ...costs }).strict();

export const tcaSummarySchema = z
  .object({
    parents: z
      .array(
        z
          .object({
            parentId: z.string().min(1).max(64),
            symbol,
            side: z.enum(['BUY', 'SELL']),
            algo: z.string().min(1).max(16),
            currency: z.string().min(1).max(8),
            quantity: finite().positive(),
            filledQuantity: finite().min(0),
            arrivalPrice: finite().positive(),
            averageFillPrice: finite().nullable(),
            ...costs,
            intervalVwap: finite().nullable(),
            vsIntervalVwapBps: finite().nullable(),
          })
          .strict(),
      )
      .max(100_000),
    byVenue: z.array(tcaGroupSchema).max(1_000),
    byAlgo: z.array(tcaGroupSchema).max(1_000),
  })
  .strict();

export interface RiskReportFile {
  readonly format: RiskReportFormat;
  /** Absolute path of the written file, under the data directory's reports folder. */
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly mediaType: string;
  /** Sections whose source was not available, with why. */
  readonly unavailable: readonly string[];
}

export type RiskReportError =
  | { readonly code: 'PDF_BROWSER_MISSING'; readonly message: string; readonly tried: readonly string[] }
  | { readonly code: 'PDF_RENDER_FAILED'; readonly message: string }
  | { readonly code: 'REPORT_WRITE_FAILED'; readonly message: string; readonly path: string };

export const reportContract = {
  /** Collects the current risk report and writes it in one format under `<data dir>/reports`; progress on `research.progress` (job `report:<job>`). */
  'report.risk': {
    input: z.object({ format: z.enum(RISK_REPORT_FORMATS), job: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/).optional() }).strict(),
    output: z.custom<Result<RiskReportFile, RiskReportError>>(),
  },
  /** A written report's bytes (base64), for the browser host's download; only files under the reports folder. */
  'report.download': {
    input: z.object({ fileName: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'must be a report file name') }).strict(),
    output: z.custom<Result<{ fileName: string; mediaType: string; base64: string }, { code: 'REPORT_NOT_FOUND'; fileName: string }>>(),
  },
} as const;
