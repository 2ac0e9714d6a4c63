// Factor runs cut into queue jobs: chunks keep every factor once and in order, a panel above the stated size is
// refused, and a worker's answer is accepted only when it is a real analysis of exactly the job's factors (checked
// with answers made by the real factors engine, then tampered with).
import { describe, expect, it } from 'vitest';
import { createFactorsEngine, type AnalyzedFactor } from '../../../../src/engines/factors/factorsEngine';
import { chunkFactors, queuedPanel, type FactorJobPayload } from '../../../../src/main/team/factorJob';
import { encodeJob } from '../../../../src/main/team/jobCodec';
import { readFactorOutcome, readValuesOutcome } from '../../../../src/main/team/queuedFactors';
import { syntheticPanel } from '../../core/factors/panelFixtures';

const panel = syntheticPanel(12, 90, 7);
const factors = [
  { name: 'mom10', expression: 'close / ts_delay(close, 10) - 1' },
  { name: 'rank_vol', expression: 'rank(ts_std(close, 20))' },
];
const options = { horizon: 5, horizons: [1, 5, 20], method: 'spearman' as const, quantiles: 5, minSymbols: 5 };

function job(returnValues: boolean): FactorJobPayload {
  const carried = queuedPanel(panel);
  if (!carried.ok) throw new Error(carried.error.message);
  return { kind: 'factors', runId: '00000000-0000-4000-8000-000000000001', index: 0, factors, task: { kind: 'analyze', options, returnValues }, panel: carried.value };
}

async function analyzed(returnValues: boolean): Promise<AnalyzedFactor[]> {
  const engine = createFactorsEngine(1);
  const p = job(returnValues).panel;
  await engine.loadPanel('k', { ...p, groups: Object.fromEntries(Object.entries(p.groups).map(([k, v]) => [k, Int32Array.from(v)])) });
  const out: AnalyzedFactor[] = [];
  for (const f of factors) {
    const r = await engine.analyze('k', { spec: { kind: 'expression', ...f }, options, returnValues });
    if (!r.ok) throw new Error(r.error.message);
    out.push(r.value);
  }
  return out;
}

const completed = (value: unknown) => ({ kind: 'completed' as const, value: encodeJob(value) });

describe('factor jobs', () => {
  it('cuts factors into at most the stated number of jobs, each factor once and in order', () => {
    const names = Array.from({ length: 37 }, (_, i) => `f${i}`);
    const chunks = chunkFactors(names, 16);
    expect(chunks).toHaveLength(16);
    expect(chunks.flat()).toEqual(names);
    expect(Math.max(...chunks.map((c) => c.length)) - Math.min(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1);
    expect(chunkFactors(names.slice(0, 3), 16)).toEqual([['f0'], ['f1'], ['f2']]);
  });

  it('refuses a panel above the size a queued job carries, naming its size and the limit', () => {
    const bytes = panel.times.byteLength + [...panel.columns.values()].reduce((s, c) => s + c.byteLength, 0);
    expect(queuedPanel(panel, bytes).ok).toBe(true);
    const refused = queuedPanel(panel, bytes - 1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'PANEL_TOO_LARGE_FOR_QUEUE', bytes, limit: bytes - 1 } });
    expect(!refused.ok && refused.error.message).toContain('12 symbols × 90 dates');
  });

  it("accepts the engine's own analyses of the job's factors", async () => {
    for (const withValues of [false, true]) {
      const answer = await analyzed(withValues);
      const read = readFactorOutcome('j', job(withValues), completed({ ok: true, factors: answer }));
      expect(read).toEqual({ ok: true, value: answer });
    }
  });

  it('refuses a malformed answer, naming the job and what is wrong', async () => {
    const good = await analyzed(false);
    const cases: [string, unknown, string][] = [
      ['not JSON of the codec', null, 'job j: '],
      ['missing a factor', { ok: true, factors: good.slice(0, 1) }, 'factors: 1 analyses for 2 factors'],
      ['answering for another factor', { ok: true, factors: [good[1], good[0]] }, "factors.0.name: 'rank_vol' answers for 'mom10'"],
      ['a series one date short', { ok: true, factors: [{ ...good[0], analysis: { ...good[0]!.analysis, icSeries: good[0]!.analysis.icSeries.subarray(1) } }, good[1]] }, 'factors.0.analysis.icSeries: 89 values for 90 dates'],
      ['a figure that is not a number', { ok: true, factors: [{ ...good[0], analysis: { ...good[0]!.analysis, meanIC: '0.1' } }, good[1]] }, 'factors.0.analysis.meanIC'],
      ['an extra field', { ok: true, factors: good, note: 1 }, 'Unrecognized key'],
      ['values not asked for', { ok: true, factors: [{ ...good[0], values: new Float64Array(12 * 90) }, good[1]] }, 'factors.0.values: were not asked for'],
      ['an error for a factor the job did not hold', { ok: false, factor: 'other', error: { code: 'UNKNOWN_FIELD', message: 'x' } }, "an error for 'other'"],
    ];
    for (const [what, answer, message] of cases) {
      const outcome = answer === null ? { kind: 'completed' as const, value: '{"ok":tru' } : completed(answer);
      const read = readFactorOutcome('j', job(false), outcome);
      expect(read.ok, what).toBe(false);
      expect(!read.ok && read.error.code, what).toBe('JOB_RESULT_INVALID');
      expect(!read.ok && read.error.message, what).toContain(message);
    }
  });

  it("passes on a factor's own error with its expression, and a failed job's reason", () => {
    const error = readFactorOutcome('j', job(false), completed({ ok: false, factor: 'rank_vol', error: { code: 'UNKNOWN_FIELD', message: 'no field x', position: 3 } }));
    expect(error).toEqual({ ok: false, error: { code: 'UNKNOWN_FIELD', message: 'no field x', position: 3, factor: 'rank_vol', expression: 'rank(ts_std(close, 20))' } });
    expect(readFactorOutcome('j', job(false), { kind: 'failed', reason: 'worker lost' })).toEqual({ ok: false, error: { code: 'JOB_FAILED', message: 'job j failed: worker lost', job: 'j' } });
  });

  it("accepts a compute job's values from the engine, and refuses values of the wrong size or for another factor", async () => {
    const computeJob: FactorJobPayload = { ...job(false), task: { kind: 'compute' } };
    const engine = createFactorsEngine(1);
    const p = computeJob.panel;
    await engine.loadPanel('k', { ...p, groups: {} });
    const values = [];
    for (const f of factors) {
      const r = await engine.compute('k', { kind: 'expression', ...f });
      if (!r.ok) throw new Error(r.error.message);
      values.push(r.value);
    }
    expect(readValuesOutcome('j', computeJob, completed({ ok: true, factors: values }))).toEqual({ ok: true, value: values });
    const short = readValuesOutcome('j', computeJob, completed({ ok: true, factors: [values[0], { ...values[1], values: values[1]!.values.subarray(1) }] }));
    expect(short).toMatchObject({ ok: false, error: { code: 'JOB_RESULT_INVALID', message: 'job j: factors.1.values: 1079 values, not symbols × dates = 1080' } });
    const swapped = readValuesOutcome('j', computeJob, completed({ ok: true, factors: [values[1], values[0]] }));
    expect(swapped).toMatchObject({ ok: false, error: { code: 'JOB_RESULT_INVALID' } });
    expect(!swapped.ok && swapped.error.message).toContain("factors.0.name: 'rank_vol' answers for 'mom10'");
  });
});
