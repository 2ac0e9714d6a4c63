// `nautilus data trade-enable <symbol>`: records a stored real symbol as a desk instrument; the workstation lists it on
// the simulated exchange (and gives IB its contract) when it next starts. The app does the same at once (data.enableTrading).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeRealInstrumentError, MARK_HALF_SPREAD_BPS } from '../../core/data/realInstrument';
import { createUniverse, FX_PAIRS } from '../../core/market';
import { RealInstrumentStore } from '../../main/data/trading/realInstrumentStore';
import { storedRealInstrument } from '../../main/data/trading/storedSymbol';
import { defaultDataDir } from '../../main/dataDir';
import { MarketStore } from '../../main/storage/market';
import { openSqlite } from '../../main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../main/storage/recordMigrations';
import { DEFAULT_SYNTHETIC_HISTORY, DUCKDB_FILE, SQLITE_FILE } from '../../main/workstation';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from '../command';

export const TRADE_ENABLE_USAGE = `  data trade-enable <symbol> [--data-dir DIR] [--json]
      Puts a stored real symbol (daily bars fetched from Yahoo or Alpha Vantage) on the desk: currency and exchange
      time zone from the provider, tick 0.01 (0.0001 below 1.00), lot 1; the simulated exchange quotes it ${MARK_HALF_SPREAD_BPS} bp
      around its last stored close, IB trades it as STK SMART in its currency. Takes effect at the workstation's next start.`;

const fail = (io: CliIO, message: string, code: number): number => (io.err(`nautilus data trade-enable: ${message}\n`), code);

const offsetText = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export async function runTradeEnable(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, true);
  if (!parsed.ok) return fail(io, parsed.error, EXIT_USAGE);
  const [symbol, ...extra] = parsed.value.positionals;
  if (!symbol || extra.length > 0 || !/^[A-Za-z0-9][A-Za-z0-9.\-^=]{0,19}$/.test(symbol)) return fail(io, 'give one stored ticker symbol, e.g. nautilus data trade-enable AAPL', EXIT_USAGE);
  const dataDir = resolve((parsed.value.values['data-dir'] as string | undefined) ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  let store: MarketStore;
  try {
    store = await MarketStore.open(join(dataDir, DUCKDB_FILE));
  } catch (error) {
    return fail(io, `cannot open the market store in ${dataDir} (is the workstation running? use its Data section): ${(error as Error).message}`, EXIT_FAILURE);
  }
  const sqlite = openSqlite(join(dataDir, SQLITE_FILE), RECORD_MIGRATIONS);
  try {
    const records = new RealInstrumentStore(sqlite);
    const upper = symbol.toUpperCase();
    const recorded = records.load().find((i) => i.symbol === upper);
    const synthetic = new Set([...createUniverse(DEFAULT_SYNTHETIC_HISTORY.seed).map((i) => i.symbol), ...FX_PAIRS.map((p) => p.symbol)]);
    const built = recorded ? undefined : await storedRealInstrument(store, symbol, (s) => synthetic.has(s));
    if (built && !built.ok) return fail(io, describeRealInstrumentError(built.error), EXIT_FAILURE);
    const instrument = recorded ?? built!.value!.instrument;
    if (!recorded) records.add(instrument);
    if (parsed.value.values.json) io.out(`${JSON.stringify(instrument)}\n`);
    else {
      io.out(
        `${instrument.symbol} is on the desk from the workstation's next start: ${instrument.currency}, ${instrument.exchange} (${offsetText(instrument.utcOffsetMinutes)}), ` +
          `tick ${instrument.tickSize}, lot ${instrument.lotSize}, sector ${instrument.sector}${built?.ok ? `; quoted around its last stored close ${built.value.lastClose}` : ' (enabled already)'}\n`,
      );
    }
    return EXIT_OK;
  } finally {
    sqlite.close();
    store.close();
  }
}
