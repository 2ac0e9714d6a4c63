// Reads the app's configuration: the defaults shipped in resources/config, then the trader's overrides in the data directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNever } from '../../core/model/assert';
import { err, ok, type Result } from '../../core/model/result';
import { appConfigOverridesSchema, appConfigSchema, applyConfigOverrides, type AppConfig } from '../../shared/contracts/config';
import { formatPath, type FieldIssue } from '../../shared/contracts/errors';

export const DEFAULT_CONFIG_FILE = join('config', 'default-config.json');
/** The trader's overrides, in the data directory. */
export const OVERRIDES_FILE_NAME = 'config.json';

export type ConfigError =
  | { readonly code: 'CONFIG_UNREADABLE'; readonly file: string; readonly reason: string }
  | { readonly code: 'CONFIG_INVALID'; readonly file: string; readonly issues: readonly FieldIssue[] };

type ReadText = (file: string) => string;
const readText: ReadText = (file) => readFileSync(file, 'utf8');

/** Packaged: `<resources>/config/default-config.json` (extraResources). From source: `<repo>/resources/config/…`. */
export function defaultConfigFile(where: { isPackaged: boolean; resourcesPath: string; appRoot: string }): string {
  return where.isPackaged ? join(where.resourcesPath, DEFAULT_CONFIG_FILE) : join(where.appRoot, 'resources', DEFAULT_CONFIG_FILE);
}

function readJson(file: string, read: ReadText): Result<unknown, ConfigError> {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    return err({ code: 'CONFIG_UNREADABLE', file, reason: (error as Error).message });
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return err({ code: 'CONFIG_UNREADABLE', file, reason: `not JSON: ${(error as Error).message}` });
  }
}

const issuesOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((issue) => ({ path: formatPath(issue.path, 'config'), message: issue.message }));

export function loadDefaultConfig(file: string, read: ReadText = readText): Result<AppConfig, ConfigError> {
  const json = readJson(file, read);
  if (!json.ok) return json;
  const parsed = appConfigSchema.safeParse(json.value);
  return parsed.success ? ok(parsed.data) : err({ code: 'CONFIG_INVALID', file, issues: issuesOf(parsed.error.issues) });
}

/** The defaults with the overrides file laid over them; no overrides file means the defaults as they are. */
export function applyOverridesFile(defaults: AppConfig, file: string, read: ReadText = readText): Result<AppConfig, ConfigError> {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(defaults);
    return err({ code: 'CONFIG_UNREADABLE', file, reason: (error as Error).message });
  }
  const json = readJson(file, () => text);
  if (!json.ok) return json;
  const parsed = appConfigOverridesSchema.safeParse(json.value);
  if (!parsed.success) return err({ code: 'CONFIG_INVALID', file, issues: issuesOf(parsed.error.issues) });
  const merged = appConfigSchema.safeParse(applyConfigOverrides(defaults, parsed.data));
  return merged.success ? ok(merged.data) : err({ code: 'CONFIG_INVALID', file, issues: issuesOf(merged.error.issues) });
}

export function describeConfigError(error: ConfigError): string {
  switch (error.code) {
    case 'CONFIG_UNREADABLE':
      return `cannot read the configuration ${error.file}: ${error.reason}`;
    case 'CONFIG_INVALID':
      return `invalid configuration ${error.file}: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
    default:
      return assertNever(error, 'configuration error');
  }
}
