import { describe, expect, it } from 'vitest';
import { ClientOrderIdSource, formatClientOrderId, parseClientOrderId } from '../../../../src/core/model';

describe('client order ids', () => {
  it('are monotonic in numeric and string order', () => {
    const ids = new ClientOrderIdSource(0);
    const issued = Array.from({ length: 1200 }, () => ids.next());
    expect(new Set(issued).size).toBe(issued.length);
    expect([...issued].sort()).toEqual(issued);
    expect(parseClientOrderId(issued[999] as string)).toBe(1000);
  });

  it('continue after the journal highest id across a restart', () => {
    const before = new ClientOrderIdSource(0);
    let last = '';
    for (let i = 0; i < 41; i++) last = before.next();
    const after = new ClientOrderIdSource(parseClientOrderId(last));
    expect(after.next()).toBe(formatClientOrderId(42));
    expect(after.next() > last).toBe(true);
  });

  it('observe never moves backwards and ignores foreign ids', () => {
    const ids = new ClientOrderIdSource(10);
    ids.observe(formatClientOrderId(3));
    ids.observe('TWS-123');
    expect(ids.highest).toBe(10);
    ids.observe(formatClientOrderId(25));
    expect(ids.next()).toBe(formatClientOrderId(26));
  });

  it('refuses a bad seed', () => {
    expect(() => new ClientOrderIdSource(-1)).toThrow();
    expect(parseClientOrderId('C00000000001x')).toBeUndefined();
  });
});
