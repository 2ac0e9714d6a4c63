// `nautilus analytics`: performance metrics and the tear sheet for a daily equity CSV, without a backtest.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ANALYTICS_CONVENTIONS, computePerformance } from '../../core/analytics';
import type { AnalyticsInputError, PerformanceReport, RoundTrip } from '../../core/analytics';
import { err, ok } from '../../core/model/result';
import type { Result } from '../../core/model/result';
import { BENCHMARK_ROWS, formatMetric, METRIC_GROUPS } from '../../core/report/metricRows';
import { formatDate } from '../../core/report/html';
import { renderTearSheet } from '../../core/report/tearSheet';
import { parseNumberCell, parseTimestampCell } from '../../main/storage/market/import/cellParsing';
import { detectDelimiter, splitCsvLine } from '../../main/storage/market/import/csvReader';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../command';
import type { CliCommand, CliIO } from '../command';

const USAGE = `usage: nautilus analytics --input <equity.csv> [--benchmark <bench.csv>] [--trades <trades.csv>]
                         [--rf 0] [--window 126] [--top 5] [--name NAME] [--benchmark-name NAME]
                         [--json] [--tearsheet <out.html>]

  --input       daily equity marked at the close: a header row with time/date and equity (or value, nav,
                close, price); optional exposure (gross exposure / equity) and turnover (traded notional /
                equity) columns. Times are ISO 8601 (no zone = UTC), YYYYMMDD or epoch, one row per day.
  --benchmark   benchmark levels (time/date and close, price, value or equity), aligned by UTC date
  --trades      round-trip trades with a pnl column: win rate, profit factor… are then on trades
  --rf          annual risk-free rate as a fraction (0.02 = 2%), used daily as rf/252 (default 0)
  --window      rolling Sharpe / beta window in days (default 126); --top rows of worst drawdowns (default 5)
  --json        print the metrics as fractions with the conventions, instead of a table
  --tearsheet   write the self-contained HTML tear sheet to this file`;

const TIME = ['time', 'date', 'datetime', 'timestamp', 'date/time', 'ts'];
const LEVEL = ['equity', 'value', 'nav', 'close', 'adj close', 'adjclose', 'adj_close', 'price'];
const PNL = ['pnl', 'p&l', 'profit', 'realized_pnl', 'realizedpnl'];

interface CsvTable {
  readonly columns: ReadonlyMap<string, Float64Array>;
  /** 1-based file line of each data row. */
  readonly lines: readonly number[];
}

/** Reads the named columns (first alias found in the header) with the import's cell rules; errors name file:line. */
function readColumns(path: string, wanted: Readonly<Record<string, { aliases: readonly string[]; required: boolean; time?: boolean }>>): Result<CsvTable, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(`cannot read ${path}: ${(e as Error).message}`);
  }
  const raw = text.split(/\r?\n/);
  const headerAt = raw.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return err(`${path}: the file is empty`);
  const headerText = raw[headerAt]!.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(headerText);
  const header = splitCsvLine(headerText, delimiter).map((h) => h.trim().toLowerCase());
  const at = new Map<string, number>();
  for (const [name, spec] of Object.entries(wanted)) {
    const i = spec.aliases.map((a) => header.indexOf(a)).find((x) => x >= 0);
    if (i !== undefined) at.set(name, i);
    else if (spec.required) return err(`${path}:${headerAt + 1}: no ${name} column in the header (accepted names: ${spec.aliases.join(', ')})`);
  }
  const values = new Map<string, number[]>([...at.keys()].map((k) => [k, []]));
  const lines: number[] = [];
  for (let ln = headerAt + 1; ln < raw.length; ln++) {
    if (raw[ln]!.trim() === '') continue;
    const fields = splitCsvLine(raw[ln]!, delimiter).map((f) => f.trim());
    for (const [name, i] of at) {
      const cell = fields[i] ?? '';
      const parsed = wanted[name]!.time ? parseTimestampCell(cell) : parseNumberCell(cell);
      if (!parsed.ok) return err(`${path}:${ln + 1}: column ${header[i]}: '${cell}' is not ${wanted[name]!.time ? 'a date (ISO 8601, YYYYMMDD or epoch)' : 'a finite number'} (${parsed.reason})`);
      values.get(name)!.push(parsed.value);
    }
    lines.push(ln + 1);
  }
  return ok({ columns: new Map([...values].map(([k, v]) => [k, Float64Array.from(v)])), lines });
}

/** Where an analytics input error points, as file:line. */
function describeInputError(e: AnalyticsInputError, files: { equity: string; eqLines: readonly number[]; benchmark?: string; bLines?: readonly number[]; trades?: string; tLines?: readonly number[] }): string {
  switch (e.code) {
    case 'NON_FINITE_VALUE':
    case 'NON_POSITIVE_EQUITY':
    case 'UNSORTED_TIMES': {
      const where = e.series.startsWith('benchmark') ? `${files.benchmark}:${files.bLines?.[e.index] ?? '?'}` : e.series === 'trades.pnl' ? `${files.trades}:${files.tLines?.[e.index] ?? '?'}` : `${files.equity}:${files.eqLines[e.index] ?? '?'}`;
      return `${where}: ${e.message}`;
    }
    case 'LENGTH_MISMATCH':
    case 'BAD_OPTION':
      return e.message;
    default: {
      const never: never = e;
      throw new Error(`unhandled analytics error ${JSON.stringify(never)}`);
    }
  }
}

/** JSON with NaN as null and Float64Arrays as arrays. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v), 2);
}

function jsonReport(report: PerformanceReport): unknown {
  const b = report.benchmark;
  return {
    conventions: report.conventions,
    metrics: { ...report.metrics, startTime: formatDate(report.metrics.startTime), endTime: formatDate(report.metrics.endTime) },
    winLossBasis: report.winLoss.basis,
    benchmark: b && { commonPoints: b.commonPoints, alpha: b.alpha, beta: b.beta, correlation: b.correlation, trackingError: b.trackingError, informationRatio: b.informationRatio, benchmarkTotalReturn: b.benchmarkTotalReturn },
    monthly: report.monthly,
    yearly: report.yearly,
    worstDrawdowns: report.worstDrawdowns.map((e) => ({ peak: formatDate(e.peakTime), trough: formatDate(e.troughTime), recovery: e.recoveryTime === null ? null : formatDate(e.recoveryTime), depth: e.depth, days: e.lengthDays, tradingDays: e.lengthPoints })),
  };
}

function textReport(report: PerformanceReport, name: string): string {
  const m = report.metrics;
  const out = [`${name}: ${formatDate(m.startTime)} → ${formatDate(m.endTime)}, ${m.points} daily points, risk-free ${formatMetric(m.riskFreeRate, 'percent', 'dailyReturns')} a year`];
  for (const g of METRIC_GROUPS) {
    out.push('', g.title);
    for (const r of g.rows) out.push(`  ${r.label.padEnd(24)} ${formatMetric(m[r.key], r.format, report.winLoss.basis).padStart(12)}`);
  }
  if (report.benchmark) {
    out.push('', `Against the benchmark (${report.benchmark.commonPoints} common dates)`);
    for (const r of BENCHMARK_ROWS) out.push(`  ${r.label.padEnd(24)} ${formatMetric(report.benchmark[r.key], r.format, 'dailyReturns').padStart(12)}`);
  }
  out.push('', `Conventions: ${ANALYTICS_CONVENTIONS.standardDeviation} ${ANALYTICS_CONVENTIONS.periodsPerYear} periods a year. ${ANALYTICS_CONVENTIONS.riskFree} ${ANALYTICS_CONVENTIONS.sortino} (--json prints them all.)`);
  return `${out.join('\n')}\n`;
}

function fail(io: CliIO, message: string, code = EXIT_USAGE): number {
  io.err(`nautilus analytics: ${message}\n`);
  return code;
}

function numberOption(text: string | undefined, flag: string, fallback: number): Result<number, string> {
  if (text === undefined) return ok(fallback);
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) ? ok(v) : err(`${flag} must be a number, got '${text}'`);
}

export const analyticsCommand: CliCommand = {
  name: 'analytics',
  summary: 'performance metrics and the HTML tear sheet for a daily equity CSV',
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      input: { type: 'string' },
      benchmark: { type: 'string' },
      trades: { type: 'string' },
      rf: { type: 'string' },
      window: { type: 'string' },
      top: { type: 'string' },
      name: { type: 'string' },
      'benchmark-name': { type: 'string' },
      json: { type: 'boolean' },
      tearsheet: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (!parsed.ok) return fail(io, `${parsed.error}\n\n${USAGE}`);
    const v = parsed.value.values as Record<string, string | boolean | undefined>;
    if (v.help) return io.out(`${USAGE}\n`), EXIT_OK;
    const input = v.input as string | undefined;
    if (!input) return fail(io, `--input is required\n\n${USAGE}`);
    const rf = numberOption(v.rf as string | undefined, '--rf', 0);
    const window = numberOption(v.window as string | undefined, '--window', 126);
    const top = numberOption(v.top as string | undefined, '--top', 5);
    for (const o of [rf, window, top]) if (!o.ok) return fail(io, o.error);

    const eq = readColumns(input, { time: { aliases: TIME, required: true, time: true }, equity: { aliases: LEVEL, required: true }, exposure: { aliases: ['exposure'], required: false }, turnover: { aliases: ['turnover'], required: false } });
    if (!eq.ok) return fail(io, eq.error);
    const benchPath = v.benchmark as string | undefined;
    const bench = benchPath ? readColumns(benchPath, { time: { aliases: TIME, required: true, time: true }, close: { aliases: LEVEL, required: true } }) : undefined;
    if (bench && !bench.ok) return fail(io, bench.error);
    const tradesPath = v.trades as string | undefined;
    const trades = tradesPath ? readColumns(tradesPath, { pnl: { aliases: PNL, required: true } }) : undefined;
    if (trades && !trades.ok) return fail(io, trades.error);

    const c = eq.value.columns;
    const computed = computePerformance(
      {
        equity: { times: c.get('time')!, values: c.get('equity')! },
        exposure: c.get('exposure'),
        turnover: c.get('turnover'),
        benchmark: bench?.ok ? { times: bench.value.columns.get('time')!, values: bench.value.columns.get('close')! } : undefined,
        trades: trades?.ok ? Array.from(trades.value.columns.get('pnl')!, (pnl): RoundTrip => ({ pnl })) : undefined,
      },
      { riskFreeRate: rf.ok ? rf.value : 0, rollingWindow: window.ok ? window.value : 126, topDrawdowns: top.ok ? top.value : 5 },
    );
    if (!computed.ok) {
      return fail(io, describeInputError(computed.error, { equity: input, eqLines: eq.value.lines, benchmark: benchPath, bLines: bench?.ok ? bench.value.lines : undefined, trades: tradesPath, tLines: trades?.ok ? trades.value.lines : undefined }));
    }
    const report = computed.value;
    const name = (v.name as string | undefined) ?? basename(input).replace(/\.[^.]+$/, '');

    const sheetPath = v.tearsheet as string | undefined;
    if (sheetPath) {
      const aligned = report.benchmark?.aligned;
      const benchReport = aligned ? computePerformance({ equity: { times: aligned.times, values: aligned.benchmark } }, { riskFreeRate: report.metrics.riskFreeRate, rollingWindow: report.rollingWindow }) : undefined;
      const html = renderTearSheet({
        strategyName: name,
        benchmarkName: benchPath ? ((v['benchmark-name'] as string | undefined) ?? basename(benchPath).replace(/\.[^.]+$/, '')) : undefined,
        report,
        benchmarkReport: benchReport?.ok ? benchReport.value : undefined,
        generatedAt: Date.now(),
      });
      try {
        writeFileSync(sheetPath, html);
      } catch (e) {
        return fail(io, `cannot write ${sheetPath}: ${(e as Error).message}`, EXIT_FAILURE);
      }
      io.err(`tear sheet written to ${sheetPath}\n`);
    }
    io.out(v.json ? `${toJson(jsonReport(report))}\n` : textReport(report, name));
    return EXIT_OK;
  },
};
