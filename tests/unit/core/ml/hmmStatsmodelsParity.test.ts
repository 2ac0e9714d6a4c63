// The Gaussian HMM against statsmodels' MarkovRegression (switching mean and variance, 2 regimes) on the DAX's daily
// log returns × 100: the same likelihood, filtered and smoothed probabilities at statsmodels' parameters, and a fit
// at least as likely as statsmodels' (ours also frees the initial state probabilities).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitGaussianHmm, forwardBackward, percentLogReturns } from '../../../../src/core/ml';
import { SeededRandom } from '../../../../src/core/model/clock';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/hmm_reference.py', import.meta.url));
const probe = spawnSync(PYTHON, ['-c', 'import statsmodels, numpy'], { encoding: 'utf8' });
const ready = probe.status === 0;
/** Same recursions in float64 over 1,859 days: only rounding separates the two. */
const PROB_ABS = 1e-9;
const LLF_ABS = 1e-7;

interface Reference {
  means: number[];
  variances: number[];
  transition: number[];
  initial: number[];
  llf: number;
  filtered: number[][];
  smoothed: number[][];
}

const dir = mkdtempSync(join(tmpdir(), 'nautilus-hmm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(ready)('Gaussian HMM against statsmodels MarkovRegression', () => {
  const closes = readFileSync(fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url)), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[1]));
  const returns = percentLogReturns(closes);
  if (!returns.ok) throw new Error(returns.error.message);
  const x = returns.value;
  const file = join(dir, 'dax.csv');
  writeFileSync(file, `ret\n${Array.from(x, (v) => v.toPrecision(17)).join('\n')}\n`);
  const run = spawnSync(PYTHON, [REFERENCE, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ref = (run.status === 0 ? JSON.parse(run.stdout) : undefined) as Reference | undefined;

  it('the reference ran', () => {
    expect(run.status, run.stderr).toBe(0);
  });

  it("forward-backward at statsmodels' parameters: log-likelihood, filtered and smoothed probabilities", () => {
    const params = { states: 2, initial: Float64Array.from(ref!.initial), transition: Float64Array.from(ref!.transition), means: Float64Array.from(ref!.means), variances: Float64Array.from(ref!.variances) };
    const fb = forwardBackward(x, params);
    expect(Math.abs(fb.logLikelihood - ref!.llf), `ours ${fb.logLikelihood}, statsmodels ${ref!.llf}`).toBeLessThan(LLF_ABS);
    let worstFiltered = 0;
    let worstSmoothed = 0;
    for (let t = 0; t < x.length; t++) {
      for (let j = 0; j < 2; j++) {
        worstFiltered = Math.max(worstFiltered, Math.abs(fb.filtered[t * 2 + j]! - ref!.filtered[t]![j]!));
        worstSmoothed = Math.max(worstSmoothed, Math.abs(fb.smoothed[t * 2 + j]! - ref!.smoothed[t]![j]!));
      }
    }
    expect(worstFiltered).toBeLessThan(PROB_ABS);
    expect(worstSmoothed).toBeLessThan(PROB_ABS);
  });

  it('Baum-Welch finds a fit at least as likely, with the same regimes', () => {
    const fit = fitGaussianHmm(x, { states: 2, random: new SeededRandom(1), starts: 10 });
    if (!fit.ok) throw new Error(fit.error.message);
    const m = fit.value;
    expect(m.logLikelihood).toBeGreaterThan(ref!.llf - 1e-6);
    // Ours is calmest first; match statsmodels' regimes by variance.
    const order = ref!.variances[0]! < ref!.variances[1]! ? [0, 1] : [1, 0];
    order.forEach((r, j) => {
      expect(Math.abs(m.variances[j]! / ref!.variances[r]! - 1), `variance of regime ${j}`).toBeLessThan(0.02);
      expect(Math.abs(m.transition[j * 2 + j]! - ref!.transition[r * 2 + r]!), `persistence of regime ${j}`).toBeLessThan(0.005);
    });
  });
});
