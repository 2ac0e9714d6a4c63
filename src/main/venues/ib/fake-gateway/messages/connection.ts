// Owns the encoders for connection-level replies: server hello, managed accounts, next valid id, current time, errors.
import { IN } from '../../wire/messageIds';
import type { WireField } from '../../wire/frameCodec';

/** The first frame: server version and connection time; no message id. */
export const serverHello = (version: number, connectionTime: string): WireField[] => [version, connectionTime];

export const managedAccounts = (accounts: readonly string[]): WireField[] => [IN.MANAGED_ACCTS, 1, accounts.join(',')];

export const nextValidId = (orderId: number): WireField[] => [IN.NEXT_VALID_ID, 1, orderId];

export const currentTime = (epochSeconds: number): WireField[] => [IN.CURRENT_TIME, 1, epochSeconds];

/**
 * ERR_MSG version 2 at server 193: id, code, text, advancedOrderReject JSON. Id -1 makes the client
 * report it as `info`; any other id (order or request id) as `error`.
 */
export const errorMessage = (id: number, code: number, message: string): WireField[] => [IN.ERR_MSG, 2, id, code, message, ''];

/** The farm-status notices a real gateway sends right after connecting. */
export const FARM_STATUS_NOTICES: ReadonlyArray<readonly [number, string]> = [
  [2104, 'Market data farm connection is OK:usfarm'],
  [2106, 'HMDS data farm connection is OK:ushmds'],
  [2158, 'Sec-def data farm connection is OK:secdefnj'],
];

export const CONNECTIVITY_NOTICES: Readonly<Record<1100 | 1101 | 1102, string>> = {
  1100: 'Connectivity between IB and Trader Workstation has been lost.',
  1101: 'Connectivity between IB and Trader Workstation has been restored - data lost.',
  1102: 'Connectivity between IB and Trader Workstation has been restored - data maintained.',
};
