// `nautilus data`: fetch outside data (Yahoo, FRED, EDGAR, Alpha Vantage, DBnomics) into the market store, list it, refresh it, set keys.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_PROVIDERS, describeDataError, type DataProvider } from '../../core/data/dataError';
import { isoDate, parseIsoDate } from '../../core/data/exchangeDate';
import { TIMEFRAME_MS, type Timeframe } from '../../core/model/marketData';
import { ApiKeyFile, type ApiKeySource } from '../../main/data/apiKeyFile';
import type { DatasetRequest } from '../../main/data/connector';
import { DataService, type DataFetchError, type FetchSummary } from '../../main/data/dataService';
import { readDataSettings, writeDataSettings, type DataSettings } from '../../main/data/dataSettings';
import { parseBaseUrl, PROVIDER_DEFAULTS, type DatasetKind } from '../../main/data/providers';
import { defaultDataDir } from '../../main/dataDir';
import { MarketStore } from '../../main/storage/market';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { runTradeEnable, TRADE_ENABLE_USAGE } from './dataTradeEnable';

const usage = `nautilus data <fetch|list|refresh|trade-enable|key|set> …

  data fetch <provider> <id> [--from DATE] [--to DATE] [--timeframe 1D|1h|1m] [--kind bars|series|fundamentals]
             [--vintages] [--api-key KEY] [--base-url URL] [--user-agent UA] [--no-cache] [--data-dir DIR] [--json]
      Fetches and stores one dataset, all or nothing. Providers and ids:
        yahoo AAPL (bars)  fred GDP (series; --vintages for every ALFRED vintage)  edgar AAPL or 320193 (fundamentals)
        alphavantage IBM (bars, or --kind fundamentals)  dbnomics CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA (series)
      --json prints { "provider", "id", "kind", "rows", "first", "last" }.
  data list [--data-dir DIR] [--json]                     what is stored, from where, when refreshed
  data refresh [<provider> <id>] [--all] [--data-dir DIR] [--json]   fetch only what is new
${TRADE_ENABLE_USAGE}
  data key set <provider> [KEY]    store an API key (fred, alphavantage) in a 0600 file; KEY from stdin when omitted
  data key delete <provider>
  data set <provider> base-url <URL|default>      data set edgar user-agent "Name you@example.com"

Base URLs are scheme, host and port (the provider's paths are kept). EDGAR needs a User-Agent with a contact email
(--user-agent, the setting, or NAUTILUS_SEC_USER_AGENT). Exit codes: 0 ok, 1 the provider or store failed, 2 bad usage.`;

const fail = (io: CliIO, message: string, code = EXIT_USAGE): number => (io.err(`nautilus data: ${message}\n`), code);
const isProvider = (p: string | undefined): p is DataProvider => DATA_PROVIDERS.includes(p as DataProvider);

function describeFetchError(error: DataFetchError): string {
  return error.code === 'INVALID_BARS' ? `invalid bars, nothing stored: ${error.message}` : describeDataError(error);
}

interface Opened {
  store: MarketStore;
  service: DataService;
  dataDir: string;
}

async function open(values: Record<string, string | boolean | undefined>, io: CliIO, override?: { provider: DataProvider; apiKey?: string; baseUrl?: string }): Promise<Opened | number> {
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? defaultDataDir());
  const settings = readDataSettings(dataDir);
  if (!settings.ok) return fail(io, `${settings.error.file}: ${settings.error.reason}`);
  const keyFile = new ApiKeyFile(dataDir);
  const apiKeys: ApiKeySource = {
    get: async (p) => (override?.provider === p && override.apiKey !== undefined ? override.apiKey : keyFile.get(p)),
  };
  const baseUrls = { ...settings.value.baseUrls, ...(override?.baseUrl ? { [override.provider]: override.baseUrl } : {}) };
  const secUserAgent = (values['user-agent'] as string | undefined) ?? process.env.NAUTILUS_SEC_USER_AGENT ?? settings.value.secUserAgent;
  let store: MarketStore;
  try {
    mkdirSync(dataDir, { recursive: true });
    store = await MarketStore.open(join(dataDir, 'market.duckdb'));
  } catch (error) {
    return fail(io, `cannot open the market store in ${dataDir}: ${(error as Error).message}`, EXIT_FAILURE);
  }
  return { store, dataDir, service: new DataService(store, { dataDir, baseUrls, apiKeys, ...(secUserAgent ? { secUserAgent } : {}) }) };
}

const summaryLine = (s: FetchSummary): string => {
  const end = (r: FetchSummary['first']): string => (r === null ? '-' : `${r.date} ${'close' in r ? `close ${r.close}` : `${'concept' in r ? `${r.concept} ` : ''}${r.value ?? 'missing'}`}`);
  return `${s.provider} ${s.id}: stored ${s.rows} ${s.kind === 'bars' ? 'bars' : s.kind === 'series' ? 'observations' : 'facts'}; first ${end(s.first)}; last ${end(s.last)}`;
};

async function runFetch(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      timeframe: { type: 'string' },
      kind: { type: 'string' },
      vintages: { type: 'boolean' },
      'api-key': { type: 'string' },
      'base-url': { type: 'string' },
      'user-agent': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (!parsed.ok) return fail(io, `${parsed.error}\n\n${usage}`);
  const { values, positionals } = parsed.value;
  const [provider, id] = positionals;
  if (positionals.length !== 2 || !isProvider(provider) || !id) return fail(io, `fetch takes <provider> <id>; providers: ${DATA_PROVIDERS.join(', ')}`);
  const timeframe = (values.timeframe as string | undefined) ?? '1D';
  if (!Object.hasOwn(TIMEFRAME_MS, timeframe)) return fail(io, `--timeframe must be one of ${Object.keys(TIMEFRAME_MS).join(', ')}, got "${timeframe}"`);
  const kinds = PROVIDER_DEFAULTS[provider].kinds;
  const kind = ((values.kind as string | undefined) ?? kinds[0]) as DatasetKind;
  if (!kinds.includes(kind)) return fail(io, `${provider} offers ${kinds.join(', ')}, not "${kind}"`);
  const dates: { from?: number; to?: number } = {};
  for (const flag of ['from', 'to'] as const) {
    const text = values[flag] as string | undefined;
    if (text === undefined) continue;
    const t = parseIsoDate(text);
    if (t === undefined) return fail(io, `--${flag} must be a date YYYY-MM-DD, got "${text}"`);
    dates[flag] = t;
  }
  if (dates.from !== undefined && dates.to !== undefined && dates.from > dates.to) return fail(io, `--from ${isoDate(dates.from)} is after --to ${isoDate(dates.to)}`);
  let baseUrl: string | undefined;
  if (values['base-url'] !== undefined) {
    const b = parseBaseUrl(values['base-url'] as string);
    if (!b.ok) return fail(io, `--base-url: ${b.reason}`);
    baseUrl = b.value;
  }
  const apiKey = values['api-key'] as string | undefined;
  const opened = await open(values, io, { provider, ...(apiKey === undefined ? {} : { apiKey }), ...(baseUrl === undefined ? {} : { baseUrl }) });
  if (typeof opened === 'number') return opened;
  try {
    const request: DatasetRequest = { provider, id, kind, timeframe: timeframe as Timeframe, ...dates, ...(values.vintages ? { vintages: true } : {}) };
    const result = await opened.service.fetch(request, values['no-cache'] ? { cacheMaxAgeMs: 0 } : {});
    if (!result.ok) {
      if (values.json) io.out(`${JSON.stringify({ provider, id, kind, error: result.error })}\n`);
      return fail(io, describeFetchError(result.error), EXIT_FAILURE);
    }
    io.out(values.json ? `${JSON.stringify(result.value)}\n` : `${summaryLine(result.value)}\n`);
    return EXIT_OK;
  } finally {
    opened.store.close();
  }
}

async function runList(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
  if (!parsed.ok) return fail(io, parsed.error);
  const opened = await open(parsed.value.values, io);
  if (typeof opened === 'number') return opened;
  try {
    const sources = await opened.service.sources();
    if (parsed.value.values.json) {
      io.out(`${JSON.stringify(sources.map((s) => ({ ...s, refreshedAt: new Date(s.refreshedAt).toISOString(), createdAt: new Date(s.createdAt).toISOString(), first: s.firstTime === null ? null : isoDate(s.firstTime), last: s.lastTime === null ? null : isoDate(s.lastTime) })), null, 2)}\n`);
      return EXIT_OK;
    }
    if (sources.length === 0) io.out('nothing stored yet: nautilus data fetch <provider> <id>\n');
    for (const s of sources) {
      const span = s.firstTime === null ? '' : ` ${isoDate(s.firstTime)}…${isoDate(s.lastTime!)}`;
      io.out(`${s.provider.padEnd(13)}${`${s.id}${s.kind === 'bars' ? ` ${s.timeframe}` : ''}`.padEnd(40)}${s.kind.padEnd(13)}${String(s.rows).padStart(8)} rows${span}  refreshed ${new Date(s.refreshedAt).toISOString()} from ${s.baseUrl}\n`);
    }
    return EXIT_OK;
  } finally {
    opened.store.close();
  }
}

async function runRefresh(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { all: { type: 'boolean' }, 'user-agent': { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, true);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values, positionals } = parsed.value;
  const [provider, id] = positionals;
  if (values.all ? positionals.length !== 0 : positionals.length !== 2 || !isProvider(provider)) return fail(io, 'refresh takes <provider> <id>, or --all');
  const opened = await open(values, io);
  if (typeof opened === 'number') return opened;
  try {
    const sources = (await opened.service.sources()).filter((s) => values.all || (s.provider === provider && s.id === id));
    if (sources.length === 0) return fail(io, `nothing stored for ${provider} ${id}: fetch it first`);
    const results: unknown[] = [];
    let failed = 0;
    for (const source of sources) {
      const r = await opened.service.refresh(source);
      if (r.ok) {
        results.push(r.value);
        if (!values.json) io.out(`${summaryLine(r.value)}\n`);
      } else {
        failed++;
        results.push({ provider: source.provider, id: source.id, kind: source.kind, error: r.error });
        io.err(`nautilus data: ${describeFetchError(r.error)}\n`);
      }
    }
    if (values.json) io.out(`${JSON.stringify(results)}\n`);
    return failed === 0 ? EXIT_OK : EXIT_FAILURE;
  } finally {
    opened.store.close();
  }
}

async function runKey(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { 'data-dir': { type: 'string' } }, true);
  if (!parsed.ok) return fail(io, parsed.error);
  const [action, provider, inline] = parsed.value.positionals;
  if ((action !== 'set' && action !== 'delete') || !isProvider(provider)) return fail(io, 'key set <provider> [KEY] | key delete <provider>');
  const file = new ApiKeyFile(resolve((parsed.value.values['data-dir'] as string | undefined) ?? defaultDataDir()));
  const key = action === 'delete' ? undefined : (inline ?? readFileSync(0, 'utf8').trim());
  const done = await file.set(provider, key);
  if (!done.ok) return fail(io, done.reason);
  io.out(`${provider} API key ${action === 'set' ? 'stored' : 'removed'} (${file.file}, owner-only)\n`);
  return EXIT_OK;
}

function runSet(argv: readonly string[], io: CliIO): number {
  const parsed = parseCommandArgs(argv, { 'data-dir': { type: 'string' } }, true);
  if (!parsed.ok) return fail(io, parsed.error);
  const [provider, name, value] = parsed.value.positionals;
  if (!isProvider(provider) || !value || (name !== 'base-url' && name !== 'user-agent')) return fail(io, 'set <provider> base-url <URL|default> | set edgar user-agent "<Name email>"');
  const dataDir = resolve((parsed.value.values['data-dir'] as string | undefined) ?? defaultDataDir());
  const current = readDataSettings(dataDir);
  if (!current.ok) return fail(io, `${current.error.file}: ${current.error.reason}`);
  const next: DataSettings = { ...current.value, baseUrls: { ...current.value.baseUrls } };
  if (name === 'base-url') {
    if (value === 'default') delete next.baseUrls[provider];
    else {
      const b = parseBaseUrl(value);
      if (!b.ok) return fail(io, `base-url: ${b.reason}`);
      next.baseUrls[provider] = b.value;
    }
  } else if (provider !== 'edgar') return fail(io, 'user-agent is an EDGAR setting');
  else next.secUserAgent = value;
  const written = writeDataSettings(dataDir, next);
  if (!written.ok) return fail(io, `${written.error.file}: ${written.error.reason}`);
  io.out(`${provider} ${name} set\n`);
  return EXIT_OK;
}

export const dataCommand: CliCommand = {
  name: 'data',
  summary: 'fetch real bars, macro series and fundamentals from Yahoo, FRED, EDGAR, Alpha Vantage, DBnomics',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'fetch':
        return runFetch(rest, io);
      case 'list':
        return runList(rest, io);
      case 'refresh':
        return runRefresh(rest, io);
      case 'trade-enable':
        return runTradeEnable(rest, io);
      case 'key':
        return runKey(rest, io);
      case 'set':
        return runSet(rest, io);
      case '--help':
      case '-h':
      case undefined:
        return io.out(`${usage}\n`), sub === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        return fail(io, `unknown subcommand "${sub}"\n\n${usage}`);
    }
  },
};
