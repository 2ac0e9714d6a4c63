// One user's door to the API: each call is checked against the least role its method needs (METHOD_ROLES) and
// against the user's token still standing, so a revocation stops an open socket at its next call.
import { apiError } from '../../shared/contracts/errors';
import { isMethodName } from '../../shared/contracts/api';
import { roleAllows, roleNeededFor } from '../../shared/contracts/roles';
import type { Dispatch } from '../api/dispatcher';
import type { Principal, TokenStanding } from './userTokenStore';

export interface AuthorizationOptions {
  /** Where the user's token stands now (asked on every call, so it must answer from memory or a local read). */
  standing: () => TokenStanding;
  /** Called once when a call finds the token revoked (the host closes the socket). */
  onRevoked: () => void;
}

export function authorizedDispatch(dispatch: Dispatch, principal: Principal, options: AuthorizationOptions): Dispatch {
  let revoked = false;
  return async (method, input) => {
    const standing = revoked ? ({ state: 'revoked' } as const) : options.standing();
    if (standing.state === 'revoked') {
      if (!revoked) options.onRevoked();
      revoked = true;
      return { ok: false, error: apiError('UNAUTHORIZED', `the token of ${principal.user} has been revoked`, { user: principal.user }) };
    }
    // Not known to be revoked, but not known to stand either: refused (fail closed), the socket kept for when it is.
    if (standing.state === 'unconfirmed') {
      return { ok: false, error: apiError('USER_STORE_UNAVAILABLE', `${method} refused: ${standing.reason}`, { user: principal.user, component: 'postgres' }) };
    }
    // An unknown method goes on to the dispatcher, which names it as unknown.
    if (isMethodName(method)) {
      const needed = roleNeededFor(method);
      if (!roleAllows(principal.role, needed)) {
        return { ok: false, error: apiError('FORBIDDEN', `${method} needs the ${needed} role; ${principal.user} is a ${principal.role}`, { method, role: principal.role, needed }) };
      }
    }
    return dispatch(method, input);
  };
}
