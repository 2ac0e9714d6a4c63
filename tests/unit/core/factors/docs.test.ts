// docs/factors.md carries the library and operator tables exactly as the code defines them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { libraryMarkdown } from '../../../../src/core/factors';

it('the generated tables in docs/factors.md match the library and the operator table', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../../docs/factors.md', import.meta.url)), 'utf8');
  const marker = '## Generated tables';
  const tables = doc.slice(doc.indexOf(marker));
  expect(doc.indexOf(marker)).toBeGreaterThan(0);
  // Regenerate: the part after the marker's paragraph is libraryMarkdown() verbatim.
  expect(tables.endsWith(libraryMarkdown()), 'docs/factors.md is out of date: paste libraryMarkdown() after "## Generated tables"').toBe(true);
});
