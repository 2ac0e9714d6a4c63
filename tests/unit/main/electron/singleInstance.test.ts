// One app per data directory: a second launch quits and the running window comes forward.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, focusWindow, type FocusableWindow, type SingleInstanceApp } from '../../../../src/main/electron/singleInstance';

function fakeApp(gotLock: boolean) {
  const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => gotLock), quit: vi.fn() });
  return app;
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const window: FocusableWindow = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    isVisible: () => state.visible ?? true,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { window, calls };
}

describe('claimSingleInstance', () => {
  it('the first instance keeps running and focuses its window when launched again', () => {
    const app = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as unknown as SingleInstanceApp, onSecond)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['nautilus'], '/home/trader', {});
    expect(onSecond).toHaveBeenCalledTimes(1);
  });

  it('a second instance quits without listening for anything', () => {
    const app = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as unknown as SingleInstanceApp, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('focusWindow', () => {
  it('restores a minimized window, shows a hidden one, then focuses', () => {
    const minimized = fakeWindow({ minimized: true });
    focusWindow(minimized.window);
    expect(minimized.calls).toEqual(['restore', 'focus']);
    const hidden = fakeWindow({ visible: false });
    focusWindow(hidden.window);
    expect(hidden.calls).toEqual(['show', 'focus']);
  });

  it('does nothing before the window exists or after it is gone', () => {
    expect(() => focusWindow(undefined)).not.toThrow();
    const gone = fakeWindow({ destroyed: true });
    focusWindow(gone.window);
    expect(gone.calls).toEqual([]);
  });
});
