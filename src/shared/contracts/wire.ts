// The JSON messages both transports carry (WebSocket frames, IPC payloads). Validated on arrival.
import { z } from 'zod';
import type { ApiError } from './errors';

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
