// Saved workspace layouts: a stored layout is checked (shape, known panels, each placed once) before it is used, and
// named layouts round-trip through storage.
import { describe, expect, it } from 'vitest';
import { checkLayout, loadCurrentLayout, loadNamedLayout, namedLayouts, saveCurrentLayout, saveNamedLayout, type LayoutStorage, type SerializedLayout } from '../../../src/renderer/app/layout/savedLayouts';

const KNOWN = ['watchlist', 'chart', 'log'];
const layout = (): SerializedLayout => ({
  grid: {
    root: { type: 'branch', data: [{ type: 'leaf', data: { id: '1', views: ['watchlist', 'chart'], activeView: 'chart' }, size: 400 }, { type: 'leaf', data: { id: '2', views: ['log'] }, size: 300 }], size: 700 },
    width: 700,
    height: 500,
    orientation: 'HORIZONTAL',
  },
  panels: { watchlist: { id: 'watchlist', contentComponent: 'panel', title: 'Watchlist' }, chart: { id: 'chart', contentComponent: 'panel' }, log: { id: 'log', contentComponent: 'panel' } },
  activeGroup: '1',
});
const memory = (): LayoutStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

describe('stored layout check', () => {
  it('accepts dockview’s serialized form with known panels each placed once', () => {
    expect(checkLayout(layout(), KNOWN)).toMatchObject({ ok: true });
  });
  it('refuses a broken shape, naming where', () => {
    const bad = layout() as unknown as { grid: { orientation: string } };
    bad.grid.orientation = 'DIAGONAL';
    expect(checkLayout(bad, KNOWN)).toMatchObject({ ok: false, error: expect.stringContaining('grid.orientation') });
    expect(checkLayout({ grid: { ...layout().grid, width: Number.NaN } }, KNOWN)).toMatchObject({ ok: false });
    expect(checkLayout(null, KNOWN)).toMatchObject({ ok: false });
  });
  it('refuses unknown panels, a panel in two places, or placed but not described, or described but not placed', () => {
    const unknown = layout();
    (unknown.grid.root.data as { data: { views: string[] } }[])[1]!.data.views = ['log', 'nope'];
    expect(checkLayout(unknown, KNOWN)).toEqual({ ok: false, error: "unknown panel 'nope'" });
    const twice = layout();
    (twice.grid.root.data as { data: { views: string[] } }[])[1]!.data.views = ['log', 'chart'];
    expect(checkLayout(twice, KNOWN)).toEqual({ ok: false, error: "panel 'chart' is in two places" });
    const undescribed = layout();
    delete (undescribed.panels as Record<string, unknown>).log;
    expect(checkLayout(undescribed, KNOWN)).toEqual({ ok: false, error: "panel 'log' is placed but not described" });
    const unplaced = layout();
    (unplaced.grid.root.data as { data: { views: string[] } }[])[1]!.data.views = [];
    expect(checkLayout(unplaced, KNOWN)).toEqual({ ok: false, error: "panel 'log' is described but not placed" });
  });
  it('counts floating groups as placed', () => {
    const floating = layout();
    (floating.grid.root.data as { data: { views: string[] } }[])[1]!.data.views = [];
    (floating as Record<string, unknown>).floatingGroups = [{ data: { id: '3', views: ['log'] }, position: { top: 1, left: 1, width: 100, height: 100 } }];
    expect(checkLayout(floating, KNOWN)).toMatchObject({ ok: true });
  });
});

describe('layout storage', () => {
  it('keeps the current layout and says when the stored one is not JSON or broken', () => {
    const s = memory();
    expect(loadCurrentLayout(s, KNOWN)).toBeNull();
    saveCurrentLayout(s, layout());
    expect(loadCurrentLayout(s, KNOWN)).toEqual({ ok: true, value: layout() });
    s.setItem('nautilus.dock.current', '{not json');
    expect(loadCurrentLayout(s, KNOWN)).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    s.setItem('nautilus.dock.current', JSON.stringify({ grid: 1 }));
    expect(loadCurrentLayout(s, KNOWN)).toMatchObject({ ok: false });
  });
  it('saves and restores named layouts; refuses bad names and reports missing or broken ones', () => {
    const s = memory();
    expect(saveNamedLayout(s, ' research wide ', layout())).toBeNull();
    expect(saveNamedLayout(s, 'a', layout())).toBeNull();
    expect(saveNamedLayout(s, '', layout())).toMatch(/1 to 40/);
    expect(saveNamedLayout(s, 'x/y', layout())).toMatch(/1 to 40/);
    expect(namedLayouts(s)).toEqual(['a', 'research wide']);
    expect(loadNamedLayout(s, 'research wide', KNOWN)).toEqual({ ok: true, value: layout() });
    expect(loadNamedLayout(s, 'zzz', KNOWN)).toEqual({ ok: false, error: "no layout named 'zzz'" });
    expect(loadNamedLayout(s, 'a', ['chart'])).toMatchObject({ ok: false, error: "unknown panel 'watchlist'" });
    s.setItem('nautilus.dock.named', '[]');
    expect(namedLayouts(s)).toEqual([]);
  });
});
