// `nautilus ml hmm`: regimes of a return CSV as JSON (summary, and every day with --days), the same fit as the core
// for the same seed, and exit-2 errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/command';
import { fitGaussianHmm } from '../../../src/core/ml';
import { SeededRandom } from '../../../src/core/model/clock';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-ml-hmm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await runCli(['ml', 'hmm', ...argv], io);
  return { code, out, err };
}

const closes = readFileSync(fileURLToPath(new URL('../../fixtures/real/EuStockMarkets.csv', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => Number(l.split(',')[1]));
const returns = closes.slice(1).map((c, i) => 100 * Math.log(c / closes[i]!));
const day = (i: number) => new Date(Date.UTC(1991, 0, 2) + i * 86_400_000).toISOString().slice(0, 10);
const input = join(dir, 'dax.csv');
writeFileSync(input, `date,ret\n${returns.map((r, i) => `${day(i)},${r}`).join('\n')}\n`);

describe('nautilus ml hmm', () => {
  it('--states 2 --json: regimes calmest first, the transition matrix and the last day, as the core fits them', async () => {
    const r = await run('--input', input, '--states', '2', '--seed', '3', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const core = fitGaussianHmm(returns, { states: 2, random: new SeededRandom(3), starts: 10 });
    if (!core.ok) throw new Error(core.error.message);
    expect(j.logLikelihood).toBe(core.value.logLikelihood);
    expect(j.regimes).toHaveLength(2);
    expect(j.regimes[0].sd).toBeLessThan(j.regimes[1].sd);
    expect(j.regimes[0].sd).toBe(Math.sqrt(core.value.variances[0]!));
    expect(j.regimes[0].expectedDuration).toBeCloseTo(1 / (1 - j.transition[0][0]), 12);
    expect(j.regimes[0].share + j.regimes[1].share).toBeCloseTo(1, 12);
    for (const row of j.transition) expect(row[0] + row[1]).toBeCloseTo(1, 12);
    expect(j.last.smoothed).toEqual(Array.from(core.value.smoothed.subarray(2 * (returns.length - 1))));
    expect(j).not.toHaveProperty('days');
  });

  it('--days adds every day with its date, Viterbi state and probabilities', async () => {
    const r = await run('--input', input, '--json', '--days', '--starts', '3');
    const j = JSON.parse(r.out);
    expect(j.days).toHaveLength(returns.length);
    expect(j.days[0].date).toBe('1991-01-02');
    expect(j.days[5].filtered).toHaveLength(2);
    expect(j.days[5].smoothed[0] + j.days[5].smoothed[1]).toBeCloseTo(1, 12);
  });

  it('bad options and too few rows are exit 2', async () => {
    for (const [argv, message] of [
      [['--input', input, '--states', '5'], '--states must be a whole number from 2 to 4'],
      [['--input', input, '--starts', '0'], '--starts must be a whole number from 1 to 1000'],
      [['--states', '2'], 'exactly one of --symbol and --input'],
      [['--input', writeShort()], 'TOO_FEW_OBSERVATIONS'],
    ] as Array<[string[], string]>) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
  });
});

function writeShort(): string {
  const p = join(dir, 'short.csv');
  writeFileSync(p, `ret\n${returns.slice(0, 60).join('\n')}\n`);
  return p;
}
