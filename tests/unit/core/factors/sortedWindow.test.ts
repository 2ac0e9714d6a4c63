// SortedWindow.replace against remove + insert: the same array value for value, down to which of −0 and +0 sits where.
import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../../../src/core/factors/sortedWindow';

describe('SortedWindow.replace', () => {
  it('leaves the window exactly as remove then insert would, over ties and signed zeros', () => {
    let state = 11;
    const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pool = [-0, 0, -1, 1, 2, 2, 3.5, -2.25, 1e-300];
    for (const n of [1, 2, 5, 20]) {
      const a = new SortedWindow(n);
      const b = new SortedWindow(n);
      const live: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = pool[Math.floor(next() * pool.length)]!;
        a.insert(v);
        b.insert(v);
        live.push(v);
      }
      for (let step = 0; step < 2_000; step++) {
        const old = live.shift()!;
        const v = pool[Math.floor(next() * pool.length)]!;
        live.push(v);
        a.replace(old, v);
        b.remove(old);
        b.insert(v);
        const left = Array.from({ length: n }, (_, i) => a.at(i));
        const right = Array.from({ length: n }, (_, i) => b.at(i));
        for (let i = 0; i < n; i++) expect(Object.is(left[i], right[i]), `n ${n} step ${step}: ${left.join()} vs ${right.join()}`).toBe(true);
      }
    }
  });

  it('refuses to replace a value the window does not hold', () => {
    const w = new SortedWindow(3);
    for (const v of [1, 2, 3]) w.insert(v);
    expect(() => w.replace(4, 0)).toThrow(/not in the window/);
  });
});
