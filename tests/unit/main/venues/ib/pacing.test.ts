// The pacer under a manual clock: never more than the window allows, priority lanes first, dropped jobs told so.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PacingLimiter, type PacingTimers } from '../../../../../src/main/venues/ib/pacing';

/** A clock and timer queue that only move when told to. */
function manualTimers() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  const t: PacingTimers & { advance(ms: number): void; readonly now_: () => number } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((x) => x.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
    now_: () => now,
  };
  return t;
}

const maxInWindow = (times: number[], windowMs: number) => {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
};

describe('PacingLimiter', () => {
  it('never sends more than each window allows, whatever the arrival pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 30 }), (bursts) => {
        const timers = manualTimers();
        const pacer = new PacingLimiter(undefined, timers);
        const sent: number[] = [];
        let submitted = 0;
        for (const [gap, size] of bursts) {
          timers.advance(gap);
          for (let i = 0; i < size; i += 1) {
            submitted += 1;
            pacer.submit({ lane: 'data', run: () => void sent.push(timers.now()) });
          }
        }
        timers.advance(120_000);
        expect(sent).toHaveLength(submitted);
        expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(40);
        expect(maxInWindow(sent, 100)).toBeLessThanOrEqual(5);
      }),
      { numRuns: 60 },
    );
  });

  it('serves control before orders before data, and tells dropped jobs why', () => {
    const timers = manualTimers();
    const pacer = new PacingLimiter([{ maxMessages: 1, windowMs: 100 }], timers);
    const order: string[] = [];
    const dropped: string[] = [];
    pacer.submit({ lane: 'data', run: () => void order.push('d0') });
    pacer.submit({ lane: 'data', run: () => void order.push('d1'), tag: 1, drop: (r) => dropped.push(`d1:${r}`) });
    pacer.submit({ lane: 'order', run: () => void order.push('o1') });
    pacer.submit({ lane: 'control', run: () => void order.push('c1') });
    timers.advance(250);
    expect(order).toEqual(['d0', 'c1', 'o1']);
    expect(pacer.dropWhere((j) => j.tag === 1, 'session ended')).toBe(1);
    expect(dropped).toEqual(['d1:session ended']);
    timers.advance(1000);
    expect(order).toEqual(['d0', 'c1', 'o1']);
  });

  it('a job that does not send (returns false) uses no slot', () => {
    const timers = manualTimers();
    const pacer = new PacingLimiter([{ maxMessages: 1, windowMs: 1000 }], timers);
    const sent: string[] = [];
    pacer.submit({ lane: 'order', run: () => false });
    pacer.submit({ lane: 'order', run: () => void sent.push('a') });
    expect(sent).toEqual(['a']);
  });
});
