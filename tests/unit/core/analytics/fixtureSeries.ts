// Reads the real daily series in tests/fixtures/analytics (see tests/reference/build_analytics_fixtures.py).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ANALYTICS_FIXTURES = fileURLToPath(new URL('../../../fixtures/analytics', import.meta.url));

export function readFixtureCsv(name: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(join(ANALYTICS_FIXTURES, name), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return rows.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i]!, v])));
}

/** A date,<column> file as epoch-ms times (UTC midnight) and values, with the raw rows. */
export function fixtureLevels(name: string, column: string): { times: number[]; values: number[]; rows: Record<string, string>[] } {
  const rows = readFixtureCsv(name);
  return { times: rows.map((r) => Date.parse(r.date!)), values: rows.map((r) => Number(r[column])), rows };
}
