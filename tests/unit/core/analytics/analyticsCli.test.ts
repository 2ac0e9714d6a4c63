// `nautilus analytics`: metrics as JSON fractions with the conventions, the tear sheet file, and exit-2 errors naming file and line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyticsCommand } from '../../../../src/cli/commands/analytics';
import type { CliIO } from '../../../../src/cli/command';
import { ANALYTICS_CONVENTIONS, computePerformance } from '../../../../src/core/analytics';
import { ANALYTICS_FIXTURES, fixtureLevels } from './fixtureSeries';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-analytics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await analyticsCommand.run(argv, io);
  return { code, out, err };
}

const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('nautilus analytics', () => {
  it('--json prints fractions, the conventions, null for undefined figures, and matches the core', async () => {
    const input = join(ANALYTICS_FIXTURES, 'spi_tech_equity.csv');
    const r = await run(['--input', input, '--benchmark', join(ANALYTICS_FIXTURES, 'spi_benchmark.csv'), '--rf', '0.01', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.conventions).toEqual(ANALYTICS_CONVENTIONS);
    const core = computePerformance({ equity: fixtureLevels('spi_tech_equity.csv', 'equity'), benchmark: fixtureLevels('spi_benchmark.csv', 'close') }, { riskFreeRate: 0.01 });
    if (!core.ok) throw new Error(core.error.message);
    for (const k of ['totalReturn', 'cagr', 'volatility', 'sharpe', 'sortino', 'calmar', 'maxDrawdown'] as const) expect(j.metrics[k]).toBe(core.value.metrics[k]);
    expect(j.metrics.totalReturn).toBeCloseTo(-0.6404, 4);
    expect(j.metrics.riskFreeRate).toBe(0.01);
    expect(j.metrics.turnover).toBeNull();
    expect(j.metrics.startTime).toBe('1999-12-30');
    expect(j.benchmark.beta).toBe(core.value.benchmark!.beta);
    expect(j.worstDrawdowns[0]).toMatchObject({ peak: '2000-03-10', recovery: null });
    expect(j.yearly).toHaveLength(9);
  });

  it('reads exposure, turnover and trades, and writes the tear sheet', async () => {
    const out = join(dir, 'sheet.html');
    const r = await run(['--input', join(ANALYTICS_FIXTURES, 'tsla_equity.csv'), '--trades', join(ANALYTICS_FIXTURES, 'tsla_trades.csv'), '--tearsheet', out, '--name', 'TSLA <buy & hold>']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`tear sheet written to ${out}`);
    expect(r.out).toContain('Win rate                       54.09%');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('TSLA &lt;buy &amp; hold&gt; — performance tear sheet');
    expect(html).toContain('on 159 round-trip trades');
  });

  it('a non-positive equity names the file and line', async () => {
    const p = file('neg.csv', 'date,equity\n2024-01-02,100\n2024-01-03,101\n2024-01-04,0\n');
    const r = await run(['--input', p]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${p}:4: equity.values[2] is 0`);
  });

  it('dates out of order, a bad cell and a missing column name the line and column', async () => {
    const unsorted = file('unsorted.csv', 'date,equity\n2024-01-03,100\n2024-01-02,101\n');
    expect((await run(['--input', unsorted])).err).toContain(`${unsorted}:3: equity.times[1]`);
    const bad = file('bad.csv', 'time;value\n2024-01-02;100\n2024-01-03;1e999\n');
    const r = await run(['--input', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:3: column value: '1e999' is not a finite number`);
    const noCol = file('nocol.csv', 'date,volume\n2024-01-02,100\n');
    expect((await run(['--input', noCol])).err).toContain('no equity column');
    const trades = file('trades.csv', 'symbol,pnl\nA,1\nB,x\n');
    expect((await run(['--input', join(ANALYTICS_FIXTURES, 'tsla_equity.csv'), '--trades', trades])).err).toContain(`${trades}:3: column pnl`);
  });

  it('usage errors exit 2: no --input, a non-numeric --rf, an unknown flag, a window below 2', async () => {
    expect((await run([])).code).toBe(2);
    const rf = await run(['--input', 'x.csv', '--rf', 'two']);
    expect([rf.code, rf.err.includes("--rf must be a number, got 'two'")]).toEqual([2, true]);
    expect((await run(['--input', 'x.csv', '--bogus'])).code).toBe(2);
    const w = await run(['--input', join(ANALYTICS_FIXTURES, 'tsla_equity.csv'), '--window', '1']);
    expect([w.code, w.err.includes('rollingWindow must be a whole number')]).toEqual([2, true]);
  });
});
