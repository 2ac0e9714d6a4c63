// The `app://` scheme that serves the built renderer: privileges, the URL → file resolver confined to the renderer folder, the handler.
import type { CustomScheme } from 'electron';
import { isAbsolute, join, relative, resolve, type PlatformPath } from 'node:path';
import { err, ok, type Result } from '../../core/model/result';
import { assertNever } from '../../core/model/assert';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nautilus';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready`: a standard, secure scheme (its own origin, so `'self'` in the CSP and storage work as on
 * https), fetch allowed for the page's own assets; no CSP bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, bypassCSP: false, allowServiceWorkers: false },
};

export type RendererPathRefusal =
  | { readonly code: 'FOREIGN_ORIGIN'; readonly url: string }
  | { readonly code: 'MALFORMED_ENCODING'; readonly segment: string }
  | { readonly code: 'NUL_BYTE'; readonly segment: string }
  | { readonly code: 'DOT_OR_EMPTY_SEGMENT'; readonly segment: string }
  | { readonly code: 'SEPARATOR_IN_SEGMENT'; readonly segment: string }
  | { readonly code: 'DRIVE_OR_STREAM'; readonly segment: string }
  | { readonly code: 'OUTSIDE_RENDERER'; readonly path: string };

const PREFIX = `${APP_ORIGIN}/`;

/**
 * Maps an `app://nautilus/...` URL to a file inside `rendererDir`, or refuses it. Every path segment is decoded once and
 * must then be a plain name: no `.`/`..`, no `/` or `\` (encoded separators), no NUL, no `:` (Windows drives and
 * alternate data streams). The joined path is checked once more to lie under the renderer folder.
 */
export function resolveRendererPath(url: string, rendererDir: string, path: Pick<PlatformPath, 'join' | 'resolve' | 'relative' | 'isAbsolute'> = { join, resolve, relative, isAbsolute }): Result<string, RendererPathRefusal> {
  // Chromium lowercases a standard scheme's scheme and host; anything else is not ours.
  if (!url.startsWith(PREFIX)) return err({ code: 'FOREIGN_ORIGIN', url });
  const end = url.search(/[?#]/);
  const rawPath = url.slice(PREFIX.length, end === -1 ? undefined : end);
  const rawSegments = rawPath === '' ? ['index.html'] : rawPath.split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return err({ code: 'MALFORMED_ENCODING', segment: raw });
    }
    if (segment.includes('\0')) return err({ code: 'NUL_BYTE', segment: raw });
    if (segment === '' || segment === '.' || segment === '..') return err({ code: 'DOT_OR_EMPTY_SEGMENT', segment: raw });
    if (segment.includes('/') || segment.includes('\\')) return err({ code: 'SEPARATOR_IN_SEGMENT', segment: raw });
    if (segment.includes(':')) return err({ code: 'DRIVE_OR_STREAM', segment: raw });
    segments.push(segment);
  }
  const root = path.resolve(rendererDir);
  const file = path.join(root, ...segments);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return err({ code: 'OUTSIDE_RENDERER', path: file });
  return ok(file);
}

/** What the page gets for a refused URL: nothing about the file system, just a status. */
export function refusalStatus(refusal: RendererPathRefusal): 400 | 404 {
  switch (refusal.code) {
    case 'FOREIGN_ORIGIN':
      return 404;
    case 'MALFORMED_ENCODING':
    case 'NUL_BYTE':
    case 'DOT_OR_EMPTY_SEGMENT':
    case 'SEPARATOR_IN_SEGMENT':
    case 'DRIVE_OR_STREAM':
    case 'OUTSIDE_RENDERER':
      return 400;
    default:
      return assertNever(refusal, 'renderer path refusal');
  }
}

export interface AppProtocolOptions {
  rendererDir: string;
  /** Reads one resolved file (Electron: `net.fetch` of its file:// URL); a missing file is a 404 response or a rejection. */
  fetchFile: (file: string) => Promise<Response>;
  /** Set on every response: the renderer's Content-Security-Policy. */
  contentSecurityPolicy: string;
  onRefused?: (url: string, refusal: RendererPathRefusal) => void;
}

/** The `protocol.handle('app', …)` handler: GET/HEAD only, paths resolved as above, the CSP and nosniff on every answer. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const headers = (from?: Headers): Headers => {
    const out = new Headers(from);
    out.set('Content-Security-Policy', options.contentSecurityPolicy);
    out.set('X-Content-Type-Options', 'nosniff');
    return out;
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: headers() });
    const resolved = resolveRendererPath(request.url, options.rendererDir);
    if (!resolved.ok) {
      options.onRefused?.(request.url, resolved.error);
      return new Response(null, { status: refusalStatus(resolved.error), headers: headers() });
    }
    let response: Response;
    try {
      response = await options.fetchFile(resolved.value);
    } catch {
      return new Response(null, { status: 404, headers: headers() });
    }
    return new Response(request.method === 'HEAD' ? null : response.body, { status: response.status, statusText: response.statusText, headers: headers(response.headers) });
  };
}
