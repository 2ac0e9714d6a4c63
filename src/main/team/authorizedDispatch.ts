// One user's door to the API: each call is checked against the least role its method needs (METHOD_ROLES) and
// against the user's token still standing, so a revocation stops an open socket at its next call.
import { apiError } from '../../shared/contracts/errors';
import { isMethodName } from '../../shared/contracts/api';
import { roleAllows, roleNeededFor } from '../../shared/contracts/roles';
import type { Dispatch } from '../api/dispatcher';
import type { Principal } from './userTokens';

export interface AuthorizationOptions {
  /** False once the user's token is revoked. */
  stillValid: () => boolean;
  /** Called once when a call finds the token revoked (the host closes the socket). */
  onRevoked: () => void;
}

export function authorizedDispatch(dispatch: Dispatch, principal: Principal, options: AuthorizationOptions): Dispatch {
  let revoked = false;
  return async (method, input) => {
    if (revoked || !options.stillValid()) {
      if (!revoked) options.onRevoked();
      revoked = true;
      return { ok: false, error: apiError('UNAUTHORIZED', `the token of ${principal.user} has been revoked`, { user: principal.user }) };
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
