// Property tests: for every registered indicator the streaming form equals the batch form bit for bit,
// on random bars with gaps, zero volume and flat stretches; warm-up lengths match the registry.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATORS, INPUT_COLUMNS, emptyBar } from '../../../../src/core/indicators';
import type { IndicatorDef, IndicatorInput } from '../../../../src/core/indicators';
import { randomBars } from './helpers';

/** Random bars: a walk with flat runs, zero-volume bars and time gaps (weekends, halts). */
const barsArb = fc
  .record({
    steps: fc.array(
      fc.record({
        move: fc.oneof(fc.constant(0), fc.double({ min: -0.05, max: 0.05, noNaN: true })),
        spread: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.03, noNaN: true })),
        volume: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
        gapMinutes: fc.oneof(fc.constant(1), fc.constant(1), fc.integer({ min: 2, max: 4 * 24 * 60 })),
        bench: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        eps: fc.oneof(fc.constant(NaN), fc.double({ min: -2, max: 10, noNaN: true })),
      }),
      { minLength: 0, maxLength: 160 },
    ),
    start: fc.double({ min: 1, max: 50_000, noNaN: true }),
  })
  .map(({ steps, start }) => {
    const n = steps.length;
    const cols = {
      time: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      close: new Float64Array(n),
      volume: new Float64Array(n),
      benchmark: new Float64Array(n),
      eps: new Float64Array(n),
    };
    let price = start;
    let bench = 100;
    let time = Date.UTC(2024, 0, 1, 23, 0);
    steps.forEach((s, i) => {
      price = price * (1 + s.move);
      bench = bench * (1 + s.bench);
      time += s.gapMinutes * 60_000;
      cols.time[i] = time;
      cols.close[i] = price;
      cols.high[i] = price * (1 + s.spread);
      cols.low[i] = price * (1 - s.spread / 2);
      cols.volume[i] = s.volume;
      cols.benchmark[i] = bench;
      cols.eps[i] = s.eps;
    });
    return cols as IndicatorInput;
  });

/** Parameters inside each definition's range, kept small so warm-ups end inside short inputs. */
function paramsArb(def: IndicatorDef): fc.Arbitrary<number[]> {
  const arbs = def.params.map((p) =>
    p.integer
      ? fc.integer({ min: p.min, max: Math.min(p.max, Math.max(p.min, p.min < 0 ? p.max : 30)) })
      : fc.double({ min: p.min, max: Math.min(p.max, p.min * 50 + 5), noNaN: true }),
  );
  return fc.tuple(...arbs).filter((p) => def.check?.(p) === undefined) as fc.Arbitrary<number[]>;
}

function runStreaming(def: IndicatorDef, input: IndicatorInput, params: readonly number[]): Float64Array[] {
  const names = INPUT_COLUMNS[def.inputs];
  const n = input.close!.length;
  const outs = def.outputs.map(() => new Float64Array(n));
  const s = def.stream(params);
  const bar = emptyBar();
  for (let i = 0; i < n; i++) {
    for (const c of names) bar[c] = input[c]![i]!;
    s.push(bar);
    s.values.forEach((v, k) => (outs[k]![i] = v));
  }
  return outs;
}

describe('streaming equals batch, bit for bit', () => {
  it.each(INDICATORS.map((d) => [d.id, d] as const))('%s', (_id, def) => {
    fc.assert(
      fc.property(barsArb, paramsArb(def), (input, params) => {
        const batch = def.batch(input, params);
        const stream = runStreaming(def, input, params);
        expect(batch.length).toBe(def.outputs.length);
        batch.forEach((col, k) => {
          expect(col.length).toBe(input.close!.length);
          for (let i = 0; i < col.length; i++) {
            // Object.is: NaN equals NaN, and 0 and −0 must agree too.
            if (!Object.is(col[i], stream[k]![i])) {
              throw new Error(`${def.id}(${params.join(',')}) ${def.outputs[k]} at ${i}: batch ${col[i]} vs stream ${stream[k]![i]}`);
            }
          }
        });
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe('warm-up', () => {
  const clean = randomBars(600, 99);
  const input: IndicatorInput = { ...clean, benchmark: randomBars(600, 5).close, eps: clean.close.map(() => 2.5) };

  it.each(INDICATORS.map((d) => [d.id, d] as const))('%s: exactly lookback leading NaNs, then values', (_id, def) => {
    const params = def.params.map((p) => p.default);
    const outs = def.batch(input, params);
    const lookback = def.lookback(params);
    outs.forEach((col, k) => {
      const lb = lookback[k]!;
      for (let i = 0; i < lb; i++) expect(Number.isNaN(col[i]!), `${def.outputs[k]}[${i}] is warm-up`).toBe(true);
      for (let i = lb; i < col.length; i++) expect(Number.isFinite(col[i]!), `${def.outputs[k]}[${i}] = ${col[i]}`).toBe(true);
    });
  });
});
