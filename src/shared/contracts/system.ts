// System information and the log stream.
import { z } from 'zod';
import { empty } from './schemas';

export const systemInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'headless']),
  dataDir: z.string(),
  startedAt: z.number(),
  engines: z.array(z.string()),
  /** A team research queue is configured: sweeps and factor runs can be sent to `nautilus worker`s (`on: 'queue'`). */
  researchQueue: z.boolean(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export const logEntrySchema = z.object({
  time: z.number(),
  level: z.enum(LOG_LEVELS),
  source: z.string(),
  message: z.string(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const systemContract = {
  'system.info': { input: empty, output: systemInfoSchema },
  'system.ping': { input: empty, output: z.object({ time: z.number() }) },
  'system.recentLog': { input: empty, output: z.array(logEntrySchema) },
} as const;
