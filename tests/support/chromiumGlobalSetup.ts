// Vitest global setup: find (and, for the packaged browser, unpack) Chromium once, before any test
// file runs, so parallel workers never race to unpack it into the same temp file.
import { resolveChromiumPath } from './chromium';

export default async function setup(): Promise<void> {
  process.env.CHROMIUM_PATH = await resolveChromiumPath();
}
