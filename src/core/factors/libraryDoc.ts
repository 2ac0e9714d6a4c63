// The factor library and operator tables as Markdown, for docs/factors.md (a test keeps the file in step).
import { OPERATORS } from './expression/operators';
import { FACTOR_LIBRARY } from './library';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function libraryMarkdown(): string {
  const rows = FACTOR_LIBRARY.map((f) => `| ${f.name} | ${f.family} | \`${cell(f.expression)}\` | ${cell(f.description)} |`);
  const ops = Object.entries(OPERATORS).map(([name, op]) => `| \`${name}(${op.args.join(', ')})\` | ${op.family} | ${cell(op.doc)} |`);
  return [
    `### Operators (${ops.length})`,
    '',
    '| operator | family | meaning |',
    '|---|---|---|',
    ...ops,
    '',
    `### Library factors (${FACTOR_LIBRARY.length})`,
    '',
    '| name | family | formula | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
