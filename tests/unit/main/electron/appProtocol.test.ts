// The app:// scheme: URLs resolve to files inside the renderer folder only; traversal in every spelling is refused.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  refusalStatus,
  resolveRendererPath,
  type RendererPathRefusal,
} from '../../../../src/main/electron/appProtocol';

const POSIX_ROOT = '/opt/nautilus/resources/app.asar/out/renderer';
const resolvePosix = (url: string) => resolveRendererPath(url, POSIX_ROOT, path.posix);
const refusalOf = (result: ReturnType<typeof resolvePosix>): RendererPathRefusal['code'] | 'RESOLVED' => (result.ok ? 'RESOLVED' : result.error.code);

describe('resolveRendererPath', () => {
  it('maps the entry and asset URLs to files under the renderer folder', () => {
    expect(resolvePosix(APP_ENTRY_URL)).toEqual({ ok: true, value: `${POSIX_ROOT}/index.html` });
    expect(resolvePosix('app://nautilus/')).toEqual({ ok: true, value: `${POSIX_ROOT}/index.html` });
    expect(resolvePosix('app://nautilus')).toEqual({ ok: false, error: { code: 'FOREIGN_ORIGIN', url: 'app://nautilus' } });
    expect(resolvePosix('app://nautilus/assets/index-abc123.js')).toEqual({ ok: true, value: `${POSIX_ROOT}/assets/index-abc123.js` });
    expect(resolvePosix('app://nautilus/assets/font%20file.woff2?v=2#x')).toEqual({ ok: true, value: `${POSIX_ROOT}/assets/font file.woff2` });
    expect(resolvePosix('app://nautilus/index.html#/chart?symbol=AAPL')).toEqual({ ok: true, value: `${POSIX_ROOT}/index.html` });
  });

  it.each([
    ['app://nautilus/../../../etc/passwd', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/assets/../../secret', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/./index.html', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/%2e%2e/%2e%2e/etc/passwd', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/%2E%2E/secret', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/.%2e/secret', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus//etc/passwd', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/assets/', 'DOT_OR_EMPTY_SEGMENT'],
    ['app://nautilus/..%2f..%2fetc%2fpasswd', 'SEPARATOR_IN_SEGMENT'],
    ['app://nautilus/%2fetc%2fpasswd', 'SEPARATOR_IN_SEGMENT'],
    ['app://nautilus/..%5c..%5cwindows%5cwin.ini', 'SEPARATOR_IN_SEGMENT'],
    ['app://nautilus/assets%5C..%5C..%5Csecret', 'SEPARATOR_IN_SEGMENT'],
    ['app://nautilus/index.html%00.png', 'NUL_BYTE'],
    ['app://nautilus/%00', 'NUL_BYTE'],
    ['app://nautilus/%E0%A4%A', 'MALFORMED_ENCODING'],
    ['app://nautilus/%', 'MALFORMED_ENCODING'],
    ['app://nautilus/C:/Windows/win.ini', 'DRIVE_OR_STREAM'],
    ['app://nautilus/c%3A/windows', 'DRIVE_OR_STREAM'],
    ['app://nautilus/index.html::$DATA', 'DRIVE_OR_STREAM'],
    ['app://evil/index.html', 'FOREIGN_ORIGIN'],
    ['app://nautilus.evil.example/index.html', 'FOREIGN_ORIGIN'],
    ['app://nautilus@evil/index.html', 'FOREIGN_ORIGIN'],
    ['file:///etc/passwd', 'FOREIGN_ORIGIN'],
    ['https://nautilus/index.html', 'FOREIGN_ORIGIN'],
    ['/etc/passwd', 'FOREIGN_ORIGIN'],
    ['', 'FOREIGN_ORIGIN'],
  ] as const)('refuses %s (%s)', (url, code) => {
    expect(refusalOf(resolvePosix(url))).toBe(code);
  });

  it('keeps a double-encoded dot segment as a literal name inside the folder (decoded once, never twice)', () => {
    expect(resolvePosix('app://nautilus/%252e%252e/secret')).toEqual({ ok: true, value: `${POSIX_ROOT}/%2e%2e/secret` });
  });

  it('holds on Windows paths too: drive letters, backslashes and UNC roots never escape', () => {
    const root = 'C:\\Program Files\\Nautilus Workstation\\resources\\app.asar\\out\\renderer';
    const win = (url: string) => resolveRendererPath(url, root, path.win32);
    expect(win('app://nautilus/assets/app.js')).toEqual({ ok: true, value: `${root}\\assets\\app.js` });
    expect(refusalOf(win('app://nautilus/..%5C..%5Csecret'))).toBe('SEPARATOR_IN_SEGMENT');
    expect(refusalOf(win('app://nautilus/D:/secret'))).toBe('DRIVE_OR_STREAM');
    expect(refusalOf(win('app://nautilus/%5C%5Cserver%5Cshare'))).toBe('SEPARATOR_IN_SEGMENT');
    expect(refusalOf(win('app://nautilus/../secret'))).toBe('DOT_OR_EMPTY_SEGMENT');
  });

  it('every resolved path lies under the renderer folder, whatever the URL (fuzzed segments)', () => {
    const pieces = ['..', '.', '%2e', '%2E%2e', '%2f', '%5c', 'a', 'b.js', '%00', ':', 'C:', '%25', '', '~', '...', '%c0%ae'];
    let resolved = 0;
    for (const a of pieces) for (const b of pieces) for (const c of pieces) {
      const result = resolvePosix(`app://nautilus/${a}/${b}/${c}`);
      if (!result.ok) continue;
      resolved++;
      expect(result.value.startsWith(`${POSIX_ROOT}/`)).toBe(true);
      expect(path.posix.relative(POSIX_ROOT, result.value).split('/')).not.toContain('..');
    }
    expect(resolved).toBeGreaterThan(0);
  });

  it('answers 404 for foreign origins and 400 for malformed paths', () => {
    expect(refusalStatus({ code: 'FOREIGN_ORIGIN', url: 'x' })).toBe(404);
    expect(refusalStatus({ code: 'DOT_OR_EMPTY_SEGMENT', segment: '..' })).toBe(400);
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers a standard, secure scheme that cannot bypass the CSP or run service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, bypassCSP: false, allowServiceWorkers: false },
    });
  });
});

describe('createAppProtocolHandler over a real renderer folder', () => {
  let root: string;
  let rendererDir: string;
  const refused: string[] = [];
  const fetchFile = async (file: string) => new Response(readFileSync(file), { headers: { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/javascript' } });
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'nautilus-app-protocol-'));
    rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
    writeFileSync(join(root, 'renderer-evil.txt'), 'SIBLING SECRET');
    handle = createAppProtocolHandler({ rendererDir, fetchFile, contentSecurityPolicy: "default-src 'self'", onRefused: (url, r) => refused.push(`${r.code} ${url}`) });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the page and its assets with the CSP and nosniff', async () => {
    const page = await handle(new Request('app://nautilus/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    expect(page.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(page.headers.get('Content-Type')).toBe('text/html');
    expect(await (await handle(new Request('app://nautilus/assets/app.js'))).text()).toBe('console.log(1)');
  });

  it('never returns a file outside the renderer folder', async () => {
    // Request (like Chromium) already folds %2e%2e into `..` and removes it: that one ends up as a 404 inside the folder.
    const urls = ['app://nautilus/%2e%2e/secret.txt', 'app://nautilus/..%2fsecret.txt', 'app://nautilus/..%2frenderer-evil.txt', `app://nautilus/${encodeURIComponent(join(root, 'secret.txt'))}`];
    const statuses: number[] = [];
    for (const url of urls) {
      const response = await handle(new Request(url));
      statuses.push(response.status);
      expect(await response.text()).toBe('');
      expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    }
    expect(statuses).toEqual([404, 400, 400, 400]);
    expect(refused).toEqual([
      'SEPARATOR_IN_SEGMENT app://nautilus/..%2fsecret.txt',
      'SEPARATOR_IN_SEGMENT app://nautilus/..%2frenderer-evil.txt',
      `SEPARATOR_IN_SEGMENT app://nautilus/${encodeURIComponent(join(root, 'secret.txt'))}`,
    ]);
  });

  it('answers 404 for a missing file, 405 for anything but GET and HEAD', async () => {
    expect((await handle(new Request('app://nautilus/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://nautilus/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://nautilus/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
