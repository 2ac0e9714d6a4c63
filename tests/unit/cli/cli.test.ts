// The `nautilus` dispatcher: help, version, unknown commands and bad options exit non-zero with a reason.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { parsePort } from '../../../src/cli/args';

function capture() {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('nautilus CLI', () => {
  it('lists its commands with --help', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/serve\s+start the headless host/);
    expect(io.stdout).toMatch(/version/);
  });
  it('prints the version, as JSON with --json', async () => {
    const io = capture();
    expect(await runCli(['version', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ name: 'nautilus-workstation', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
  it('refuses an unknown command with exit code 2', async () => {
    const io = capture();
    expect(await runCli(['sevre'], io)).toBe(2);
    expect(io.stderr).toContain('unknown command "sevre"');
  });
  it('refuses bad serve options before starting anything', async () => {
    const io = capture();
    expect(await runCli(['serve', '--port', '99999'], io)).toBe(2);
    expect(io.stderr).toContain('--port must be from 0 to 65535');
    const io2 = capture();
    expect(await runCli(['serve', '--colour'], io2)).toBe(2);
    expect(io2.stderr).toContain("Unknown option '--colour'");
  });
  it('parses ports strictly', () => {
    expect(parsePort('4780')).toEqual({ ok: true, value: 4780 });
    expect(parsePort(undefined)).toEqual({ ok: true, value: undefined });
    expect(parsePort('47a')).toMatchObject({ ok: false });
    expect(parsePort('-1')).toMatchObject({ ok: false });
  });
});
