// CLI progress: redrawn in place on a terminal, whole lines (first, each tenth, last) anywhere else.
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { progressLine } from '../../../src/cli/progressLine';

const capture = (errIsTerminal: boolean) => {
  let err = '';
  const io: CliIO = { out: () => undefined, err: (text) => void (err += text), errIsTerminal };
  return { io, err: () => err };
};

describe('progressLine', () => {
  it('writes whole lines off a terminal: the first update, one per tenth, and the last', () => {
    const { io, err } = capture(false);
    const progress = progressLine(io);
    for (let done = 1; done <= 1_000; done++) progress.update(done, 1_000, 'SYM');
    progress.end();
    const lines = err().split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual(['1/1,000 SYM', '100/1,000 SYM', '200/1,000 SYM', '300/1,000 SYM', '400/1,000 SYM', '500/1,000 SYM', '600/1,000 SYM', '700/1,000 SYM', '800/1,000 SYM', '900/1,000 SYM', '1,000/1,000 SYM']);
    expect(err()).not.toContain('\r');
  });

  it('redraws one line on a terminal and closes it at the end', () => {
    const { io, err } = capture(true);
    const progress = progressLine(io);
    progress.update(1, 3);
    progress.update(2, 3);
    progress.update(3, 3);
    progress.end();
    expect(err().split('\r').slice(1).map((s) => s.trimEnd())).toEqual(['1/3', '2/3', '3/3']);
    expect(err().endsWith('\n')).toBe(true);
    expect(err().split('\n')).toHaveLength(2);
  });

  it('writes nothing at the end when nothing was drawn', () => {
    const { io, err } = capture(true);
    progressLine(io).end();
    expect(err()).toBe('');
  });
});
