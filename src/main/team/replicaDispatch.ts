// A replica's door to the API. It relays the primary's streams, and answers only what is true here: its own state
// (system, engines) and the primary's latest quotes. Everything else is the primary's: methods that change state, and
// reads of the desk (orders, fills, positions, P&L, limits, breaches, the journal, research) that this process's own
// idle trading node and data directory would answer wrongly. With a forward (serve --primary) those go on to the
// primary, their input checked here first; without one they are refused, naming the primary.
import type { Quote } from '../../core/model/marketData';
import { apiError, validationError } from '../../shared/contracts/errors';
import { isMethodName, workstationContract, type MethodName } from '../../shared/contracts/api';
import { quotesInput } from '../../shared/contracts/market';
import type { Dispatch } from '../api/dispatcher';

export interface ReplicaState {
  /** The latest quote relayed from the primary for each symbol asked (all when undefined), in the order asked. */
  quotes(symbols?: readonly string[]): Quote[];
}

/** What a replica answers itself: everything else is the primary's to answer. */
export const ANSWERED_ON_REPLICA: ReadonlySet<MethodName> = new Set<MethodName>(['system.info', 'system.ping', 'system.recentLog', 'engines.list', 'market.quotes']);

/** `forward` sends a call to the primary (its input valid) and relays the answer; absent, such calls are refused. */
export function replicaDispatch(dispatch: Dispatch, state: ReplicaState, forward?: Dispatch): Dispatch {
  return async (method, input) => {
    // An unknown method goes on to be named as unknown.
    if (isMethodName(method) && !ANSWERED_ON_REPLICA.has(method)) {
      if (forward === undefined) {
        return {
          ok: false,
          error: apiError('FORBIDDEN', `${method} is refused here: this server is a read-only replica that relays the desk's streams; send it to the team's primary server`, { method, replica: true }),
        };
      }
      // The dispatcher's own check, here: a bad input is refused with the primary's words without a round trip.
      const parsed = workstationContract[method].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error, 'input') };
      // The input as the client sent it: the primary parses it itself (defaults, transforms), exactly as for its own clients.
      return forward(method, input ?? {});
    }
    if (method === 'market.quotes') {
      const parsed = quotesInput.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error, 'input') };
      return { ok: true, value: state.quotes(parsed.data.symbols) };
    }
    return dispatch(method, input);
  };
}
