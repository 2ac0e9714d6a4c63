// The crash reporter: minidumps stay on this machine (the data directory's crashes/ folder), never uploaded.
import type { CrashReporter } from 'electron';
import { assertNever } from '../../core/model/assert';
import type { AppConfig } from '../../shared/contracts/config';

export type CrashReporterApi = Pick<CrashReporter, 'start'>;

/** Call before `ready` (after main.ts has pointed the `crashDumps` path at the data directory). True when started. */
export function startCrashReporter(crashReporter: CrashReporterApi, mode: AppConfig['crashReporter']['mode'], productName: string): boolean {
  switch (mode) {
    case 'local':
      crashReporter.start({ productName, uploadToServer: false, compress: true });
      return true;
    case 'off':
      return false;
    default:
      return assertNever(mode, 'crash reporter mode');
  }
}
