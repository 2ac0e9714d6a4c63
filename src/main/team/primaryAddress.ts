// Where a replica finds the team's primary: the URL given to `serve --primary`, checked once at start, and the two
// addresses derived from it (the API socket calls are forwarded on, and the liveness probe /health watches).
import { err, ok, type Result } from '../../core/model/result';

export interface PrimaryAddress {
  /** The primary as given, normalized (scheme, host, port): what errors and /health name. */
  readonly url: string;
  /** Its API socket: ws://host:port/api (wss:// behind TLS). */
  readonly api: string;
  /** Its liveness probe: http://host:port/health/live (https:// behind TLS). */
  readonly live: string;
}

const SCHEMES: Record<string, { ws: string; http: string }> = {
  'http:': { ws: 'ws:', http: 'http:' },
  'ws:': { ws: 'ws:', http: 'http:' },
  'https:': { ws: 'wss:', http: 'https:' },
  'wss:': { ws: 'wss:', http: 'https:' },
};

/** `http://host:port` as `nautilus serve` prints it (or ws://, https://, wss://), or why it is not one. */
export function parsePrimaryUrl(text: string): Result<PrimaryAddress, string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(`"${text}" is not a URL (expected http://host:port, or https://name behind a TLS proxy)`);
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) return err(`"${text}": the scheme must be http, https, ws or wss (http://host:port as the primary's serve printed it)`);
  if (url.username || url.password) return err(`"${text}": no credentials in the URL (each user's own travels with each call)`);
  if ((url.pathname !== '/' && url.pathname !== '/api') || url.search || url.hash) return err(`"${text}": give the server's address only (no path, query or fragment)`);
  const authority = url.host;
  return ok({ url: `${scheme.http}//${authority}`, api: `${scheme.ws}//${authority}/api`, live: `${scheme.http}//${authority}/health/live` });
}
