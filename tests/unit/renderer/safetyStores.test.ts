// The stores behind order safety: "don't ask again" per action, and the single-key opt-in for trading hotkeys.
import { describe, expect, it } from 'vitest';
import { useConfirm } from '../../../src/renderer/state/confirmStore';
import { DEFAULT_BINDINGS } from '../../../src/renderer/state/hotkeys';
import { useHotkeys } from '../../../src/renderer/state/hotkeyStore';

describe('confirmations', () => {
  it('asks every time until the trader skips that one action; other actions still ask', () => {
    let ran = 0;
    const request = { title: 'Flatten X?', message: 'Flatten X: sell 1 at market', confirmLabel: 'Flatten', skippable: 'positions.flatten' as const, onConfirm: () => void ran++ };
    useConfirm.getState().ask(request);
    expect(useConfirm.getState().request).toBe(request);
    expect(ran).toBe(0);
    useConfirm.getState().close();
    useConfirm.getState().setSkipped('positions.flatten', true);
    useConfirm.getState().ask(request);
    expect(useConfirm.getState().request).toBeNull();
    expect(ran).toBe(1);
    const cancelAll = { ...request, skippable: 'orders.cancelAll' as const };
    useConfirm.getState().ask(cancelAll);
    expect(useConfirm.getState().request).toBe(cancelAll);
    // Without `skippable` (a live connect, a precautionary check) it always asks.
    useConfirm.getState().close();
    const always = { title: 'Connect LIVE?', message: 'm', confirmLabel: 'c', onConfirm: () => void ran++ };
    useConfirm.getState().ask(always);
    expect(useConfirm.getState().request).toBe(always);
    useConfirm.getState().close();
    useConfirm.getState().setSkipped('positions.flatten', false);
  });
});

describe('single-key hotkeys', () => {
  it('refuse a single key until opted in; opting out puts single keys back on their chords', () => {
    const store = useHotkeys.getState();
    expect(store.singleKeys).toBe(false);
    expect(store.rebind('positions.flatten', 'F')).toEqual({ ok: false, error: { code: 'SINGLE_KEY_OFF', combo: 'F' } });
    store.setSingleKeys(true);
    expect(useHotkeys.getState().rebind('positions.flatten', 'F').ok).toBe(true);
    expect(useHotkeys.getState().bindings['positions.flatten']).toBe('F');
    useHotkeys.getState().rebind('ticket.buy', 'Ctrl+B');
    useHotkeys.getState().setSingleKeys(false);
    expect(useHotkeys.getState().bindings).toEqual({ ...DEFAULT_BINDINGS, 'ticket.buy': 'Ctrl+B' });
  });
});
