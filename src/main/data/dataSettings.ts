// Data connector settings in the data directory (data-settings.json): base URL per provider and the SEC User-Agent. No secrets.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DATA_PROVIDERS, type DataProvider } from '../../core/data/dataError';
import { err, ok, type Result } from '../../core/model/result';
import { isDeclaredUserAgent } from './edgar/edgarConnector';
import { parseBaseUrl } from './providers';

export const DATA_SETTINGS_FILE = 'data-settings.json';

const baseUrl = z.string().refine((s) => parseBaseUrl(s).ok, 'an http(s) origin: scheme, host and port only');
const settingsSchema = z
  .object({
    baseUrls: z.partialRecord(z.enum(DATA_PROVIDERS as [DataProvider, ...DataProvider[]]), baseUrl).default({}),
    secUserAgent: z.string().refine(isDeclaredUserAgent, 'must name a contact email').optional(),
  })
  .strict();

export type DataSettings = z.infer<typeof settingsSchema>;

export type DataSettingsError = { readonly code: 'DATA_SETTINGS_INVALID'; readonly file: string; readonly reason: string };

export function readDataSettings(dataDir: string): Result<DataSettings, DataSettingsError> {
  const file = join(dataDir, DATA_SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ baseUrls: {} });
    return err({ code: 'DATA_SETTINGS_INVALID', file, reason: (error as Error).message });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err({ code: 'DATA_SETTINGS_INVALID', file, reason: `not JSON: ${(error as Error).message}` });
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ code: 'DATA_SETTINGS_INVALID', file, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message}` });
  }
  return ok(parsed.data);
}

/** Validates then writes the whole settings file (temporary file + rename). */
export function writeDataSettings(dataDir: string, settings: DataSettings): Result<void, DataSettingsError> {
  const file = join(dataDir, DATA_SETTINGS_FILE);
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ code: 'DATA_SETTINGS_INVALID', file, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message}` });
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(parsed.data, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return ok(undefined);
}
