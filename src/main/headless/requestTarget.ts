// Reads a request's Host header and request-target without ever throwing: anything malformed is a 400, a foreign
// host a 403 (DNS rebinding), and only then is there a path to route.
import type { IncomingMessage } from 'node:http';

export type ParsedTarget =
  | { readonly ok: true; readonly pathname: string; readonly searchParams: URLSearchParams }
  | { readonly ok: false; readonly status: 400 | 403; readonly reason: string };

/** host[:port] where host is a DNS name, an IPv4 address or a bracketed IPv6 address (RFC 9110 §7.2). */
const AUTHORITY = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;

const refuse = (status: 400 | 403, reason: string): ParsedTarget => ({ ok: false, status, reason });

function hostHeaders(request: IncomingMessage): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === 'host') values.push(request.rawHeaders[i + 1]!);
  }
  return values;
}

/** The path of a request for one of `allowedHosts` (`host:port` strings), or why it is refused. */
export function parseRequestTarget(request: IncomingMessage, allowedHosts: ReadonlySet<string>): ParsedTarget {
  const hosts = hostHeaders(request);
  if (hosts.length !== 1) return refuse(400, hosts.length === 0 ? 'missing Host header' : `${hosts.length} Host headers`);
  const host = hosts[0]!;
  if (!AUTHORITY.test(host)) return refuse(400, 'malformed Host header');
  if (!allowedHosts.has(host.toLowerCase())) return refuse(403, 'forbidden host');

  const target = request.url ?? '';
  let url: URL;
  try {
    if (target.startsWith('/')) {
      if (target.startsWith('//')) return refuse(400, 'malformed request-target');
      url = new URL(target, `http://${host}`);
    } else if (/^http:\/\//i.test(target)) {
      // absolute-form (RFC 9112 §3.2.2): its authority must be ours too, and agree with Host.
      url = new URL(target);
      if (url.host.toLowerCase() !== host.toLowerCase() || url.username || url.password) return refuse(400, 'request-target authority differs from Host');
    } else {
      return refuse(400, 'malformed request-target');
    }
  } catch {
    return refuse(400, 'malformed request-target');
  }
  return { ok: true, pathname: url.pathname, searchParams: url.searchParams };
}
