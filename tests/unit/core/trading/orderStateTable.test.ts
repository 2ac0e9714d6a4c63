import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, TERMINAL_STATUSES } from '../../../../src/core/model';
import { allTransitions, ORDER_EVENTS, ORDER_STATE_TABLE, transition } from '../../../../src/core/trading';

describe('order state table', () => {
  it('refuses every pair not in the table with a typed error naming state and event', () => {
    let refused = 0;
    for (const { from, event, to } of allTransitions()) {
      const result = transition(from, event);
      if (to === undefined) {
        refused += 1;
        expect(result).toEqual({ ok: false, error: { code: 'INVALID_TRANSITION', from, event } });
      } else {
        expect(result).toEqual({ ok: true, value: to });
      }
    }
    expect(refused).toBeGreaterThan(ORDER_STATUSES.length * ORDER_EVENTS.length * 0.6);
  });

  it('has no way out of a terminal status', () => {
    for (const status of TERMINAL_STATUSES) {
      for (const event of ORDER_EVENTS) expect(transition(status, event).ok).toBe(false);
    }
  });

  it('walks the happy paths', () => {
    const path = (events: Parameters<typeof transition>[1][]) =>
      events.reduce<string>((s, e) => {
        const r = transition(s as never, e);
        if (!r.ok) throw new Error(`${s} + ${e} refused`);
        return r.value;
      }, 'PendingNew');
    expect(path(['SUBMIT', 'ACCEPT', 'PARTIAL_FILL', 'PARTIAL_FILL', 'FILL'])).toBe('Filled');
    expect(path(['SUBMIT', 'ACCEPT', 'CANCEL_REQUEST', 'PARTIAL_FILL', 'CANCELED'])).toBe('Canceled');
    expect(path(['SUBMIT', 'ACCEPT', 'PARTIAL_FILL', 'REPLACE_REQUEST', 'REPLACED_AFTER_FILL'])).toBe('PartiallyFilled');
    expect(path(['SUBMIT', 'ACCEPT', 'CANCEL_REQUEST', 'CANCEL_REJECTED'])).toBe('Accepted');
    expect(path(['SUBMIT', 'TIMEOUT', 'NOT_FOUND_AT_VENUE'])).toBe('Rejected');
    expect(path(['SUBMIT', 'TIMEOUT', 'ACCEPT', 'EXPIRE'])).toBe('Expired');
  });

  it('never re-sends from Unknown: only venue answers leave it', () => {
    const exits = Object.keys(ORDER_STATE_TABLE.Unknown).sort();
    expect(exits).not.toContain('SUBMIT');
    expect(exits).not.toContain('CANCEL_REQUEST');
    expect(exits).not.toContain('REPLACE_REQUEST');
    expect(transition('Unknown', 'SUBMIT')).toEqual({ ok: false, error: { code: 'INVALID_TRANSITION', from: 'Unknown', event: 'SUBMIT' } });
  });

  it('refuses cancel and modify requests where they make no sense', () => {
    expect(transition('Filled', 'CANCEL_REQUEST').ok).toBe(false);
    expect(transition('PendingCancel', 'REPLACE_REQUEST').ok).toBe(false);
    expect(transition('Submitted', 'REPLACE_REQUEST').ok).toBe(false);
    expect(transition('PendingNew', 'ACCEPT').ok).toBe(false);
    expect(transition('Accepted', 'SUBMIT').ok).toBe(false);
  });
});
