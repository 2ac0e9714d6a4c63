// The IPC messages between `nautilus bench serve` and its server process (serveBenchHost.ts), checked on arrival.
import { z } from 'zod';

export const SERVER_KINDS = ['workstation', 'bare'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const hostRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory') }),
  z.object({ type: z.literal('window-start') }),
  /** The clients' window in wall-clock ms: the server counts the quotes it published inside it. */
  z.object({ type: z.literal('window-end'), from: z.number().finite(), to: z.number().finite() }),
  z.object({ type: z.literal('quit') }),
]);
export type HostRequest = z.infer<typeof hostRequestSchema>;

const count = z.number().int().nonnegative();
const bytes = z.number().finite().positive();

export const hostReplySchema = z.discriminatedUnion('type', [
  /** Listening and publishing: where, and the launch token (empty for the bare server). */
  z.object({ type: z.literal('ready'), port: z.number().int().min(1).max(65_535), token: z.string() }),
  /** After a GC: resident memory of the whole process (engine threads included), and the main isolate's heap in use
   *  plus its off-heap buffers (where sockets, sessions and subscriptions live). */
  z.object({ type: z.literal('memory'), rss: bytes, heap: bytes }),
  z.object({ type: z.literal('window-started') }),
  /** CPU the whole server process used between window-start and window-end (over elapsedMs), the quotes it published
   *  within the clients' window, the sockets open at its end, and how late its event loop ran (p99, max). */
  z.object({ type: z.literal('window-ended'), cpuMs: z.number().finite().nonnegative(), elapsedMs: z.number().finite().positive(), published: count, clients: count, loopDelayP99Ms: z.number().finite().nonnegative(), loopDelayMaxMs: z.number().finite().nonnegative() }),
]);
export type HostReply = z.infer<typeof hostReplySchema>;
