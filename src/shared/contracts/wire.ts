// The JSON messages both transports carry (WebSocket frames, IPC payloads). Validated on arrival.
import { z } from 'zod';
import type { ApiError } from './errors';

/**
 * The largest frame a socket accepts from a client (the server's maxPayload). Inputs are capped by their schemas so
 * that any valid call fits in it (see MAX_SERIES_VALUES); a bigger frame is refused by the transport. Parsing and
 * validating a frame happens on the backend's event loop, beside the order path: 4 MiB costs it ~20 ms at most.
 */
export const MAX_CLIENT_FRAME_BYTES = 4 * 1024 * 1024;
/** Room in a frame for everything around a large array: the envelope, the method name, other fields. */
export const FRAME_ENVELOPE_MARGIN_BYTES = 64 * 1024;
/** The longest JSON text of one finite float64 plus its comma: `-2.2250738585072014e-308,`. */
export const MAX_JSON_NUMBER_BYTES = 25;
/** The most numbers one call may carry in an array: even at their longest they fit in one frame with margin. */
export const MAX_SERIES_VALUES = Math.floor((MAX_CLIENT_FRAME_BYTES - FRAME_ENVELOPE_MARGIN_BYTES) / MAX_JSON_NUMBER_BYTES);

/** The WebSocket subprotocol of this API; the browser's session credential travels as a second one beside it. */
export const API_SUBPROTOCOL = 'nautilus.v1';
export const SESSION_SUBPROTOCOL_PREFIX = 'nautilus.session.';
/** Where the page trades the one-time launch token for its session credential (POST), or checks it (GET). */
export const SESSION_PATH = '/session';
/** What a page whose credential is refused should tell the trader. */
export const REOPEN_LAUNCH_URL = 'open the URL printed by `nautilus serve` again (its access token is single-use)';
/** What a page opened with an already-exchanged launch URL (a second tab, a reload of a copied URL) should say. */
export const LAUNCH_URL_SPENT = 'this URL’s access token was already used (by another tab?): use that tab, or restart `nautilus serve` for a new URL';

export const clientMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(128), input: z.unknown() }),
  z.object({ kind: z.literal('subscribe'), id: z.number().int().nonnegative(), topic: z.string().max(256) }),
  z.object({ kind: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type CallReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ApiError };

export type ServerMessage =
  | ({ readonly kind: 'result'; readonly id: number } & CallReply)
  | { readonly kind: 'event'; readonly id: number; readonly topic: string; readonly data: unknown }
  | { readonly kind: 'subscribed'; readonly id: number; readonly error?: ApiError };

const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
/** An ApiError as it travels: a code and a message at least; its context fields pass through as sent. */
export const apiErrorSchema = z
  .object({ name: z.literal('ApiError'), code: z.string().min(1).max(128), message: z.string().max(64 * 1024), issues: z.array(fieldIssueSchema).optional() })
  .passthrough();

/** A call's answer as a server sends it (what a client that forwards calls checks before relaying it). */
export const resultMessageSchema = z.union([
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), ok: z.literal(false), error: apiErrorSchema }).strict(),
]);
