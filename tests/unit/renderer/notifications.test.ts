// Toasts: at most three, and the partial fills of one order share a single toast instead of stacking.
import { beforeEach, describe, expect, it } from 'vitest';
import { notify, useNotifications } from '../../../src/renderer/state/notificationStore';

describe('notifications', () => {
  beforeEach(() => useNotifications.setState({ toasts: [], log: [] }));

  it('replaces a toast with the same key and keeps every entry in the log', () => {
    notify('success', 'Filled BUY 66 X', 'position 66', 'fill:C1');
    notify('success', 'Filled BUY 34 X', 'position 100', 'fill:C1');
    const { toasts, log } = useNotifications.getState();
    expect(toasts.map((t) => t.title)).toEqual(['Filled BUY 34 X']);
    expect(log.map((e) => e.message)).toEqual(['Filled BUY 66 X: position 66', 'Filled BUY 34 X: position 100']);
  });

  it('shows at most three toasts, the newest', () => {
    for (let i = 1; i <= 5; i++) notify('info', `n${i}`);
    expect(useNotifications.getState().toasts.map((t) => t.title)).toEqual(['n3', 'n4', 'n5']);
  });
});
