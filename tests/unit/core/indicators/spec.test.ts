// Spec strings: parsing, defaults, column names and every kind of error, returned and never thrown.

import { describe, expect, it } from 'vitest';
import { checkInputs, computeIndicators, makeSpec, outputColumnName, parseIndicatorSpecs } from '../../../../src/core/indicators';
import { randomBars } from './helpers';

describe('parseIndicatorSpecs', () => {
  it('parses ids and parameters, fills defaults and names output columns', () => {
    const r = parseIndicatorSpecs('rsi:14, MACD:12:26:9,bbands:20:2,obv,stoch');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((s) => s.key)).toEqual(['rsi_14', 'macd_12_26_9', 'bbands_20_2', 'obv', 'stoch_14_3_3']);
    const [rsi, macd] = r.value;
    expect(outputColumnName(rsi!, 'rsi')).toBe('rsi_14');
    expect(outputColumnName(macd!, 'signal')).toBe('macd_12_26_9_signal');
    expect(parseIndicatorSpecs('sar:0.01').ok && parseIndicatorSpecs('sar:0.01')).toMatchObject({ value: [{ key: 'sar_0.01_0.2' }] });
    expect(parseIndicatorSpecs('vwap:-300')).toMatchObject({ ok: true, value: [{ params: [-300] }] });
    expect(parseIndicatorSpecs('rsi:')).toMatchObject({ ok: true, value: [{ params: [14] }] });
  });

  it.each([
    ['foo:3', { code: 'UNKNOWN_INDICATOR', id: 'foo' }],
    ['rsi:14,nope', { code: 'UNKNOWN_INDICATOR', id: 'nope' }],
    ['rsi:abc', { code: 'BAD_PARAMETER', id: 'rsi', param: 'period', value: 'abc', reason: 'is not a number' }],
    ['rsi:1', { code: 'BAD_PARAMETER', id: 'rsi', param: 'period', value: '1', reason: 'must be between 2 and 100000' }],
    ['rsi:14.5', { code: 'BAD_PARAMETER', id: 'rsi', param: 'period', value: '14.5', reason: 'must be an integer' }],
    ['rsi:1e9', { code: 'BAD_PARAMETER', id: 'rsi', param: 'period' }],
    ['rsi:14:3', { code: 'BAD_PARAMETER', id: 'rsi', param: '#2', value: '3' }],
    ['obv:3', { code: 'BAD_PARAMETER', id: 'obv', param: '#1', value: '3' }],
    ['macd:26:12:9', { code: 'BAD_PARAMETER', id: 'macd', param: 'fast', value: '26', reason: 'must be less than slow' }],
    ['bbands:20:-2', { code: 'BAD_PARAMETER', id: 'bbands', param: 'k', value: '-2' }],
    ['bbands:20:Infinity', { code: 'BAD_PARAMETER', id: 'bbands', param: 'k', reason: 'is not a number' }],
    ['sar:0.3:0.2', { code: 'BAD_PARAMETER', id: 'sar', param: 'acceleration', reason: 'must not exceed maximum' }],
    ['rsi:0x10', { code: 'BAD_PARAMETER', id: 'rsi', value: '0x10', reason: 'is not a number' }],
    ['rsi,,macd', { code: 'EMPTY_SPEC', position: 2 }],
    ['', { code: 'EMPTY_SPEC', position: 1 }],
  ])('%s → %o', (text, error) => {
    const r = parseIndicatorSpecs(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject(error);
    expect(r.error.message.length).toBeGreaterThan(0);
  });

  it('makeSpec validates numeric parameters the same way', () => {
    expect(makeSpec('ema', [10])).toMatchObject({ ok: true, value: { key: 'ema_10' } });
    expect(makeSpec('ema', [0])).toMatchObject({ ok: false, error: { code: 'BAD_PARAMETER', param: 'period' } });
    expect(makeSpec('zzz')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_INDICATOR' } });
  });
});

describe('input hygiene', () => {
  it('reports missing and impossible values by row and column', () => {
    const b = randomBars(10, 1);
    b.close[3] = NaN;
    b.volume[5] = -1;
    b.high[7] = b.low[7]! - 1;
    b.time[8] = b.time[7]!;
    b.low[9] = Infinity;
    const issues = checkInputs(b);
    expect(issues.map((i) => [i.kind, i.row, i.column])).toEqual([
      ['MISSING', 3, 'close'],
      ['NEGATIVE_VOLUME', 5, 'volume'],
      ['HIGH_BELOW_LOW', 7, 'high'],
      ['TIME_NOT_INCREASING', 8, 'time'],
      ['NOT_FINITE', 9, 'low'],
      ['HIGH_BELOW_LOW', 9, 'high'],
    ]);
    expect(checkInputs(randomBars(50, 2))).toEqual([]);
  });

  it('computeIndicators refuses bad or missing inputs instead of propagating NaN', () => {
    const b = randomBars(30, 3);
    b.high[4] = NaN;
    const specs = parseIndicatorSpecs('atr:5,rsi:3');
    if (!specs.ok) throw new Error('specs');
    expect(computeIndicators(b, specs.value)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ row: 4, column: 'high' }] } });
    // rsi alone reads only close: a bad high does not matter to it.
    expect(computeIndicators(b, specs.value.slice(1)).ok).toBe(true);
    const beta = parseIndicatorSpecs('beta');
    if (!beta.ok) throw new Error('specs');
    expect(computeIndicators(randomBars(30, 3), beta.value)).toMatchObject({ ok: false, error: { code: 'MISSING_INPUT', column: 'benchmark' } });
  });
});
