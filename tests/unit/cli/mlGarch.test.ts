// `nautilus ml garch`: the JSON object on a return CSV and on a stored symbol (a real DuckDB store in a temp dir),
// and exit-2 errors that name the problem and change nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/command';
import { fitGarch, forecastGarchSd, percentLogReturns } from '../../../src/core/ml';
import { MarketStore } from '../../../src/main/storage/market';

const REAL = fileURLToPath(new URL('../../fixtures/real/', import.meta.url));
const DEM2GBP = join(REAL, 'dem2gbp.csv');
const dir = mkdtempSync(join(tmpdir(), 'nautilus-ml-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await runCli(['ml', 'garch', ...argv], io);
  return { code, out, err };
}

const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const daxCloses = readFileSync(join(REAL, 'EuStockMarkets.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => Number(l.split(',')[1]));

describe('nautilus ml garch', () => {
  it('--input --dist t --json prints the fitted model and the σ forecasts for horizons 1…h', async () => {
    const r = await run('--input', DEM2GBP, '--dist', 't', '--horizon', '3', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const returns = readFileSync(DEM2GBP, 'utf8').trim().split('\n').slice(1).map(Number);
    const core = fitGarch(returns, { distribution: 't' });
    if (!core.ok) throw new Error(core.error.message);
    expect(Object.keys(j)).toEqual(['distribution', 'mu', 'omega', 'alpha', 'beta', 'nu', 'logLikelihood', 'forecast', 'persistence', 'observations', 'ewmaSd']);
    expect(j).toMatchObject({ distribution: 't', mu: core.value.mu, omega: core.value.omega, alpha: core.value.alpha, beta: core.value.beta, nu: core.value.nu, logLikelihood: core.value.logLikelihood, observations: 1974 });
    expect(j.forecast).toEqual(Array.from(forecastGarchSd(core.value, 3)));
    // fGarch: llh 989.40834895065 (its negative log-likelihood), shape 4.11842389750235.
    expect(j.logLikelihood).toBeCloseTo(-989.40834895065, 6);
  });

  it('normal errors by default, and no nu', async () => {
    const r = await run('--input', DEM2GBP, '--json');
    const j = JSON.parse(r.out);
    expect(j.distribution).toBe('normal');
    expect(j).not.toHaveProperty('nu');
    expect(j.forecast).toHaveLength(5);
    expect(j.logLikelihood).toBeCloseTo(-1106.60788104133, 6);
  });

  describe('--symbol reads the stored daily closes as log returns × 100', () => {
    const dataDir = join(dir, 'data');
    beforeAll(async () => {
      mkdirSync(dataDir);
      const store = await MarketStore.open(join(dataDir, 'market.duckdb'));
      const n = daxCloses.length;
      const close = Float64Array.from(daxCloses);
      const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(1991, 0, 1) + i * 86_400_000);
      const written = await store.writeBars('DAX', '1D', { time, open: close, high: close, low: close, close, volume: new Float64Array(n) });
      store.close();
      if (!written.ok) throw new Error(JSON.stringify(written.error));
    });

    it('fits the same model as the core on percentLogReturns of the closes', async () => {
      const r = await run('--symbol', 'DAX', '--data-dir', dataDir, '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const returns = percentLogReturns(daxCloses);
      if (!returns.ok) throw new Error(returns.error.message);
      const core = fitGarch(returns.value);
      if (!core.ok) throw new Error(core.error.message);
      const j = JSON.parse(r.out);
      expect(j.observations).toBe(daxCloses.length - 1);
      expect(j.alpha).toBe(core.value.alpha);
      expect(j.logLikelihood).toBe(core.value.logLikelihood);
    });

    it('an unknown symbol is exit 2 and names the symbol', async () => {
      const r = await run('--symbol', 'NOPE', '--data-dir', dataDir, '--json');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('no daily bars stored for NOPE');
    });
  });

  it('a missing store is exit 2 and creates no store', async () => {
    const empty = join(dir, 'empty');
    const r = await run('--symbol', 'DAX', '--data-dir', empty);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no market store at');
    expect(existsSync(join(empty, 'market.duckdb'))).toBe(false);
  });

  it('too few rows: exit 2 with the count and the minimum', async () => {
    const day = (i: number) => new Date(Date.UTC(2024, 0, 2) + i * 86_400_000).toISOString().slice(0, 10);
    const p = file('short.csv', `date,ret\n${Array.from({ length: 50 }, (_, i) => `${day(i)},${Math.sin(i)}`).join('\n')}\n`);
    const r = await run('--input', p, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('TOO_FEW_OBSERVATIONS');
    expect(r.err).toContain('at least 100 observations, got 50');
  });

  it('a non-finite return names the file and line', async () => {
    const rows = readFileSync(DEM2GBP, 'utf8').trim().split('\n');
    rows[7] = 'NaN';
    const p = file('nan.csv', `${rows.join('\n')}\n`);
    const r = await run('--input', p);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${p}:8: column ret: 'NaN' is not a finite number`);
  });

  it('dates out of order name the line', async () => {
    const p = file('order.csv', 'date,ret\n2024-01-03,0.1\n2024-01-02,0.2\n');
    const r = await run('--input', p);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${p}:3: dates must increase`);
  });

  it('bad usage: both sources, neither, an unknown --dist, a bad --horizon, a file without a return column', async () => {
    for (const [argv, message] of [
      [['--input', DEM2GBP, '--symbol', 'X'], 'exactly one of --symbol and --input'],
      [['--json'], 'exactly one of --symbol and --input'],
      [['--input', DEM2GBP, '--dist', 'cauchy'], "--dist must be normal or t, got 'cauchy'"],
      [['--input', DEM2GBP, '--horizon', '0'], '--horizon must be a whole number from 1 to 250'],
      [['--input', file('nocol.csv', 'date,close\n2024-01-02,1\n')], 'no return column in the header'],
    ] as Array<[string[], string]>) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
  });
});
