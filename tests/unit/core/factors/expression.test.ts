// The expression language: parsing, errors pointing at the offending token, evaluation against the operators
// called directly, and the factor library's table.
import { describe, expect, it } from 'vitest';
import { checkExpression, evaluateOnPanel, FACTOR_LIBRARY, LIBRARY_WINDOWS, OPERATORS, pointAt, resolveFactor, seriesOf, tsCorr, tsMean, tsRank, csRank, type ExpressionError } from '../../../../src/core/factors';
import { syntheticPanel } from './panelFixtures';

const context = { dates: 100, groups: ['sector'] };

function refused(source: string): ExpressionError {
  const checked = checkExpression(source, context);
  if (checked.ok) throw new Error(`${source} was accepted`);
  return checked.error;
}

describe('expression errors name the offending token and its position', () => {
  it.each([
    ['ts_mean(close, 5', 'PARSE_ERROR', 16, ''],
    ['close +* open', 'PARSE_ERROR', 7, '*'],
    ['close $ 2', 'PARSE_ERROR', 6, '$'],
    ['ts_mean(clsoe, 5)', 'UNKNOWN_FIELD', 8, 'clsoe'],
    ['close / ts_meen(close, 5)', 'UNKNOWN_OPERATOR', 8, 'ts_meen'],
    ['ts_mean(close)', 'BAD_ARGUMENT', 0, 'ts_mean'],
    ['ts_mean(close, 2.5)', 'BAD_ARGUMENT', 15, '2.5'],
    ['ts_mean(close, 0)', 'BAD_ARGUMENT', 15, '0'],
    ['rank(ts_std(close, 101))', 'WINDOW_TOO_LARGE', 19, '101'],
    ['neutralize(close, industry)', 'UNKNOWN_GROUP', 18, 'industry'],
    ['neutralize(close, volume)', 'UNKNOWN_GROUP', 18, 'volume'],
    ['ts_quantile(close, 5, 1.5)', 'BAD_ARGUMENT', 22, '1.5'],
    ['feature(rsi)', 'BAD_ARGUMENT', 0, 'feature'],
    ['"close"', 'BAD_ARGUMENT', 0, '"close"'],
  ])('%s → %s at %d', (source, code, position, token) => {
    const error = refused(source);
    expect(error.code).toBe(code);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
    expect(error.message).toContain(String(position));
  });

  it('renders a caret under the token', () => {
    expect(pointAt('ts_mean(clsoe, 5)', 8)).toBe('ts_mean(clsoe, 5)\n        ^');
  });
});

describe('validation reports what the expression needs', () => {
  it('fields, groups, cross-sectional use and lookback', () => {
    const checked = checkExpression('neutralize(rank(ts_mean(close, 5) / feature("rsi:14")), sector) + delta(ts_delay(vwap, 3), 2)', context);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.fields).toEqual([
      { source: 'bar', name: 'close', position: 24 },
      { source: 'feature', name: 'rsi:14', position: 36 },
      { source: 'bar', name: 'vwap', position: 81 },
    ]);
    expect(checked.value.groups).toEqual(['sector']);
    expect(checked.value.crossSectional).toBe(true);
    expect(checked.value.lookback).toBe(5);
    const plain = checkExpression('ts_mean(ts_std(close, 10), 5)', context);
    expect(plain.ok && plain.value.lookback).toBe(13);
    expect(plain.ok && plain.value.crossSectional).toBe(false);
  });
});

describe('evaluation equals the operators called directly', () => {
  const panel = syntheticPanel(12, 90, 5);
  const T = panel.times.length;
  const close = panel.columns.get('close')!;
  const volume = panel.columns.get('volume')!;
  const evaluate = (expression: string) => {
    const factor = resolveFactor({ kind: 'expression', expression }, { dates: T, groups: ['sector'] });
    if (!factor.ok) throw new Error(factor.error.message);
    return evaluateOnPanel(factor.value, panel);
  };

  it('time-series operators per symbol, arithmetic element-wise', () => {
    const ours = evaluate('ts_corr(close, log(volume + 1), 10) * 2 - ts_mean(close, 5) / close');
    for (let s = 0; s < 12; s++) {
      const c = seriesOf(close, T, s);
      const lv = seriesOf(volume, T, s).map((v) => Math.log(v + 1));
      const corr = new Float64Array(T);
      const mean = new Float64Array(T);
      tsCorr(c, lv, 10, corr);
      tsMean(c, 5, mean);
      for (let t = 0; t < T; t++) {
        const expected = corr[t]! * 2 - mean[t]! / c[t]!;
        if (Number.isNaN(expected)) expect(ours[s * T + t]).toBeNaN();
        else expect(ours[s * T + t]).toBeCloseTo(expected, 12);
      }
    }
  });

  it('a cross-sectional operator over a time-series one sees every symbol', () => {
    const ours = evaluate('rank(ts_rank(close, 20))');
    const inner = new Float64Array(close.length);
    for (let s = 0; s < 12; s++) tsRank(seriesOf(close, T, s), 20, seriesOf(inner, T, s));
    const expected = new Float64Array(close.length);
    csRank(inner, T, expected);
    expect(Array.from(ours)).toEqual(Array.from(expected));
  });

  it('division by zero and comparisons with missing values give NaN, not Infinity', () => {
    const ours = evaluate('close / (close - close)');
    expect(ours.every(Number.isNaN)).toBe(true);
    const cmp = evaluate('close > ts_delay(close, 1)');
    expect(cmp[0]).toBeNaN();
    expect([0, 1]).toContain(cmp[5]);
  });

  it('a constant expression fills the panel; a bare field is a copy', () => {
    expect(Array.from(evaluate('2 * 3')).every((v) => v === 6)).toBe(true);
    const copy = evaluate('close');
    copy[0] = -1;
    expect(close[0]).not.toBe(-1);
  });
});

describe('the factor library', () => {
  it('has at least 150 uniquely named factors, each a valid expression', () => {
    expect(FACTOR_LIBRARY.length).toBeGreaterThanOrEqual(150);
    expect(new Set(FACTOR_LIBRARY.map((f) => f.name)).size).toBe(FACTOR_LIBRARY.length);
    for (const f of FACTOR_LIBRARY) {
      const checked = checkExpression(f.expression, { dates: 100, groups: [] });
      expect(checked.ok, `${f.name}: ${f.expression}`).toBe(true);
      if (f.family === 'rolling') expect(f.name).toMatch(new RegExp(`^[A-Z]+(${LIBRARY_WINDOWS.join('|')})$`));
    }
  });

  it('every operator the library uses is in the operator table, with a doc line', () => {
    for (const [name, op] of Object.entries(OPERATORS)) expect(op.doc.length, name).toBeGreaterThan(5);
  });

  it('a window longer than the data is refused for library factors too', () => {
    const result = resolveFactor({ kind: 'library', name: 'MA60' }, { dates: 30, groups: [] });
    expect(!result.ok && result.error.code).toBe('WINDOW_TOO_LARGE');
    const unknown = resolveFactor({ kind: 'library', name: 'MA7' }, { dates: 30, groups: [] });
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_FACTOR');
  });
});
