// Navigation, new windows and the Content-Security-Policy for every web contents the app creates.
import type { App, Session, WebContents } from 'electron';
import { APP_SCHEME } from './appProtocol';

export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * True only for the app's own pages: the `app://nautilus` origin (built app) or the dev server's origin. Any other URL —
 * file://, another scheme, another host — is not the app. (Node's URL gives non-special schemes such as app: and file: the
 * opaque origin 'null', so those are compared by scheme and host, and an opaque app URL trusts nothing.)
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === `${APP_SCHEME}:`) return target.protocol === app.protocol && target.host === app.host && app.host !== '';
  if (app.origin === 'null') return false;
  return target.origin === app.origin;
}

export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installSecurity(app: App, appUrl: () => string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl()));
}

export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
  // The workstation needs no camera, microphone, notifications prompt or geolocation.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
