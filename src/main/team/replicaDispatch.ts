// A replica's door to the API: it serves reads and streams, and refuses every method that would change state (orders,
// limits, routing, stored research), naming the primary, because its own trading node is not the desk's. Its quote
// snapshot is the primary's (the latest relayed per symbol), never its own simulated market's.
import type { Quote } from '../../core/model/marketData';
import { apiError, validationError } from '../../shared/contracts/errors';
import { isMethodName } from '../../shared/contracts/api';
import { quotesInput } from '../../shared/contracts/market';
import { roleNeededFor } from '../../shared/contracts/roles';
import type { Dispatch } from '../api/dispatcher';

export interface ReplicaState {
  /** The latest quote relayed from the primary for each symbol asked (all when undefined), in the order asked. */
  quotes(symbols?: readonly string[]): Quote[];
}

export function replicaDispatch(dispatch: Dispatch, state: ReplicaState): Dispatch {
  return async (method, input) => {
    // A method a viewer may call changes nothing (roles.ts); an unknown one goes on to be named as unknown.
    if (isMethodName(method) && roleNeededFor(method) !== 'viewer') {
      return {
        ok: false,
        error: apiError('FORBIDDEN', `${method} is refused here: this server is a read-only replica; send it to the team's primary server`, { method, replica: true }),
      };
    }
    if (method === 'market.quotes') {
      const parsed = quotesInput.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error, 'input') };
      return { ok: true, value: state.quotes(parsed.data.symbols) };
    }
    return dispatch(method, input);
  };
}
