// `nautilus indicators`: computes technical indicators over a CSV of bars and prints them bar by bar.

import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE } from '../command';
import type { CliCommand, CliIO } from '../command';
import { readCsvBars } from '../csvBars';
import { computeIndicators, describeIssue, parseIndicatorSpecs, requiredColumns } from '../../core/indicators';
import type { InputIssue } from '../../core/indicators';

const USAGE = `usage: nautilus indicators --input <bars.csv> --indicators <specs> [--format csv|json]

  --input        CSV with a header row: date/time, open, high, low, close, volume (case-insensitive;
                 optional benchmark and eps columns). Times are ISO 8601 (no zone = UTC) or epoch
                 seconds/milliseconds.
  --indicators   comma-separated id[:param…], e.g. rsi:14,macd:12:26:9,bbands:20:2
  --format       csv (default) or json

Prints time, close and one column per indicator output (rsi_14, macd_12_26_9_signal, …);
warm-up values are empty (csv) or null (json).`;

function fail(io: CliIO, message: string): number {
  io.err(`nautilus indicators: ${message}\n`);
  return EXIT_USAGE;
}

function formatNumber(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

export const indicatorsCommand: CliCommand = {
  name: 'indicators',
  summary: 'compute technical indicators over a CSV of bars',
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      input: { type: 'string' },
      indicators: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (!parsed.ok) return fail(io, `${parsed.error}\n\n${USAGE}`);
    const { values } = parsed.value;
    if (values.help) {
      io.out(`${USAGE}\n`);
      return EXIT_OK;
    }
    const input = values.input as string | undefined;
    const specText = values.indicators as string | undefined;
    const format = (values.format as string | undefined) ?? 'csv';
    if (!input) return fail(io, `--input is required\n\n${USAGE}`);
    if (!specText) return fail(io, `--indicators is required\n\n${USAGE}`);
    if (format !== 'csv' && format !== 'json') return fail(io, `--format must be csv or json, got '${format}'`);

    const specs = parseIndicatorSpecs(specText);
    if (!specs.ok) return fail(io, `--indicators: ${specs.error.message}`);

    const bars = readCsvBars(input, ['time', ...requiredColumns(specs.value)]);
    if (!bars.ok) return fail(io, bars.error.message);
    const { columns, lines } = bars.value;

    const computed = computeIndicators(columns, specs.value);
    if (!computed.ok) {
      const e = computed.error;
      switch (e.code) {
        case 'BAD_INPUT': {
          const where = (i: InputIssue): string => `${input}:${lines[i.row] ?? '?'}: ${describeIssue(i).replace(/^row \d+, /, '')}`;
          return fail(io, `bad input:\n  ${e.issues.map(where).join('\n  ')}`);
        }
        case 'MISSING_INPUT':
        case 'UNKNOWN_INDICATOR':
          return fail(io, `${input}: ${e.message}`);
        default: {
          const never: never = e;
          throw new Error(`unhandled compute error ${JSON.stringify(never)}`);
        }
      }
    }

    const outs = computed.value;
    const time = columns.time!;
    const close = columns.close!;
    const chunk: string[] = [];
    const flush = (force: boolean): void => {
      if (chunk.length >= 2000 || (force && chunk.length > 0)) {
        io.out(chunk.join(''));
        chunk.length = 0;
      }
    };
    if (format === 'csv') {
      chunk.push(`${['time', 'close', ...outs.map((c) => c.name)].join(',')}\n`);
      for (let i = 0; i < close.length; i++) {
        const cells = [new Date(time[i]!).toISOString(), formatNumber(close[i]!)];
        for (const c of outs) cells.push(formatNumber(c.values[i]!));
        chunk.push(`${cells.join(',')}\n`);
        flush(false);
      }
    } else {
      chunk.push('[\n');
      for (let i = 0; i < close.length; i++) {
        const row: Record<string, string | number | null> = { time: new Date(time[i]!).toISOString(), close: close[i]! };
        for (const c of outs) {
          const v = c.values[i]!;
          row[c.name] = Number.isNaN(v) ? null : v;
        }
        chunk.push(`${JSON.stringify(row)}${i + 1 < close.length ? ',' : ''}\n`);
        flush(false);
      }
      chunk.push(']\n');
    }
    flush(true);
    return EXIT_OK;
  },
};
