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
    const c = JSON.parse(r.out) as { rows: number; a: { version: number; ic: number }; b: { version: number; ic: number } };
    expect(c.rows).toBe(5 * (300 - 244 - 1));
    expect([c.a.version, c.b.version]).toEqual([1, 2]);
    expect(c.b.ic).toBeGreaterThan(0.5);
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
});
