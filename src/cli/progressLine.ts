// Progress of a long CLI run on standard error. On a terminal one line is redrawn in place (`\r`); anywhere else
// (a pipe, a log file, CI) redrawing would run every update together on one line, so whole lines are written
// instead: the first update, then one each time another tenth is done, and the last.
import type { CliIO } from './command';

export interface ProgressLine {
  /** `done` of `total` finished; `label` names what just finished (a symbol, a factor). */
  update(done: number, total: number, label?: string): void;
  /** Ends the run's progress: closes the redrawn line on a terminal (nothing to close elsewhere). */
  end(): void;
}

const count = (n: number) => n.toLocaleString('en-US');

export function progressLine(io: CliIO): ProgressLine {
  const redraw = io.errIsTerminal === true;
  let drawn = false;
  let lastTenth = -1;
  return {
    update(done, total, label) {
      const text = `${count(done)}/${count(total)}${label ? ` ${label}` : ''}`;
      if (redraw) {
        io.err(`\r${text.padEnd(60)}`);
        drawn = true;
        return;
      }
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
      io.err(`${text}\n`);
    },
    end() {
      if (drawn) io.err('\n');
      drawn = false;
    },
  };
}
