// The message counter's arithmetic with injected timestamps: per-id counts and the sliding one-second window.
import { describe, expect, it } from 'vitest';
import { MessageCounter } from '../../../../../../src/main/venues/ib/fake-gateway/messageCounter';

describe('MessageCounter', () => {
  const at = (c: MessageCounter, msgId: number, t: number, clientId = 1) => c.record({ msgId, clientId, sessionId: 1, at: t });

  it('finds the busiest window anywhere, not only aligned seconds', () => {
    const c = new MessageCounter();
    // 30 in the second half of one second and 30 in the first half of the next: 60 inside one 1000 ms window.
    for (let i = 0; i < 30; i += 1) at(c, 49, 500 + i * 10);
    for (let i = 0; i < 30; i += 1) at(c, 49, 1000 + i * 10);
    expect(c.maxInWindow(1000)).toBe(60);
    expect(c.inLastWindow(1290)).toBe(60);
    expect(c.inLastWindow(2300)).toBe(0);
  });

  it('treats a window as half-open: messages exactly 1000 ms apart are in different windows', () => {
    const c = new MessageCounter();
    at(c, 1, 0);
    at(c, 1, 1000);
    expect(c.maxInWindow(1000)).toBe(1);
  });

  it('counts by message id and client', () => {
    const c = new MessageCounter();
    at(c, 3, 1, 1);
    at(c, 3, 2, 2);
    at(c, 4, 3, 2);
    expect(c.count(3)).toBe(2);
    expect(c.count(3, 2)).toBe(1);
    expect(c.byId({ clientId: 2 })).toEqual(new Map([[3, 1], [4, 1]]));
    c.reset();
    expect(c.total()).toBe(0);
  });
});
