// Navigation and window.open are denied, the CSP forbids eval, and only the app's own frames count as the app.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { ELECTRON_CSP, hardenWebContents, installContentSecurityPolicy, installSecurity, isAppUrl } from '../../../../src/main/electron/security';

const APP = 'app://nautilus/index.html';

function fakeContents() {
  const emitter = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
  emitter.setWindowOpenHandler = vi.fn();
  return emitter;
}

describe('isAppUrl', () => {
  it('accepts the app:// origin and refuses everything else', () => {
    expect(isAppUrl(APP, APP)).toBe(true);
    expect(isAppUrl(`${APP}#/chart`, APP)).toBe(true);
    expect(isAppUrl('app://nautilus/assets/index.js', APP)).toBe(true);
    expect(isAppUrl('app://evil/index.html', APP)).toBe(false);
    expect(isAppUrl('app://nautilus.evil/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///opt/nautilus/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('https://evil.example/', APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });

  it('trusts the dev server by origin, and never an opaque origin such as file://', () => {
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('file:///a/index.html', 'file:///a/index.html')).toBe(false);
    expect(isAppUrl('data:text/html,x', 'data:text/html,x')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('denies navigation away from the app, webviews and every window.open', () => {
    const contents = fakeContents();
    hardenWebContents(contents as unknown as WebContents, APP);

    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();

    const home = { preventDefault: vi.fn() };
    contents.emit('will-navigate', home, APP);
    expect(home.preventDefault).not.toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => { action: string };
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: APP })).toEqual({ action: 'deny' });
  });

  it('hardens every web contents the app creates', () => {
    const app = new EventEmitter();
    installSecurity(app as unknown as App, () => APP);
    const contents = fakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('installContentSecurityPolicy', () => {
  it('adds a CSP without unsafe-eval to every response and denies permission prompts', () => {
    let headersHook: (d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void = () => undefined;
    let permissionHook: (c: unknown, p: string, cb: (granted: boolean) => void) => void = () => undefined;
    const session = {
      webRequest: { onHeadersReceived: (hook: typeof headersHook) => (headersHook = hook) },
      setPermissionRequestHandler: (hook: typeof permissionHook) => (permissionHook = hook),
    };
    installContentSecurityPolicy(session as unknown as Session);
    const reply = vi.fn();
    headersHook({ responseHeaders: { 'X-Other': ['1'] } }, reply);
    expect(reply).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [ELECTRON_CSP] } });
    expect(ELECTRON_CSP).not.toContain('unsafe-eval');
    expect(ELECTRON_CSP).toContain("default-src 'self'");
    const granted = vi.fn();
    permissionHook({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });
});
