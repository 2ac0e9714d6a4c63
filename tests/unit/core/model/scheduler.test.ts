// The simulated scheduler: advanceTo runs what is due up to and at a time; advanceBefore stops short of that time, so a
// backtest can deliver a bar's close before the timers due at it.
import { describe, expect, it } from 'vitest';
import { SimulatedScheduler } from '../../../../src/core/model/scheduler';

describe('SimulatedScheduler', () => {
  it('advanceBefore runs timers due strictly before the time and leaves those due at it for advanceTo', () => {
    const s = new SimulatedScheduler(0);
    const ran: string[] = [];
    s.at(50, () => ran.push(`a@${s.now()}`));
    s.at(100, () => ran.push(`b@${s.now()}`));
    s.at(100, () => ran.push(`c@${s.now()}`));
    s.at(150, () => ran.push(`d@${s.now()}`));
    s.advanceBefore(100);
    expect(ran).toEqual(['a@50']);
    expect(s.now()).toBe(100);
    // Set at the time already reached: it waits for the next advance, after those set before it.
    s.at(100, () => ran.push(`e@${s.now()}`));
    s.advanceTo(100);
    expect(ran).toEqual(['a@50', 'b@100', 'c@100', 'e@100']);
    s.advanceTo(200);
    expect(ran.at(-1)).toBe('d@150');
    expect(s.now()).toBe(200);
  });
});
