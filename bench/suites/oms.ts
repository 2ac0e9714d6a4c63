// OMS benchmarks: submit → risk → journal (SQLite, WAL + FULL, group commit) → simulated-venue ack; pre-trade risk alone; raw SQLite insert ceiling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, type BenchFigure, type BenchSuite } from '../harness';
import { ManualClock, SeededRandom, type Instrument, type OrderRequest } from '../../src/core/model';
import { createTradingCore, MemoryJournal, SimulatedVenue, type JournalWriter, type RiskLimit } from '../../src/core/trading';
import { openSqlite } from '../../src/main/storage/sqlite/database';
import { JOURNAL_MIGRATIONS, SqliteJournal } from '../../src/main/storage/journal/sqliteJournal';

const SUITE = 'oms';
const BATCH = 1024; // orders per group commit (what arrives during one fsync)

const instruments: Instrument[] = Array.from({ length: 8 }, (_, i) => ({
  symbol: `SYM${i}`, name: `SYM${i}`, assetClass: 'EQUITY', currency: i % 4 === 3 ? 'EUR' : 'USD', exchange: 'SIM',
  sector: `S${i % 3}`, tickSize: 0.01, lotSize: 1, multiplier: 1,
}));

/** Twenty limits, every family represented. */
const LIMITS: RiskLimit[] = [
  { id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 10_000 },
  { id: 'q-sym0', kind: 'MAX_ORDER_QUANTITY', max: 5_000, symbol: 'SYM0' },
  { id: 'n', kind: 'MAX_ORDER_NOTIONAL', max: 1_000_000 },
  { id: 'cp', kind: 'PRICE_COLLAR_PERCENT', maxPercent: 10 },
  { id: 'ct', kind: 'PRICE_COLLAR_TICKS', maxTicks: 2_000 },
  { id: 'ff', kind: 'FAT_FINGER_ADV', maxFraction: 0.05 },
  { id: 'dup', kind: 'DUPLICATE_ORDER_WINDOW', windowMs: 1 },
  { id: 'allow', kind: 'ALLOWED_SYMBOLS', symbols: instruments.map((i) => i.symbol) },
  { id: 'restrict', kind: 'RESTRICTED_SYMBOLS', symbols: ['XXX'] },
  { id: 'pos', kind: 'MAX_POSITION', max: 1e9 },
  { id: 'pos-sym1', kind: 'MAX_POSITION', max: 1e9, symbol: 'SYM1' },
  { id: 'gross', kind: 'MAX_GROSS_EXPOSURE', max: 1e12 },
  { id: 'net', kind: 'MAX_NET_EXPOSURE', max: 1e12 },
  { id: 'lev', kind: 'MAX_LEVERAGE', max: 1e6 },
  { id: 'conc', kind: 'MAX_SYMBOL_CONCENTRATION', maxFraction: 1e6 },
  { id: 'sector', kind: 'MAX_SECTOR_CONCENTRATION', maxFraction: 1e6 },
  { id: 'eur', kind: 'MAX_CURRENCY_EXPOSURE', max: 1e12, currency: 'EUR' },
  { id: 'loss', kind: 'MAX_DAILY_LOSS', max: 1e9 },
  { id: 'rate', kind: 'ORDER_RATE', max: 1_000_000, windowMs: 1_000 },
  { id: 'msg', kind: 'MESSAGE_RATE', max: 1_000_000, windowMs: 1_000 },
];

function setupCore<J extends JournalWriter>(journal: J) {
  const clock = new ManualClock(1_000_000);
  const venue = new SimulatedVenue({ instruments, clock, random: new SeededRandom(1) });
  // The bench drives flush() itself; a scheduler is still given so venue answers ride in the next group commit.
  const core = createTradingCore({ account: 'BENCH', baseCurrency: 'USD', clock, journal, instruments, venues: [venue], limits: LIMITS, capital: 1e9, scheduleFlush: () => {} });
  core.fx.set('EUR', 1.1);
  for (const i of instruments) {
    const q = { symbol: i.symbol, time: clock.now(), bid: 99.99, ask: 100.01, bidSize: 1e6, askSize: 1e6, last: 100, volume: 0 };
    core.oms.onQuote(q);
    venue.onQuote(q);
    core.risk.book.setAverageDailyVolume(i.symbol, 1e7);
  }
  return { clock, venue, journal, core };
}

/** Non-marketable IOC limits: acknowledged, then canceled by the venue, so the book stays flat however long the run. */
const orderAt = (n: number): OrderRequest => ({
  symbol: `SYM${n % 8}`, side: n % 2 ? 'BUY' : 'SELL', type: 'LIMIT', timeInForce: 'IOC',
  quantity: 1 + (n % 97), limitPrice: n % 2 ? 95 + (n % 50) * 0.01 : 105 - (n % 50) * 0.01,
});

async function pipeline(journal: JournalWriter, total: number, label: string): Promise<BenchFigure[]> {
  const { clock, venue, core } = setupCore(journal);
  const started = new Float64Array(total + 1);
  const latency = new Float64Array(total);
  let acked = 0;
  venue.subscribe((e) => {
    if (e.kind !== 'ACCEPTED') return;
    const seq = Number(e.clientOrderId.slice(1));
    latency[acked++] = performance.now() - (started[seq] as number);
  });
  let denied = 0;
  const t0 = performance.now();
  for (let n = 0; n < total; n += BATCH) {
    clock.advance(1);
    for (let k = n; k < Math.min(total, n + BATCH); k++) {
      started[k + 1] = performance.now();
      if (!core.oms.submit(orderAt(k)).ok) denied += 1;
    }
    core.oms.flush();
  }
  const elapsed = performance.now() - t0;
  if (denied > 0 || acked !== total) throw new Error(`pipeline: ${denied} denied, ${acked}/${total} acknowledged`);
  journal.commit();
  const sorted = latency.slice(0, acked).sort();
  const figures: BenchFigure[] = [
    { suite: SUITE, name: `submit→risk→journal→sim ack (${label})`, value: (total / elapsed) * 1000, unit: 'orders/s', p50: percentile(sorted, 50) * 1000, p99: percentile(sorted, 99) * 1000 },
  ];
  if (journal instanceof SqliteJournal) {
    figures.push({ suite: SUITE, name: 'journal rows in the pipeline', value: (journal.rowsWritten / elapsed) * 1000, unit: 'rows/s' });
    journal.close();
  }
  return figures;
}

function riskAlone(total: number): BenchFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'oms-risk-'));
  try {
    const { clock, core } = setupCore(new MemoryJournal());
    const orders = Array.from({ length: 1024 }, (_, i) => orderAt(i));
    const now = clock.now();
    let sink = 0;
    for (let i = 0; i < 200_000; i++) sink += core.risk.checkNew(orders[i & 1023] as OrderRequest, now).ok ? 1 : 0; // warm-up
    const t0 = performance.now();
    for (let i = 0; i < total; i++) sink += core.risk.checkNew(orders[i & 1023] as OrderRequest, now).ok ? 1 : 0;
    const elapsed = performance.now() - t0;
    const samples = new Float64Array(200_000);
    for (let i = 0; i < samples.length; i++) {
      const a = process.hrtime.bigint();
      sink += core.risk.checkNew(orders[i & 1023] as OrderRequest, now).ok ? 1 : 0;
      samples[i] = Number(process.hrtime.bigint() - a) / 1000;
    }
    if (sink !== total + 400_000) throw new Error('risk bench: unexpected denial');
    samples.sort();
    return [{ suite: SUITE, name: 'pre-trade risk, 20 limits', value: (total / elapsed) * 1000, unit: 'checks/s', p50: percentile(samples, 50), p99: percentile(samples, 99) }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The ceiling: better-sqlite3 inserting journal-shaped rows, same pragmas, same batch per transaction. */
function rawInsert(dir: string, rows: number): number {
  const db = openSqlite(join(dir, 'raw.sqlite'), JOURNAL_MIGRATIONS);
  const insert = db.prepare('INSERT INTO journal (time, kind, client_order_id, body) VALUES (?, ?, ?, ?)');
  const body = JSON.stringify({ kind: 'VENUE_EVENT', time: 1, event: { kind: 'ACCEPTED', clientOrderId: 'C000000000001', venueOrderId: 'SIM-1', time: 1 } });
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(i, 'VENUE_EVENT', 'C000000000001', body);
  });
  const perCommit = BATCH * 3; // the pipeline writes three rows per order per group commit
  const t0 = performance.now();
  for (let i = 0; i < rows; i += perCommit) batch(i, Math.min(rows, i + perCommit));
  const elapsed = performance.now() - t0;
  db.close();
  return (rows / elapsed) * 1000;
}

export const omsSuite: BenchSuite = {
  name: SUITE,
  summary: 'Order path throughput and latency (risk + SQLite group commit + simulated venue), risk checks alone, and the raw SQLite insert ceiling.',
  async run(options) {
    const dir = mkdtempSync(join(tmpdir(), 'oms-bench-'));
    try {
      const orders = options.quick ? 5_000 : 200_000;
      options.progress(`oms: pipeline, ${orders} orders, SQLite journal`);
      const figures = await pipeline(SqliteJournal.open(join(dir, 'oms.sqlite')), orders, 'SQLite WAL+FULL');
      options.progress(`oms: pipeline, ${orders} orders, in-memory journal (CPU cost without fsync)`);
      figures.push(...(await pipeline(new MemoryJournal(), orders, 'in-memory journal')));
      options.progress('oms: pre-trade risk alone');
      figures.push(...riskAlone(options.quick ? 200_000 : 5_000_000));
      options.progress('oms: raw better-sqlite3 insert ceiling');
      const raw = rawInsert(dir, options.quick ? 15_000 : 600_000);
      const journalRows = figures[1] as BenchFigure;
      journalRows.peer = 'raw better-sqlite3 insert (WAL, synchronous=FULL, same batch)';
      journalRows.peerValue = raw;
      journalRows.ratio = journalRows.value / raw;
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
