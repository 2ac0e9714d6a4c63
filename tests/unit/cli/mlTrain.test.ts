// `nautilus ml train|predict|compare|promote|rollback` on a generated panel CSV (5 symbols × 300 days, the next
// day's return driven by feature 'mom'), with the real SQLite record and artifacts in a temp data directory.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { SeededRandom } from '../../../src/core/model/clock';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-ml-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');

function writePanel(file: string, edit?: (symbol: number, day: number, cells: string[]) => void): void {
  const random = new SeededRandom(5);
  const lines = ['date,symbol,close,mom,noise,flat'];
  const close = [100, 50, 20, 80, 30];
  const mom = close.map(() => random.normal());
  for (let d = 0; d < 300; d++) {
    const date = new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let s = 0; s < 5; s++) {
      if (d > 0) close[s] = close[s]! * Math.exp(0.01 * mom[s]! + 0.005 * random.normal());
      mom[s] = random.normal();
      const cells = [date, `S${s}`, close[s]!.toFixed(6), mom[s]!.toFixed(6), random.normal().toFixed(6), '1'];
      edit?.(s, d, cells);
      lines.push(cells.join(','));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await runCli(['ml', ...argv], io);
  return { code, out, err };
}

const panel = join(dir, 'panel.csv');
writePanel(panel);
const common = ['--input', panel, '--data-dir', dataDir, '--horizon', '1', '--train-dates', '120', '--test-dates', '40', '--json'];

describe('nautilus ml train → predict → compare → promote → rollback', () => {
  it('trains a GBT walk-forward and registers v1 with fold metrics and an artifact', async () => {
    const r = await run('train', ...common, '--name', 'next-day', '--features', 'mom,noise', '--kind', 'gbt', '--param', 'rounds=30', '--param', 'maxDepth=2');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { model: { version: number; status: string; kind: string; artifactPath: string; metrics: Record<string, number>; features: string[] }; folds: Array<{ metrics: { ic: number } }>; importance: Record<string, { permutation: number; impurity: number }> };
    expect(report.model).toMatchObject({ version: 1, status: 'candidate', kind: 'gbt', features: ['mom', 'noise'] });
    expect(report.folds.length).toBe(4);
    expect(report.model.metrics.ic).toBeGreaterThan(0.5);
    expect(report.importance.mom!.impurity).toBeGreaterThan(report.importance.noise!.impurity);
    expect(existsSync(join(dataDir, report.model.artifactPath))).toBe(true);
  });

  it('trains ridge as v2; predict gives intercept + coefficients · features for each symbol on the last date', async () => {
    const r = await run('train', ...common, '--name', 'next-day', '--features', 'mom,noise', '--kind', 'ridge');
    expect(r.code, r.err).toBe(0);
    const model = (JSON.parse(r.out) as { model: { version: number; artifactPath: string } }).model;
    expect(model.version).toBe(2);
    const p = await run('predict', '--name', 'next-day', '--version', '2', '--input', panel, '--data-dir', dataDir, '--json');
    expect(p.code, p.err).toBe(0);
    const out = JSON.parse(p.out) as { predictions: Array<{ symbol: string; prediction: number }> };
    expect(out.predictions.map((x) => x.symbol)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
    const artifact = JSON.parse(readFileSync(join(dataDir, model.artifactPath), 'utf8')) as { fitted: { intercept: number; coefficients: number[] } };
    const last = readFileSync(panel, 'utf8').trim().split('\n').slice(-5).map((l) => l.split(','));
    last.forEach((cells, i) => {
      const expected = artifact.fitted.intercept + artifact.fitted.coefficients[0]! * Number(cells[3]) + artifact.fitted.coefficients[1]! * Number(cells[4]);
      expect(out.predictions[i]!.prediction).toBeCloseTo(expected, 12);
    });
  });

  it('compares v1 and v2 on the same window', async () => {
    const r = await run('compare', '--name', 'next-day', '--a', '1', '--b', '2', '--input', panel, '--from', '2020-09-01', '--data-dir', dataDir, '--json');
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out) as { rows: number; dates: number; a: { version: number; ic: number; overlapsTraining: boolean }; b: { version: number; ic: number }; difference: { test: string; lags: number; observations: number; meanDifference: number; statistic: number; pValue: number } };
    expect(c.rows).toBe(5 * (300 - 244 - 1));
    expect(c.dates).toBe(300 - 244 - 1);
    expect([c.a.version, c.b.version]).toEqual([1, 2]);
    expect(c.b.ic).toBeGreaterThan(0.5);
    // trained on every row of the file: the window is in sample, and says so
    expect(c.a.overlapsTraining).toBe(true);
    expect(c.difference).toMatchObject({ test: 'diebold-mariano', lags: 0, observations: c.dates });
    expect(c.difference.pValue).toBeGreaterThan(0);
    const text = await run('compare', '--name', 'next-day', '--a', '1', '--b', '2', '--input', panel, '--from', '2020-09-01', '--data-dir', dataDir);
    expect(text.out).toContain(`Diebold-Mariano (squared error, A − B, 0 lags): mean ${c.difference.meanDifference.toPrecision(4)}  statistic ${c.difference.statistic.toFixed(3)}  p ${c.difference.pValue.toFixed(4)}`);
    const short = await run('compare', '--name', 'next-day', '--a', '1', '--b', '2', '--input', panel, '--data-dir', dataDir);
    expect(short.code).toBe(2);
    expect(short.err).toContain('TOO_FEW_ROWS');
  });

  it('promote v1, promote v2 (v1 retired), rollback restores v1 in one step', async () => {
    expect((await run('promote', '--name', 'next-day', '--version', '1', '--data-dir', dataDir)).code).toBe(0);
    expect((await run('promote', '--name', 'next-day', '--version', '2', '--data-dir', dataDir)).code).toBe(0);
    const statuses = async () => (JSON.parse((await run('models', '--data-dir', dataDir, '--json')).out) as Array<{ version: number; status: string }>).map((m) => [m.version, m.status]);
    expect(await statuses()).toEqual([[1, 'retired'], [2, 'production']]);
    const back = await run('rollback', '--name', 'next-day', '--data-dir', dataDir);
    expect(back.code, back.err).toBe(0);
    expect(await statuses()).toEqual([[1, 'production'], [2, 'retired']]);
    const again = await run('promote', '--name', 'next-day', '--version', '1', '--data-dir', dataDir);
    expect(again.code).toBe(2);
    expect(again.err).toContain('INVALID_MODEL_TRANSITION');
  });

  it('bad input is a clear error and registers nothing', async () => {
    const cases: Array<[string[], string]> = [
      [['--features', 'mom,volume'], "UNKNOWN_FEATURE: no feature named 'volume'"],
      [['--features', 'mom,flat'], 'CONSTANT_FEATURE'],
      [['--features', 'mom', '--train-dates', '1000'], 'TOO_FEW_OBSERVATIONS'],
      [['--features', 'mom', '--kind', 'logistic'], "logistic predicts a direction"],
      [['--features', 'mom', '--param', 'depth=3'], "gbt has no parameter 'depth'"],
    ];
    for (const [args, message] of cases) {
      const r = await run('train', ...common, '--name', 'next-day', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
    const nanPanel = join(dir, 'nan.csv');
    writePanel(nanPanel, (s, d, cells) => {
      if (s === 3 && d === 17) cells[3] = 'NaN';
    });
    const r = await run('train', '--input', nanPanel, '--data-dir', dataDir, '--name', 'next-day', '--features', 'mom', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('S3 2020-01-18: feature mom is NaN');
    const models = JSON.parse((await run('models', '--data-dir', dataDir, '--json')).out) as unknown[];
    expect(models.length).toBe(2);
  });

  it('shadows a candidate and compares production with it by name; a production version cannot be shadow', async () => {
    const r = await run('train', ...common, '--name', 'next-day', '--features', 'mom', '--kind', 'ridge');
    expect(r.code, r.err).toBe(0);
    const s = await run('shadow', '--name', 'next-day', '--version', '3', '--data-dir', dataDir, '--json');
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ version: 3, status: 'candidate', shadow: true });
    const c = await run('compare', '--name', 'next-day', '--input', panel, '--from', '2020-09-01', '--data-dir', dataDir, '--json');
    expect(c.code, c.err).toBe(0);
    const out = JSON.parse(c.out) as { a: { version: number; status: string }; b: { version: number; shadow: boolean } };
    expect([out.a.version, out.a.status, out.b.version, out.b.shadow]).toEqual([1, 'production', 3, true]);
    const models = JSON.parse((await run('models', '--data-dir', dataDir, '--json')).out) as Array<{ version: number; shadow: boolean }>;
    expect(models.map((m) => [m.version, m.shadow])).toEqual([[1, false], [2, false], [3, true]]);
    const refused = await run('shadow', '--name', 'next-day', '--version', '1', '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('NOT_A_CANDIDATE');
    expect((await run('shadow', '--name', 'next-day', '--version', '3', '--off', '--data-dir', dataDir)).out).toBe('next-day v3 is no longer in shadow\n');
  });
});
