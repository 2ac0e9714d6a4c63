// The headless host's access token: made per launch, printed in the URL once, then carried by a cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'nautilus_token';

export const newAccessToken = (): string => randomBytes(24).toString('base64url');

export function tokensEqual(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Where a request carries the token: `?token=` (the printed URL, scripts) or the cookie set after it. */
export function presentedToken(request: IncomingMessage, url: URL): { token: string | undefined; fromQuery: boolean } {
  const query = url.searchParams.get('token') ?? undefined;
  if (query) return { token: query, fromQuery: true };
  return { token: cookieValue(request.headers.cookie, TOKEN_COOKIE), fromQuery: false };
}

export const tokenCookie = (token: string): string => `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
