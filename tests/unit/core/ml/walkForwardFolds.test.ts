// Walk-forward folds: property tests that no fold trains inside its embargo or on its test window, that windows
// have the sizes asked for, and that test windows tile forward; plus a hand-checked layout and bad options.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkForwardFolds, type FoldOptions } from '../../../../src/core/ml';

const options = fc
  .record({
    trainSize: fc.integer({ min: 1, max: 300 }),
    testSize: fc.integer({ min: 1, max: 100 }),
    embargo: fc.integer({ min: 0, max: 30 }),
    extra: fc.integer({ min: 0, max: 1000 }),
    mode: fc.constantFrom('expanding' as const, 'rolling' as const),
    step: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
  })
  .map((o): FoldOptions => ({ observations: o.trainSize + o.embargo + o.testSize + o.extra, mode: o.mode, trainSize: o.trainSize, testSize: o.testSize, embargo: o.embargo, ...(o.step === undefined ? {} : { step: o.step }) }));

describe('walk-forward folds (properties)', () => {
  it('no training day falls in a fold’s embargo or after it; windows stay inside the data', () => {
    fc.assert(
      fc.property(options, (o) => {
        const folds = walkForwardFolds(o);
        if (!folds.ok) return false;
        expect(folds.value.length).toBeGreaterThan(0);
        for (const f of folds.value) {
          // Every training index t satisfies t + embargo < every test index: the gap is the whole embargo.
          expect(f.train.to - 1 + o.embargo).toBeLessThan(f.test.from);
          expect(f.test.from - f.train.to).toBe(o.embargo);
          expect(f.train.from).toBeGreaterThanOrEqual(0);
          expect(f.train.from).toBeLessThan(f.train.to);
          expect(f.test.to).toBeLessThanOrEqual(o.observations);
          expect(f.test.to - f.test.from).toBe(o.testSize);
          expect(f.train.to - f.train.from).toBe(o.mode === 'rolling' ? o.trainSize : f.test.from - o.embargo);
        }
        return true;
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('test windows move forward by the step, never overlap at the default step, and no room is left for one more', () => {
    fc.assert(
      fc.property(options, (o) => {
        const folds = walkForwardFolds(o);
        if (!folds.ok) return false;
        const step = o.step ?? o.testSize;
        folds.value.forEach((f, i) => {
          expect(f.index).toBe(i);
          if (i > 0) expect(f.test.from - folds.value[i - 1]!.test.from).toBe(step);
          if (i > 0 && o.step === undefined) expect(f.test.from).toBeGreaterThanOrEqual(folds.value[i - 1]!.test.to);
        });
        expect(folds.value.at(-1)!.test.from + step + o.testSize).toBeGreaterThan(o.observations);
        return true;
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

describe('walk-forward folds (cases)', () => {
  it('expanding, 10 days, train 4, embargo 1, test 2', () => {
    const folds = walkForwardFolds({ observations: 10, mode: 'expanding', trainSize: 4, testSize: 2, embargo: 1 });
    expect(folds.ok && folds.value).toEqual([
      { index: 0, train: { from: 0, to: 4 }, test: { from: 5, to: 7 } },
      { index: 1, train: { from: 0, to: 6 }, test: { from: 7, to: 9 } },
    ]);
  });
  it('rolling keeps the training length', () => {
    const folds = walkForwardFolds({ observations: 10, mode: 'rolling', trainSize: 4, testSize: 2, embargo: 1 });
    expect(folds.ok && folds.value[1]!.train).toEqual({ from: 2, to: 6 });
  });
  it('too few observations, and bad options, are coded errors', () => {
    expect(walkForwardFolds({ observations: 6, mode: 'expanding', trainSize: 4, testSize: 2, embargo: 1 })).toMatchObject({ ok: false, error: { code: 'TOO_FEW_OBSERVATIONS', minimum: 7 } });
    expect(walkForwardFolds({ observations: 60, mode: 'expanding', trainSize: 4, testSize: 2, embargo: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'embargo' } });
    expect(walkForwardFolds({ observations: 60, mode: 'expanding', trainSize: 4.5, testSize: 2, embargo: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'trainSize' } });
  });
});
