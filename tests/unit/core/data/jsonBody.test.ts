import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../../../src/core/data/jsonBody';
import { fixtureText } from '../../../support/dataFixtures';

describe('parseJsonBody', () => {
  it('tells a body cut mid-way from garbage', () => {
    const full = fixtureText('fred/series_observations_GDP.json');
    for (const cut of [1, 100, Math.floor(full.length / 2), full.length - 1]) {
      const r = parseJsonBody('fred', 'observations GDP', full.slice(0, cut));
      expect(r.ok ? 'ok' : r.error.code, `cut at ${cut}`).toBe('TRUNCATED_BODY');
    }
    expect(parseJsonBody('fred', 'x', '')).toMatchObject({ ok: false, error: { code: 'TRUNCATED_BODY' } });
    expect(parseJsonBody('fred', 'x', '{"a": 1}}')).toMatchObject({ ok: false, error: { code: 'MALFORMED_BODY' } });
    expect(parseJsonBody('fred', 'x', full).ok).toBe(true);
  });

  it('names an HTML page by its title', () => {
    const r = parseJsonBody('yahoo', 'chart AAPL', '<!DOCTYPE html><html><head><title>Yahoo! - 500 Internal Server Error</title></head></html>', 500);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_JSON', provider: 'yahoo', request: 'chart AAPL', status: 500, reason: 'Yahoo! - 500 Internal Server Error' } });
  });
});
