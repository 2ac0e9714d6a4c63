// `nautilus indicators` on small CSV fixtures: output columns and values, formats, and exit-2 errors that name the problem.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indicatorsCommand } from '../../../src/cli/commands/indicators';
import type { CliIO } from '../../../src/cli/command';
import { Rsi } from '../../../src/core/indicators';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/bars/${name}`, import.meta.url));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await indicatorsCommand.run(argv, io);
  return { code, out, err };
}

describe('nautilus indicators', () => {
  it('prints time, close and one column per output, warm-up cells empty', async () => {
    const r = await run(['--input', fixture('daily.csv'), '--indicators', 'rsi:14,macd:3:5:2,bbands:20:2']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'time,close,rsi_14,macd_3_5_2,macd_3_5_2_signal,macd_3_5_2_hist,' +
        'bbands_20_2_middle,bbands_20_2_upper,bbands_20_2_lower,bbands_20_2_percent_b,bbands_20_2_width',
    );
    expect(lines).toHaveLength(41);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows[0]![0]).toBe('2024-01-02T00:00:00.000Z');
    expect(rows[0]![1]).toBe('100.62');
    // RSI(14): 14 warm-up rows, then the same values as the streaming class on the close column.
    const rsi = new Rsi(14);
    rows.forEach((row, i) => {
      const expected = rsi.update(Number(row[1]));
      if (i < 14) expect(row[2]).toBe('');
      else expect(Number(row[2])).toBe(expected);
    });
    // MACD(3,5,2) warms up for (5−1)+(2−1) = 5 bars; Bollinger(20) for 19.
    expect(rows[4]![3]).toBe('');
    expect(rows[5]![3]).not.toBe('');
    expect(rows[18]![6]).toBe('');
    expect(Number(rows[19]![6])).toBeGreaterThan(0);
  });

  it('prints JSON with null for warm-up values', async () => {
    const r = await run(['--input', fixture('daily.csv'), '--indicators', 'sma:3', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { time: string; close: number; sma_3: number | null }[];
    expect(rows).toHaveLength(40);
    expect(rows[1]!.sma_3).toBeNull();
    expect(rows[2]!.sma_3).toBeCloseTo((rows[0]!.close + rows[1]!.close + rows[2]!.close) / 3, 12);
  });

  it('reads epoch-ms times and semicolons; session VWAP resets on the new day', async () => {
    const r = await run(['--input', fixture('intraday-epoch.csv'), '--indicators', 'vwap']);
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((row) => row[0])).toEqual([
      '2024-03-04T14:30:00.000Z',
      '2024-03-04T14:31:00.000Z',
      '2024-03-04T14:32:00.000Z',
      '2024-03-05T14:30:00.000Z',
      '2024-03-05T14:31:00.000Z',
    ]);
    expect(Number(rows[3]![2])).toBe(20);
    expect(Number(rows[4]![2])).toBeCloseTo((20 * 10 + 21 * 20) / 30, 12);
  });

  it.each([
    [['--input', fixture('bad-number.csv'), '--indicators', 'rsi'], /bad-number\.csv:3: column close: 'abc' is not a number/],
    [['--input', fixture('missing-value.csv'), '--indicators', 'obv'], /missing-value\.csv:3: column volume: missing value/],
    [['--input', fixture('no-header.csv'), '--indicators', 'rsi'], /no-header\.csv:1: expected a header row/],
    [['--input', fixture('daily.csv'), '--indicators', 'rsi:14,wat:3'], /unknown indicator 'wat'/],
    [['--input', fixture('daily.csv'), '--indicators', 'rsi:1'], /rsi: parameter period = '1' must be between 2 and 100000/],
    [['--input', fixture('daily.csv'), '--indicators', 'macd:26:12'], /macd: parameter fast = '26' must be less than slow/],
    [['--input', fixture('daily.csv'), '--indicators', 'beta'], /no benchmark column in the header/],
    [['--input', fixture('nope.csv'), '--indicators', 'rsi'], /cannot read .*nope\.csv/],
    [['--indicators', 'rsi'], /--input is required/],
    [['--input', fixture('daily.csv')], /--indicators is required/],
    [['--input', fixture('daily.csv'), '--indicators', 'rsi', '--format', 'xml'], /--format must be csv or json/],
    [['--input', fixture('daily.csv'), '--indicators', 'rsi', '--bogus'], /Unknown option '--bogus'/],
  ])('%j exits 2 with a message naming the problem', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });
});
