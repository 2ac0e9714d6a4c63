// roundToIncrement's shortcuts (the last increment's decimals remembered, whole increments without toFixed) give the
// same numbers as rounding through toFixed with the increment's decimals, across increments used in turn.
import { describe, expect, it } from 'vitest';
import { decimalsOf, roundToIncrement } from '../../../../src/core/model/instrument';

const reference = (value: number, increment: number): number => Number((Math.round(value / increment) * increment).toFixed(decimalsOf(increment)));

describe('roundToIncrement', () => {
  it('matches rounding through toFixed for ticks and lots used alternately, including -0, NaN and infinities', () => {
    const increments = [0.01, 1, 100, 0.25, 1e-8, 0.0001, 5];
    const values = [0, -0, -0.004, -0.3, 0.005, 1.005, 99.995, 100.0149, 123.456789, -987.65, 1e6 + 0.5, 2 ** 53, NaN, Infinity, -Infinity];
    for (let round = 0; round < 2; round++) {
      for (const value of values) {
        for (const increment of increments) {
          expect(Object.is(roundToIncrement(value, increment), reference(value, increment)), `${value} by ${increment}`).toBe(true);
        }
      }
    }
  });
});
