// predictOnDate: the last date on or before asOf, symbols in order, a symbol with an unknown feature listed as
// missing (never predicted from a NaN), no rows before asOf refused.
import { describe, expect, it } from 'vitest';
import { predictOnDate } from '../../../../src/core/ml/modelPrediction';
import type { PanelRow } from '../../../../src/core/ml/trainingSet';

const DAY = 86_400_000;
const row = (d: number, symbol: string, f: number, g: number): PanelRow => ({ date: d * DAY, symbol, close: 10, features: { f, g } });
const rows = [row(1, 'B', 1, 2), row(1, 'A', 3, 4), row(2, 'B', 5, Number.NaN), row(2, 'A', 7, 8), row(2, 'C', 1, 1)];
const fitted = { kind: 'linear' as const, link: 'identity' as const, intercept: 0.5, coefficients: Float64Array.from([2, -1]) };

describe('predictOnDate', () => {
  it('predicts each symbol of the last date, listing one with an unknown feature as missing', () => {
    const p = predictOnDate(rows, ['f', 'g'], fitted);
    expect(p).toEqual({ ok: true, value: { date: 2 * DAY, predictions: [{ symbol: 'A', prediction: 0.5 + 14 - 8 }, { symbol: 'C', prediction: 1.5 }], missing: [{ symbol: 'B', feature: 'g', value: Number.NaN }] } });
  });

  it('reads the last date on or before asOf, and refuses an asOf before every row', () => {
    const p = predictOnDate(rows, ['f', 'g'], fitted, 1.5 * DAY);
    expect(p.ok && p.value.predictions).toEqual([{ symbol: 'A', prediction: 0.5 + 6 - 4 }, { symbol: 'B', prediction: 0.5 + 2 - 2 }]);
    expect(predictOnDate(rows, ['f', 'g'], fitted, 0)).toMatchObject({ ok: false, error: { code: 'NO_ROWS', asOf: 0 } });
  });
});
