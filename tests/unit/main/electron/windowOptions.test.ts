// The desktop window's security switches (Electron cannot run here, so its options are asserted).
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../../src/main/electron/windowOptions';

describe('mainWindowOptions', () => {
  it('isolates the page: context isolation, sandbox, no node, web security, no webview', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
