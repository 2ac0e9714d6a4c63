// Parses SEC EDGAR: the ticker → CIK map, company submissions (recent and paged) and XBRL company facts, normalized.
import { z } from 'zod';
import { err, ok, type Result } from '../model/result';
import { dataError, type DataError } from './dataError';
import { parseIsoDate } from './exchangeDate';
import { resolveDuplicateFacts, type FetchedFundamentals, type FundamentalFact } from './fundamentals';
import { issuePath } from './jsonBody';

export interface TickerEntry {
  readonly cik: number;
  readonly ticker: string;
  readonly title: string;
}

const tickersSchema = z.record(z.string(), z.object({ cik_str: z.number().int().positive(), ticker: z.string(), title: z.string() }));

/** `company_tickers.json` as a map from upper-case ticker to its entry. */
export function parseTickerMap(json: unknown, request: string): Result<Map<string, TickerEntry>, DataError> {
  const parsed = tickersSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'edgar', request, issuePath(parsed.error.issues)));
  const map = new Map<string, TickerEntry>();
  for (const e of Object.values(parsed.data)) {
    const ticker = e.ticker.toUpperCase();
    if (!map.has(ticker)) map.set(ticker, { cik: e.cik_str, ticker, title: e.title });
  }
  return ok(map);
}

/** SEC file names pad the CIK to ten digits: CIK0000320193. */
export const paddedCik = (cik: number): string => String(cik).padStart(10, '0');

export interface Filing {
  readonly accession: string;
  readonly form: string;
  readonly filed: number;
  readonly reportDate: number | null;
}

const columns = z.object({ accessionNumber: z.array(z.string()), form: z.array(z.string()), filingDate: z.array(z.string()), reportDate: z.array(z.string()) });
const submissionsSchema = z.union([
  z.object({ cik: z.union([z.string(), z.number()]), name: z.string(), filings: z.object({ recent: columns, files: z.array(z.object({ name: z.string() })) }) }),
  columns,
]);

export interface Submissions {
  readonly name: string | null;
  readonly filings: readonly Filing[];
  /** Older pages (`CIK…-submissions-001.json`) still to fetch. */
  readonly morePages: readonly string[];
}

/** A submissions document, or one of its paged files (which carry the columnar arrays at the top level). */
export function parseSubmissions(json: unknown, request: string): Result<Submissions, DataError> {
  const parsed = submissionsSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'edgar', request, issuePath(parsed.error.issues)));
  const doc = parsed.data;
  const cols = 'filings' in doc ? doc.filings.recent : doc;
  const filings: Filing[] = [];
  for (let i = 0; i < cols.accessionNumber.length; i++) {
    const filed = parseIsoDate(cols.filingDate[i] ?? '');
    if (filed === undefined) return err(dataError('MALFORMED_BODY', 'edgar', request, `filingDate[${i}] "${cols.filingDate[i]}" is not a date`));
    filings.push({ accession: cols.accessionNumber[i]!, form: cols.form[i] ?? '', filed, reportDate: parseIsoDate(cols.reportDate[i] ?? '') ?? null });
  }
  return ok({ name: 'filings' in doc ? doc.name : null, filings, morePages: 'filings' in doc ? doc.filings.files.map((f) => f.name) : [] });
}

const factSchema = z.object({
  start: z.string().optional(),
  end: z.string(),
  val: z.number().finite(),
  accn: z.string(),
  fy: z.number().int().nullable().optional(),
  fp: z.string().nullable().optional(),
  form: z.string(),
  filed: z.string(),
});
const companyFactsSchema = z.object({
  cik: z.union([z.number(), z.string()]),
  entityName: z.string(),
  facts: z.record(z.string(), z.record(z.string(), z.object({ units: z.record(z.string(), z.array(factSchema)) }).passthrough())),
});

/** XBRL company facts normalized to (taxonomy, concept, unit, start, end, value, fy, fp, form, filed, accession), duplicates resolved. */
export function parseCompanyFacts(json: unknown, symbol: string, request: string): Result<FetchedFundamentals, DataError> {
  const parsed = companyFactsSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'edgar', request, issuePath(parsed.error.issues)));
  const facts: FundamentalFact[] = [];
  for (const [taxonomy, concepts] of Object.entries(parsed.data.facts)) {
    for (const [concept, { units }] of Object.entries(concepts)) {
      for (const [unit, rows] of Object.entries(units)) {
        for (const [i, f] of rows.entries()) {
          const end = parseIsoDate(f.end);
          const filed = parseIsoDate(f.filed);
          const start = f.start === undefined ? null : parseIsoDate(f.start);
          if (end === undefined || filed === undefined || start === undefined) {
            return err(dataError('MALFORMED_BODY', 'edgar', request, `facts.${taxonomy}.${concept}.units.${unit}.${i}: bad date`));
          }
          facts.push({ taxonomy, concept, unit, start, end, value: f.val, fy: f.fy ?? null, fp: f.fp ?? null, form: f.form, filed, accession: f.accn });
        }
      }
    }
  }
  const resolved = resolveDuplicateFacts(facts);
  return ok({
    kind: 'fundamentals',
    symbol,
    entity: parsed.data.entityName,
    cik: Number(parsed.data.cik),
    facts: resolved.facts,
    duplicatesDropped: resolved.dropped,
  });
}

/** SEC answers an unknown CIK with an S3 XML `NoSuchKey` (404), and a missing archive path with `AccessDenied` (403). */
export function edgarStatusError(status: number, request: string, reason: string): DataError {
  if (status === 404) return dataError('UNKNOWN_ID', 'edgar', request, reason, status);
  if (status === 403) return dataError('BAD_REQUEST', 'edgar', request, `${reason} (SEC refuses undeclared tools and missing paths with 403)`, status);
  if (status === 429) return dataError('RATE_LIMITED', 'edgar', request, reason, status);
  if (status >= 500) return dataError('SERVER_ERROR', 'edgar', request, reason, status);
  return dataError('HTTP_ERROR', 'edgar', request, reason, status);
}
