// The API's limit schema is derived from the kinds' table: every kind is accepted with valid parameters, and the
// schema and the core's validateLimits refuse the same bad values, naming the field.
import { describe, expect, it } from 'vitest';
import { LIMIT_KIND_LIST, validateLimits, type ParamType, type RiskLimit } from '../../../../src/core/trading';
import { riskLimitSchema } from '../../../../src/shared/contracts/risk';

const VALID: Readonly<Record<ParamType, unknown>> = { positive: 2, count: 3, confidence: 0.95, 'symbol?': 'AAPL', symbols: ['AAPL'], 'currency?': 'EUR', drawdownFrom: 'PEAK' };
const INVALID: Readonly<Record<ParamType, unknown>> = { positive: Infinity, count: 2.5, confidence: 1, 'symbol?': 'aapl', symbols: 'AAPL', 'currency?': 'euro', drawdownFrom: 'YESTERDAY' };

const example = (kind: (typeof LIMIT_KIND_LIST)[number]) =>
  Object.fromEntries([['id', `x-${kind.kind}`], ['kind', kind.kind], ...Object.entries(kind.params).map(([field, type]) => [field, VALID[type]])]);

describe('riskLimitSchema from the kinds table', () => {
  it('accepts every kind with valid parameters, as the core does', () => {
    const all = LIMIT_KIND_LIST.map(example);
    expect(all).toHaveLength(24);
    for (const limit of all) expect(riskLimitSchema.safeParse(limit).success).toBe(true);
    expect(validateLimits(all as RiskLimit[]).ok).toBe(true);
  });

  it('refuses each bad parameter value at its path, and so does the core', () => {
    for (const kind of LIMIT_KIND_LIST) {
      for (const [field, type] of Object.entries(kind.params)) {
        const bad = { ...example(kind), [field]: INVALID[type] };
        const parsed = riskLimitSchema.safeParse(bad);
        expect(parsed.success, `${kind.kind}.${field}`).toBe(false);
        if (!parsed.success) expect(parsed.error.issues[0]?.path, `${kind.kind}.${field}`).toEqual([field]);
        expect(validateLimits([bad as RiskLimit]), `${kind.kind}.${field}`).toMatchObject({ ok: false, error: { field } });
      }
    }
  });

  it('refuses unknown fields and breach actions', () => {
    expect(riskLimitSchema.safeParse({ id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 1, onBreach: 'HALT' }).success).toBe(false);
    expect(riskLimitSchema.safeParse({ id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 1, extra: 1 }).success).toBe(false);
    expect(riskLimitSchema.safeParse({ id: 'g', kind: 'MAX_GROSS_EXPOSURE', max: 1, onBreach: 'REDUCE_ONLY' }).success).toBe(true);
  });
});
