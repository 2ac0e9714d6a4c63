// The app's configuration: the shape of resources/config/default-config.json and of the trader's overrides file.
import { z } from 'zod';
import { finite } from './schemas';

/** The venues an order can be routed to by default: the built-in simulated exchange, or Interactive Brokers. */
export const CONFIG_VENUES = ['SIM', 'IB'] as const;

/** `local`: crash dumps are written to the data directory and never uploaded; `off`: no crash reporter. */
export const CRASH_REPORTER_MODES = ['local', 'off'] as const;

const httpsUrl = z.string().refine(
  (text) => {
    try {
      return new URL(text).protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an https:// URL' },
);

/** `local` (the machine's zone) or an IANA zone name the runtime knows, such as `America/New_York`. */
const timeZone = z.string().refine(
  (zone) => {
    if (zone === 'local') return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be 'local' or an IANA time zone such as 'Europe/London'" },
);

const headless = z.object({ host: z.string().min(1), port: z.number().int().min(0).max(65_535) }).strict();
const trading = z.object({ defaultVenue: z.enum(CONFIG_VENUES) }).strict();
/** The update feed is a generic electron-updater feed; null keeps updates off (the default). */
const updates = z.object({ feedUrl: httpsUrl.nullable() }).strict();
const crashReporter = z.object({ mode: z.enum(CRASH_REPORTER_MODES) }).strict();
const ui = z.object({ scale: finite().min(0.5).max(3), timeZone }).strict();

export const appConfigSchema = z
  .object({
    version: z.literal(1),
    /** null: the OS's per-user app-data folder (see src/main/dataDir.ts). */
    dataDir: z.string().min(1).nullable(),
    headless,
    trading,
    updates,
    crashReporter,
    ui,
  })
  .strict();
export type AppConfig = z.infer<typeof appConfigSchema>;

/** The trader's overrides (`config.json` in the data directory): any section, any field of it; never the data directory. */
export const appConfigOverridesSchema = z
  .object({
    headless: headless.partial().optional(),
    trading: trading.partial().optional(),
    updates: updates.partial().optional(),
    crashReporter: crashReporter.partial().optional(),
    ui: ui.partial().optional(),
  })
  .strict();
export type AppConfigOverrides = z.infer<typeof appConfigOverridesSchema>;

/** Overrides laid over the defaults, field by field within each section. */
export function applyConfigOverrides(defaults: AppConfig, overrides: AppConfigOverrides): AppConfig {
  return {
    ...defaults,
    headless: { ...defaults.headless, ...overrides.headless },
    trading: { ...defaults.trading, ...overrides.trading },
    updates: { ...defaults.updates, ...overrides.updates },
    crashReporter: { ...defaults.crashReporter, ...overrides.crashReporter },
    ui: { ...defaults.ui, ...overrides.ui },
  };
}
