// The crash reporter keeps its dumps on this machine: started without uploads, or not at all.
import { describe, expect, it, vi } from 'vitest';
import { startCrashReporter } from '../../../../src/main/electron/crashReporter';

describe('startCrashReporter', () => {
  it('local: starts with uploads off and no server', () => {
    const crashReporter = { start: vi.fn() };
    expect(startCrashReporter(crashReporter, 'local', 'Nautilus Workstation')).toBe(true);
    expect(crashReporter.start).toHaveBeenCalledWith({ productName: 'Nautilus Workstation', uploadToServer: false, compress: true });
    expect(crashReporter.start.mock.calls[0]![0]).not.toHaveProperty('submitURL');
  });

  it('off: never starts', () => {
    const crashReporter = { start: vi.fn() };
    expect(startCrashReporter(crashReporter, 'off', 'Nautilus Workstation')).toBe(false);
    expect(crashReporter.start).not.toHaveBeenCalled();
  });
});
