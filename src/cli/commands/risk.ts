// `nautilus risk var|stress|exposures`: portfolio risk of the journal's book or a what-if book, over the data directory's store.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Result } from '../../core/model/result';
import { createRiskEngine } from '../../engines/risk/riskEngine';
import { defaultDataDir } from '../../main/dataDir';
import { journalPositions } from '../../main/risk/journalBook';
import { storedFxRates, type CurrentBook } from '../../main/risk/riskBookSource';
import { PortfolioRiskService } from '../../main/risk/portfolioRiskService';
import { SqliteJournal } from '../../main/storage/journal/sqliteJournal';
import { MarketStore } from '../../main/storage/market/marketStore';
import { openSqliteReadOnly } from '../../main/storage/sqlite/database';
import { BASE_CURRENCY } from '../../main/trading/defaultLimits';
import { DUCKDB_FILE, SQLITE_FILE } from '../../main/workstation';
import { validationError } from '../../shared/contracts/errors';
import { riskExposuresRequestSchema, riskStressRequestSchema, riskVarRequestSchema, type RiskErrorJson, type WhatIfPosition } from '../../shared/contracts/portfolioRisk';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import { readPositionsCsv } from '../positionsCsv';
import { exposuresText, stressText, varText } from '../riskText';

const usage = `nautilus risk var [--positions <csv of symbol,quantity>] [--window 500] [--confidence 0.95,0.99]
                  [--method historical,parametric,montecarlo] [--paths 10000] [--seed 1] [--data-dir DIR] [--json]
nautilus risk stress [--positions FILE] [--horizons 1,5,20] [--top 5] [--shock sector:Technology:-0.2 ...] [--json]
nautilus risk exposures [--positions FILE] [--benchmark SYMBOL] [--window 250] [--participation 0.1] [--json]

Portfolio VaR/ES (one day, base currency ${BASE_CURRENCY}), stress tests and exposures of the book the journal
records, or of a what-if book: a CSV of symbol,quantity[,price] (no price: the last stored close). Daily closes
come from the store's 1D bars. --shock is kind:key:move with kind symbol, sector or currency and move a fraction.`;

const METHOD_NAMES: Record<string, 'historical' | 'parametric' | 'monteCarlo'> = { historical: 'historical', parametric: 'parametric', montecarlo: 'monteCarlo', 'monte-carlo': 'monteCarlo', mc: 'monteCarlo' };

const list = (text: string | undefined): string[] | undefined => text?.split(',').map((s) => s.trim()).filter(Boolean);
/** A number, or the text itself so the schema names it as not a number. */
const num = (text: string | undefined): unknown => (text === undefined ? undefined : text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

function shocksOf(texts: readonly string[]): Result<{ kind: string; key: string; move: unknown }[], string> {
  const out = [];
  for (const t of texts) {
    const m = /^(symbol|sector|currency):(.+):([^:]+)$/.exec(t);
    if (!m) return { ok: false, error: `--shock '${t}' is not kind:key:move (kind symbol, sector or currency)` };
    out.push({ kind: m[1]!, key: m[2]!, move: num(m[3]) });
  }
  return { ok: true, value: out };
}

export const riskCommand: CliCommand = {
  name: 'risk',
  summary: 'portfolio VaR/ES with components, stress tests and exposures of the current or a what-if book',
  usage,
  async run(argv, io) {
    const fail = (message: string, code = EXIT_USAGE): number => (io.err(`nautilus risk${argv[0] ? ` ${argv[0]}` : ''}: ${message}\n`), code);
    const sub = argv[0];
    if (sub !== 'var' && sub !== 'stress' && sub !== 'exposures') return io.err(`${usage}\n`), EXIT_USAGE;
    const parsed = parseCommandArgs(argv.slice(1), {
      positions: { type: 'string' },
      window: { type: 'string' },
      confidence: { type: 'string' },
      method: { type: 'string' },
      paths: { type: 'string' },
      seed: { type: 'string' },
      horizons: { type: 'string' },
      top: { type: 'string' },
      shock: { type: 'string', multiple: true },
      benchmark: { type: 'string' },
      participation: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!parsed.ok) return fail(`${parsed.error}\n\n${usage}`);
    const v = parsed.value.values as Record<string, string | undefined>;
    const shockTexts = (parsed.value.values.shock as unknown as string[] | undefined) ?? [];

    let positions: WhatIfPosition[] | undefined;
    if (v.positions !== undefined) {
      const read = readPositionsCsv(v.positions);
      if (!read.ok) return fail(read.error);
      positions = read.value;
    }
    const methods = list(v.method)?.map((m) => METHOD_NAMES[m.toLowerCase()] ?? m);
    const shocks = shocksOf(shockTexts);
    if (!shocks.ok) return fail(shocks.error);
    const common = { ...(positions ? { positions } : {}) };
    const dataDir = resolve(v['data-dir'] ?? defaultDataDir());

    /** Opens the store, runs `measure` on an in-process risk engine, prints the report or the error naming the row. */
    const report = async <T>(measure: (service: PortfolioRiskService) => Promise<Result<T, RiskErrorJson>>, text: (value: T) => string): Promise<number> => {
      const storeFile = join(dataDir, DUCKDB_FILE);
      if (!existsSync(storeFile)) return fail(`no market store at ${storeFile} (import daily bars with nautilus import)`, EXIT_FAILURE);
      const store = await MarketStore.open(storeFile);
      try {
        const currentBook = async (): Promise<CurrentBook> => ({
          baseCurrency: BASE_CURRENCY,
          fxRates: await storedFxRates(store, BASE_CURRENCY),
          positions: positions ? [] : readJournalBook(join(dataDir, SQLITE_FILE)),
          instruments: await store.listInstruments(),
        });
        const engine = createRiskEngine(process.pid);
        const result = await measure(new PortfolioRiskService({ store, currentBook, onEngine: (fn) => fn(engine) }));
        if (!result.ok) return fail(`${v.positions ? `${v.positions}: ` : ''}${result.error.message}`);
        io.out(v.json ? `${JSON.stringify(result.value, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2)}\n` : text(result.value));
        return EXIT_OK;
      } catch (error) {
        return fail((error as Error).message, EXIT_FAILURE);
      } finally {
        store.close();
      }
    };

    switch (sub) {
      case 'var': {
        const r = riskVarRequestSchema.safeParse({ ...common, window: num(v.window), confidences: list(v.confidence)?.map(num), methods, paths: num(v.paths), seed: num(v.seed) });
        return r.success ? report((s) => s.var(r.data), varText) : fail(validationError(r.error, 'options').message);
      }
      case 'stress': {
        const r = riskStressRequestSchema.safeParse({ ...common, horizons: list(v.horizons)?.map(num), top: num(v.top), shocks: shocks.value });
        return r.success ? report((s) => s.stress(r.data), stressText) : fail(validationError(r.error, 'options').message);
      }
      case 'exposures': {
        const r = riskExposuresRequestSchema.safeParse({ ...common, benchmark: v.benchmark, window: num(v.window), participation: num(v.participation) });
        return r.success ? report((s) => s.exposures(r.data), exposuresText) : fail(validationError(r.error, 'options').message);
      }
      default: {
        const never: never = sub;
        throw new Error(`unhandled risk subcommand ${String(never)}`);
      }
    }
  },
};

function readJournalBook(file: string): ReturnType<typeof journalPositions> {
  if (!existsSync(file)) return [];
  const db = openSqliteReadOnly(file);
  try {
    return journalPositions(new SqliteJournal(db));
  } finally {
    db.close();
  }
}

