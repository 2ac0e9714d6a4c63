// IB connection profiles: the validated (host, port, client id) settings shape and the standard TWS / Gateway presets.
import { err, ok, type Result } from '../../../core/model/result';
import { IB_DEFAULT_PORTS, ibConnectionProfileSchema, type IbConnectionProfile, type IbPlatformMode } from '../../../shared/contracts/ib';
import { formatPath } from '../../../shared/contracts/errors';

export { IB_DEFAULT_PORTS, ibConnectionProfileSchema, type IbConnectionProfile, type IbPlatformMode };

export interface InvalidProfile {
  readonly code: 'INVALID_IB_PROFILE';
  readonly issues: readonly { readonly path: string; readonly message: string }[];
}

/** Parses untrusted input (settings file, API call) into a profile, naming the path of every bad field. */
export function parseConnectionProfile(input: unknown): Result<IbConnectionProfile, InvalidProfile> {
  const parsed = ibConnectionProfileSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err({ code: 'INVALID_IB_PROFILE', issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path, 'profile'), message: i.message })) });
}

/** A profile for the local TWS or Gateway in paper or live mode. */
export function presetProfile(mode: IbPlatformMode, clientId: number, host = '127.0.0.1'): IbConnectionProfile {
  return { name: mode.toLowerCase().replace('_', '-'), host, port: IB_DEFAULT_PORTS[mode], clientId };
}

/** True when the port is one of the live-trading defaults (a UI should make that obvious). */
export const isLivePort = (profile: IbConnectionProfile): boolean =>
  profile.port === IB_DEFAULT_PORTS.TWS_LIVE || profile.port === IB_DEFAULT_PORTS.GATEWAY_LIVE;
