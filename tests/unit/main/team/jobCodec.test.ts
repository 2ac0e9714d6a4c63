// The research queue's codec: plain numbers JSON cannot hold (NaN, ±Infinity, -0) and Float64Arrays come back exactly;
// a malformed encoding is refused by name.
import { describe, expect, it } from 'vitest';
import { decodeJob, encodeJob } from '../../../../src/main/team/jobCodec';

describe('research job codec', () => {
  it('carries NaN, ±Infinity and -0 in plain numbers, and every bit of a Float64Array', () => {
    const value = { meanIC: NaN, icir: Infinity, low: -Infinity, zero: -0, plain: 0.1 + 0.2, list: [NaN, 1, -0], series: Float64Array.from([NaN, -0, 1e-308, Math.PI]) };
    const back = decodeJob(encodeJob(value)) as typeof value;
    expect(back).toEqual(value);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(Number.isNaN(back.meanIC)).toBe(true);
    expect(back.list.map((x) => Object.is(x, -0))).toEqual([false, false, true]);
    expect(Object.is(back.series[1], -0)).toBe(true);
  });

  it('refuses a special number it does not know, or one with company', () => {
    expect(() => decodeJob('{"x":{"$num":"1e999"}}')).toThrow('malformed special number in job');
    expect(() => decodeJob('{"x":{"$num":"NaN","y":1}}')).toThrow('malformed special number in job');
    expect(() => decodeJob('{"x":{"$f64":"AAAA"}}')).toThrow('not a multiple of 8');
  });
});
