// Owns the fake order lifecycle as one (state, event) → state table; any pair not listed is refused.
import type { FakeOrderState } from './types';

export type FakeOrderEvent =
  | 'TRANSMIT'
  | 'TRANSMIT_AWAITING_PARENT'
  | 'PARENT_FILLED'
  | 'MODIFY'
  | 'PARTIAL_FILL'
  | 'FULL_FILL'
  | 'CANCEL';

const TABLE: Readonly<Record<FakeOrderState, Partial<Record<FakeOrderEvent, FakeOrderState>>>> = {
  ApiPending: { TRANSMIT: 'Submitted', TRANSMIT_AWAITING_PARENT: 'PreSubmitted', MODIFY: 'ApiPending', CANCEL: 'Cancelled' },
  PreSubmitted: { PARENT_FILLED: 'Submitted', MODIFY: 'PreSubmitted', CANCEL: 'Cancelled' },
  Submitted: { MODIFY: 'Submitted', PARTIAL_FILL: 'Submitted', FULL_FILL: 'Filled', CANCEL: 'Cancelled' },
  Filled: {},
  Cancelled: {},
  Rejected: {},
};

export function nextOrderState(state: FakeOrderState, event: FakeOrderEvent): FakeOrderState | undefined {
  return TABLE[state][event];
}

export function isTerminal(state: FakeOrderState): boolean {
  return state === 'Filled' || state === 'Cancelled' || state === 'Rejected';
}
