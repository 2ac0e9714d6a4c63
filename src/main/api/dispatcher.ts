// The backend boundary: looks up a method, validates its untrusted input, runs it, and serializes any failure.
import { isMethodName, workstationContract, type WorkstationApi } from '../../shared/contracts/api';
import { apiError, validationError } from '../../shared/contracts/errors';
import type { CallReply } from '../../shared/contracts/wire';
import { EngineUnavailableError } from '../engine-host/supervisor';

export type Dispatch = (method: unknown, input: unknown) => Promise<CallReply>;

export function createDispatcher(api: WorkstationApi, onInternalError: (method: string, error: unknown) => void): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: apiError('UNKNOWN_METHOD', `no method named ${JSON.stringify(method)}`, { method: String(method) }) };
    }
    const parsed = workstationContract[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, 'input') };
    try {
      const handler = api[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof EngineUnavailableError) return { ok: false, error: error.detail };
      onInternalError(method, error);
      const e = error as Error;
      return { ok: false, error: { ...apiError('INTERNAL', `${method} failed: ${e?.message ?? String(error)}`), stack: e?.stack } };
    }
  };
}
