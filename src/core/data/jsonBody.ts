// Turns a response body into JSON or a DataError that says why not: an HTML/XML page, a body cut mid-way, or garbage.
import { err, ok, type Result } from '../model/result';
import { dataError, type DataError, type DataProvider } from './dataError';

const MARKUP = /^\s*</;

/** First readable line of an HTML/XML page (its <title>, or an S3 <Code>/<Message>), for the error's reason. */
function markupSummary(text: string): string {
  const pick = (tag: string): string | undefined => new RegExp(`<${tag}[^>]*>([^<]{1,200})</${tag}>`, 'i').exec(text)?.[1]?.trim();
  const parts = [pick('title'), pick('Code'), pick('Message'), pick('h1')].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(': ') : text.trim().slice(0, 120);
}

/** A JSON text that ended before its last value closed: unbalanced brackets or an open string. */
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return inString || depth > 0;
}

export function parseJsonBody(provider: DataProvider, request: string, text: string, status?: number): Result<unknown, DataError> {
  if (MARKUP.test(text)) return err(dataError('NOT_JSON', provider, request, markupSummary(text), status));
  if (text.trim().length === 0) return err(dataError('TRUNCATED_BODY', provider, request, 'empty body', status));
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const code = looksTruncated(text) ? 'TRUNCATED_BODY' : 'MALFORMED_BODY';
    return err(dataError(code, provider, request, `${(error as Error).message} (${text.length} characters received)`, status));
  }
}

/** The first zod-style issue as `path: message`, for MALFORMED_BODY reasons. */
export function issuePath(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'unexpected shape';
  return `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
}
