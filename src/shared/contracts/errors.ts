// Errors that cross a process or a socket: serialized as { name, message, code, ...context }.
import type { ZodError } from 'zod';

export interface FieldIssue {
  /** Dotted path of the bad field, e.g. `input.period` or `input.values[3]`. */
  readonly path: string;
  readonly message: string;
}

export type ApiErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNKNOWN_METHOD'
  | 'UNKNOWN_TOPIC'
  | 'BAD_MESSAGE'
  | 'DUPLICATE_SUBSCRIPTION'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'FRAME_TOO_LARGE'
  | 'ENGINE_UNAVAILABLE'
  | 'UNKNOWN_ENGINE'
  | 'DISCONNECTED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  /** The team's user store cannot confirm the caller's token: refused rather than trusted (fail closed). */
  | 'USER_STORE_UNAVAILABLE'
  | 'INTERNAL'
  // A replica forwarding to the team's primary: not reached (nothing sent), the answer of a change lost (it may or
  // may not have happened), or an answer that is not a wire response.
  | 'PRIMARY_UNAVAILABLE'
  | 'PRIMARY_OUTCOME_UNKNOWN'
  | 'PRIMARY_BAD_REPLY';

export interface ApiError {
  readonly name: 'ApiError';
  readonly code: ApiErrorCode | (string & {});
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
  readonly stack?: string;
  readonly [context: string]: unknown;
}

export function apiError(code: ApiError['code'], message: string, context: Record<string, unknown> = {}): ApiError {
  return { ...context, name: 'ApiError', code, message };
}

export function formatPath(path: readonly PropertyKey[], root: string): string {
  let text = root;
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return text;
}

/** Turns a zod failure into issues that name the path of each bad field. */
export function validationError(error: ZodError, root: string): ApiError {
  const issues = error.issues.map((issue) => ({ path: formatPath(issue.path, root), message: issue.message }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return apiError('VALIDATION_FAILED', `invalid ${root}: ${summary}`, { issues });
}

/** Thrown on the client side when a call fails, carrying the server's ApiError. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly detail: ApiError;
  constructor(detail: ApiError) {
    super(detail.message);
    this.name = 'ApiCallError';
    this.code = detail.code;
    this.detail = detail;
  }
}
