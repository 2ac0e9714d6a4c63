// A replica's door to the API: it serves reads and streams, and refuses every method that would change state (orders,
// limits, routing, stored research), naming the primary, because its own trading node is not the desk's.
import { apiError } from '../../shared/contracts/errors';
import { isMethodName } from '../../shared/contracts/api';
import { roleNeededFor } from '../../shared/contracts/roles';
import type { Dispatch } from '../api/dispatcher';

export function replicaDispatch(dispatch: Dispatch): Dispatch {
  return async (method, input) => {
    // A method a viewer may call changes nothing (roles.ts); an unknown one goes on to be named as unknown.
    if (isMethodName(method) && roleNeededFor(method) !== 'viewer') {
      return {
        ok: false,
        error: apiError('FORBIDDEN', `${method} is refused here: this server is a read-only replica; send it to the team's primary server`, { method, replica: true }),
      };
    }
    return dispatch(method, input);
  };
}
