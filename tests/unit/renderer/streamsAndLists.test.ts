// The frame coalescer, the virtual window maths, blotter sorting and hotkey bindings.
import { describe, expect, it } from 'vitest';
import { createKeyedCoalescer, createQueueCoalescer } from '../../../src/renderer/state/frameCoalescer';
import { moveSelection, scrollToReveal, visibleWindow } from '../../../src/renderer/panels/blotter/virtualWindow';
import { sortRows, toggleSort } from '../../../src/renderer/panels/blotter/blotterRows';
import { actionFor, comboOf, DEFAULT_BINDINGS, isChord, loadBindings, mayFire, normalizeCombo, rebind, worksWhileTyping } from '../../../src/renderer/state/hotkeys';

function manualFrames() {
  const queue: Array<() => void> = [];
  return { schedule: (cb: () => void) => queue.push(cb), frame: () => queue.splice(0).forEach((cb) => cb()), get waiting() { return queue.length; } };
}

describe('frame coalescers', () => {
  it('keeps the latest value per key and flushes once per frame', () => {
    const frames = manualFrames();
    const batches: Array<Array<[string, number]>> = [];
    const c = createKeyedCoalescer<number>((b) => batches.push([...b]), frames.schedule);
    for (let i = 0; i < 10_000; i++) c.push(`S${i % 3}`, i);
    expect(frames.waiting).toBe(1);
    expect(c.pendingCount).toBe(3);
    frames.frame();
    expect(batches).toEqual([[['S0', 9999], ['S1', 9997], ['S2', 9998]]]);
    frames.frame();
    expect(batches).toHaveLength(1);
    c.push('S0', 1);
    frames.frame();
    expect(batches[1]).toEqual([['S0', 1]]);
  });
  it('keeps every queued value in order', () => {
    const frames = manualFrames();
    const batches: number[][] = [];
    const c = createQueueCoalescer<number>((b) => batches.push([...b]), frames.schedule);
    [1, 2, 3].forEach((v) => c.push(v));
    frames.frame();
    c.push(4);
    frames.frame();
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
});

describe('virtual window', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleWindow({ count: 10_000, rowHeight: 20, scrollTop: 0, viewportHeight: 200, overscan: 2 })).toEqual({ start: 0, end: 13, offsetTop: 0, totalHeight: 200_000 });
    expect(visibleWindow({ count: 10_000, rowHeight: 20, scrollTop: 1_010, viewportHeight: 200, overscan: 2 })).toEqual({ start: 48, end: 63, offsetTop: 960, totalHeight: 200_000 });
  });
  it('clamps past the end and handles empty lists', () => {
    expect(visibleWindow({ count: 100, rowHeight: 20, scrollTop: 99_999, viewportHeight: 200, overscan: 0 })).toEqual({ start: 90, end: 100, offsetTop: 1_800, totalHeight: 2_000 });
    expect(visibleWindow({ count: 0, rowHeight: 20, scrollTop: 0, viewportHeight: 200 })).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });
  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(5, 20, 0, 200)).toBe(0);
    expect(scrollToReveal(10, 20, 0, 200)).toBe(20);
    expect(scrollToReveal(2, 20, 100, 200)).toBe(40);
  });
  it('moves a selection within bounds', () => {
    expect(moveSelection(-1, 1, 5)).toBe(0);
    expect(moveSelection(-1, -1, 5)).toBe(4);
    expect(moveSelection(3, 10, 5)).toBe(4);
    expect(moveSelection(1, -10, 5)).toBe(0);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe('blotter sorting', () => {
  const rows = [
    { id: 'a', price: 3 as number | null },
    { id: 'b', price: null },
    { id: 'c', price: 1 },
    { id: 'd', price: 3 },
  ];
  it('sorts both ways with missing values last and a stable tie-break', () => {
    expect(sortRows(rows, { key: 'price', direction: 'asc' }, 'id').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, { key: 'price', direction: 'desc' }, 'id').map((r) => r.id)).toEqual(['d', 'a', 'c', 'b']);
  });
  it('toggles the direction on the same column, starts descending on a new one', () => {
    expect(toggleSort({ key: 'a', direction: 'desc' }, 'a')).toEqual({ key: 'a', direction: 'asc' });
    expect(toggleSort<'a' | 'b'>({ key: 'a', direction: 'asc' }, 'b')).toEqual({ key: 'b', direction: 'desc' });
  });
});

describe('hotkeys', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('turns key events into canonical combos', () => {
    expect(comboOf(key('b'))).toBe('B');
    expect(comboOf(key('X', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+X');
    expect(comboOf(key('x', { metaKey: true, shiftKey: true }))).toBe('Ctrl+Shift+X');
    expect(comboOf(key('+', { shiftKey: true }))).toBe('+');
    expect(comboOf(key('F5'))).toBe('F5');
    expect(comboOf(key(' '))).toBe('Space');
    expect(comboOf(key('Shift', { shiftKey: true }))).toBeNull();
    expect(comboOf(key('Unidentified'))).toBeNull();
  });
  it('parses typed combos', () => {
    expect(normalizeCombo('ctrl+shift+x')).toBe('Ctrl+Shift+X');
    expect(normalizeCombo('cmd+k')).toBe('Ctrl+K');
    expect(normalizeCombo('+')).toBe('+');
    expect(normalizeCombo('Ctrl++')).toBe('Ctrl++');
    expect(normalizeCombo('f')).toBe('F');
    expect(normalizeCombo('hyper+f')).toBeNull();
    expect(normalizeCombo('')).toBeNull();
  });
  it('maps combos to actions with the defaults, every one a chord', () => {
    expect(actionFor(DEFAULT_BINDINGS, 'Alt+B')).toBe('ticket.buy');
    expect(actionFor(DEFAULT_BINDINGS, 'Ctrl+Shift+X')).toBe('orders.cancelAll');
    expect(actionFor(DEFAULT_BINDINGS, 'Ctrl+Shift+F')).toBe('positions.flatten');
    expect(actionFor(DEFAULT_BINDINGS, 'Alt+ArrowDown')).toBe('ticket.priceDown');
    for (const single of ['B', 'S', 'F', '+', '-', 'Delete', 'Q']) expect(actionFor(DEFAULT_BINDINGS, single)).toBeUndefined();
    expect(Object.values(DEFAULT_BINDINGS).every(isChord)).toBe(true);
  });
  it('rebinds, refusing combos in use, reserved by the shell, or single keys not opted in', () => {
    const r = rebind(DEFAULT_BINDINGS, 'ticket.buy', 'Ctrl+B');
    expect(r.ok && r.value['ticket.buy']).toBe('Ctrl+B');
    expect(rebind(DEFAULT_BINDINGS, 'ticket.buy', 'Alt+S')).toEqual({ ok: false, error: { code: 'IN_USE', combo: 'Alt+S', by: 'ticket.sell' } });
    expect(rebind(DEFAULT_BINDINGS, 'ticket.buy', 'Alt+3')).toEqual({ ok: false, error: { code: 'RESERVED', combo: 'Alt+3' } });
    expect(rebind(DEFAULT_BINDINGS, 'ticket.buy', 'Ctrl+K')).toMatchObject({ ok: false });
    expect(rebind(DEFAULT_BINDINGS, 'ticket.buy', 'Alt+B')).toEqual({ ok: true, value: DEFAULT_BINDINGS });
    expect(rebind(DEFAULT_BINDINGS, 'ticket.buy', 'B')).toEqual({ ok: false, error: { code: 'SINGLE_KEY_OFF', combo: 'B' } });
    expect(rebind(DEFAULT_BINDINGS, 'positions.flatten', 'F', true)).toMatchObject({ ok: true, value: { 'positions.flatten': 'F' } });
    expect(rebind(DEFAULT_BINDINGS, 'ticket.buy', 'F2')).toMatchObject({ ok: true });
  });
  it('loads stored bindings over the defaults, ignoring junk, clashes and single keys not opted in', () => {
    expect(loadBindings(null)).toBe(DEFAULT_BINDINGS);
    expect(loadBindings('not json')).toBe(DEFAULT_BINDINGS);
    expect(loadBindings(JSON.stringify({ 'ticket.buy': 'ctrl+b', 'ticket.sell': 42 }))).toEqual({ ...DEFAULT_BINDINGS, 'ticket.buy': 'Ctrl+B' });
    expect(loadBindings(JSON.stringify({ 'ticket.buy': 'Alt+S' }))).toEqual(DEFAULT_BINDINGS);
    // The old single-key defaults a trader may have stored: ignored until single keys are turned on.
    expect(loadBindings(JSON.stringify({ 'ticket.buy': 'B', 'positions.flatten': 'F' }))).toEqual(DEFAULT_BINDINGS);
    expect(loadBindings(JSON.stringify({ 'ticket.buy': 'B', 'positions.flatten': 'F' }), true)).toEqual({ ...DEFAULT_BINDINGS, 'ticket.buy': 'B', 'positions.flatten': 'F' });
  });
  it('single keys fire only when opted in', () => {
    expect(mayFire('F', false)).toBe(false);
    expect(mayFire('F', true)).toBe(true);
    expect(mayFire('Ctrl+Shift+F', false)).toBe(true);
  });
  it('only modified combos act while typing in a field', () => {
    expect(worksWhileTyping('Ctrl+Shift+X')).toBe(true);
    expect(worksWhileTyping('F')).toBe(false);
    expect(worksWhileTyping('F5')).toBe(true);
  });
});
