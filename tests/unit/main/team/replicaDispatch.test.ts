// A replica's door: what it answers itself, what it forwards (its input checked here first, with the dispatcher's own
// words), and, without a forward, the refusal naming the primary that replicas have always given.
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../../src/main/api/dispatcher';
import { ANSWERED_ON_REPLICA, replicaDispatch } from '../../../../src/main/team/replicaDispatch';
import { workstationContract } from '../../../../src/shared/contracts/api';
import { validationError } from '../../../../src/shared/contracts/errors';

const local: Dispatch = async (method) => ({ ok: true, value: { answeredHere: method } });
const state = { quotes: () => [] };

describe('replicaDispatch', () => {
  it('forwards every method it does not answer itself, with the input as the client sent it', async () => {
    const sent: Array<[unknown, unknown]> = [];
    const dispatch = replicaDispatch(local, state, async (method, input) => (sent.push([method, input]), { ok: true, value: 'from the primary' }));
    const input = { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 5, timeInForce: 'DAY' };
    expect(await dispatch('orders.submit', input)).toEqual({ ok: true, value: 'from the primary' });
    expect(await dispatch('positions.list', undefined)).toEqual({ ok: true, value: 'from the primary' });
    expect(sent).toEqual([['orders.submit', input], ['positions.list', {}]]);
    for (const method of ANSWERED_ON_REPLICA) {
      if (method !== 'market.quotes') expect(await dispatch(method, {})).toEqual({ ok: true, value: { answeredHere: method } });
    }
    expect(await dispatch('market.quotes', {})).toEqual({ ok: true, value: [] });
    // An unknown method is named as unknown here, never sent.
    expect(await dispatch('orders.explode', {})).toEqual({ ok: true, value: { answeredHere: 'orders.explode' } });
    expect(sent).toHaveLength(2);
  });

  it('refuses a bad input here with the words the primary would use, sending nothing', async () => {
    const sent: unknown[] = [];
    const dispatch = replicaDispatch(local, state, async (method) => (sent.push(method), { ok: true, value: null }));
    const bad = { symbol: 'AAPL', side: 'SIDEWAYS', type: 'MARKET', quantity: -1, timeInForce: 'DAY' };
    const parsed = workstationContract['orders.submit'].input.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(await dispatch('orders.submit', bad)).toEqual({ ok: false, error: validationError(parsed.error!, 'input') });
    expect(sent).toEqual([]);
  });

  it('without a forward, refuses them as before, naming the primary', async () => {
    const dispatch = replicaDispatch(local, state);
    expect(await dispatch('orders.list', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', replica: true, method: 'orders.list', message: expect.stringContaining("team's primary server") } });
  });
});
