// Reads the recorded provider responses in tests/fixtures/data (gzip-compressed when over 1 MB) as text or JSON.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const DATA_FIXTURES = join(__dirname, '../fixtures/data');

/** The body of `provider/name` (name without `.gz`), decompressed when stored gzipped. */
export function fixtureText(path: string): string {
  const file = join(DATA_FIXTURES, path);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  return gunzipSync(readFileSync(`${file}.gz`)).toString('utf8');
}

export const fixtureJson = (path: string): unknown => JSON.parse(fixtureText(path));

/** Every fixture of a provider folder (names without `.gz`). */
export function fixtureNames(folder: string): string[] {
  return readdirSync(join(DATA_FIXTURES, folder))
    .filter((n) => n.endsWith('.json') || n.endsWith('.json.gz') || n.endsWith('.xml') || n.endsWith('.html'))
    .map((n) => n.replace(/\.gz$/, ''))
    .sort();
}
