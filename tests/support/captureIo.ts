// A CLI command's output captured for a test: what it wrote to stdout and stderr, as one string each.
import type { CliIO } from '../../src/cli/command';

export function captureIo(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
