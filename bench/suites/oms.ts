// OMS benchmarks: the order path (submit → risk → journal group commit → durable reply → simulated-venue ack) at
// saturation and at a steady 10,000 orders/s; pre-trade risk alone; fsync and raw SQLite insert ceilings of the same rows.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, type BenchFigure, type BenchSuite } from '../harness';
import { ManualClock, SeededRandom, type Instrument, type OrderRequest } from '../../src/core/model';
import { createTradingCore, MemoryJournal, SimulatedVenue, type JournalWriter, type RiskLimit } from '../../src/core/trading';
import { openSqlite } from '../../src/main/storage/sqlite/database';
import { JOURNAL_MIGRATIONS, SqliteJournal } from '../../src/main/storage/journal/sqliteJournal';

const SUITE = 'oms';
/** A client offers at most this many orders per event-loop turn (what one socket read could carry). */
const MAX_PER_TURN = 8_192;

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

/** A journal whose group commits are timed (the commit is the fsync the order path waits for). */
function timedCommits<J extends JournalWriter>(journal: J): { journal: J; commitMs: number[] } {
  const commitMs: number[] = [];
  const commit = journal.commit.bind(journal);
  journal.commit = () => {
    const t = performance.now();
    commit();
    commitMs.push(performance.now() - t);
  };
  return { journal, commitMs };
}

function setupCore(journal: JournalWriter) {
  const clock = new ManualClock(1_000_000);
  const venue = new SimulatedVenue({ instruments, clock, random: new SeededRandom(1) });
  // As in the backend: a group commit per event-loop turn, so groups grow with what arrived meanwhile.
  const core = createTradingCore({ account: 'BENCH', baseCurrency: 'USD', clock, journal, instruments, venues: [venue], limits: LIMITS, capital: 1e9, scheduleFlush: (flush) => setImmediate(flush) });
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

interface Drive {
  ordersPerSecond: number;
  /** Orders per second of this process's CPU time (user + system): the path's own cost, whatever else the machine runs. */
  ordersPerCpuSecond: number;
  /** ms from an order's arrival to its durable reply, ascending. */
  latency: Float64Array;
}

/**
 * A client offering `offeredPerSecond` orders (Infinity: as fast as the path takes them). Each event-loop turn
 * submits what has arrived by then (at most MAX_PER_TURN); each order's reply awaits whenDurable(), as the API
 * handlers do. Latency runs from the order's scheduled arrival, so a stalled loop is charged to the orders that
 * waited (no coordinated omission). Done when every reply is released and the venue's answers are durable.
 */
function drive(journal: JournalWriter, total: number, offeredPerSecond: number): Promise<Drive> {
  const { clock, venue, core } = setupCore(journal);
  let acked = 0;
  venue.subscribe((e) => {
    if (e.kind === 'ACCEPTED') acked += 1;
  });
  const latency = new Float64Array(total);
  let submitted = 0;
  let replied = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const arrival = (k: number) => (Number.isFinite(offeredPerSecond) ? t0 + (k * 1000) / offeredPerSecond : t0);
  return new Promise((resolve, reject) => {
    const finish = () => {
      core.oms.flush();
      const elapsed = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (acked !== total) return reject(new Error(`drive: ${acked}/${total} acknowledged by the venue`));
      resolve({ ordersPerSecond: (total / elapsed) * 1000, ordersPerCpuSecond: (total / (cpu.user + cpu.system)) * 1e6, latency: latency.sort() });
    };
    const turn = () => {
      const now = performance.now();
      clock.set(1_000_000 + Math.floor(now - t0));
      const arrived = Number.isFinite(offeredPerSecond) ? Math.floor(((now - t0) * offeredPerSecond) / 1000) + 1 : total;
      const due = Math.min(total, arrived, submitted + MAX_PER_TURN);
      for (; submitted < due; submitted++) {
        const k = submitted;
        if (!core.oms.submit(orderAt(k)).ok) return reject(new Error(`drive: order ${k} denied`));
        void core.oms.whenDurable().then(() => {
          latency[k] = performance.now() - arrival(k);
          if (++replied === total) finish();
        }, reject);
      }
      if (submitted < total) setImmediate(turn);
    };
    turn();
  });
}

/** fsync of one 4 KiB append on the journal's disk, as the kernel reports it. */
function fsyncTimes(dir: string, samples: number): Float64Array {
  const fd = openSync(join(dir, 'fsync.bin'), 'a');
  const block = Buffer.alloc(4096, 7);
  const times = new Float64Array(samples);
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, block);
      const t = performance.now();
      fsyncSync(fd);
      times[i] = performance.now() - t;
    }
  } finally {
    closeSync(fd);
  }
  return times.sort();
}

/** The ceiling: better-sqlite3 inserting the very rows the pipeline wrote, same schema and pragmas, one transaction each. */
function rawInsert(from: SqliteJournal, dir: string): { recordsPerSecond: number; rows: number } {
  const rows = from.db.prepare('SELECT format, records, highest_order_seq, body FROM journal_group ORDER BY seq').raw().all() as [number, number, number, string][];
  const db = openSqlite(join(dir, 'raw.sqlite'), JOURNAL_MIGRATIONS);
  const insert = db.prepare('INSERT INTO journal_group (format, records, highest_order_seq, body) VALUES (?, ?, ?, ?)');
  let records = 0;
  const t0 = performance.now();
  for (const row of rows) {
    insert.run(...row);
    records += row[1];
  }
  const elapsed = performance.now() - t0;
  db.close();
  return { recordsPerSecond: (records / elapsed) * 1000, rows: rows.length };
}

async function saturation(dir: string, total: number): Promise<BenchFigure[]> {
  const { journal, commitMs } = timedCommits(SqliteJournal.open(join(dir, 'oms.sqlite')));
  const run = await drive(journal, total, Infinity);
  const recordsPerSecond = (journal.rowsWritten / total) * run.ordersPerSecond;
  const raw = rawInsert(journal, dir);
  journal.close();
  const commitSeconds = commitMs.reduce((sum, ms) => sum + ms, 0) / 1000;
  commitMs.sort((a, b) => a - b);
  return [
    { suite: SUITE, name: 'full path at saturation: submit→risk→journal (SQLite WAL, synchronous=FULL)→durable reply→sim ack', value: run.ordersPerSecond, unit: 'orders/s' },
    { suite: SUITE, name: 'the same run per CPU-second of this process (excludes time waiting for fsync or for a core)', value: run.ordersPerCpuSecond, unit: 'orders/CPU-s' },
    { suite: SUITE, name: `journal records written in that run (${commitMs.length} group commits of ${Math.round(journal.rowsWritten / commitMs.length)} records)`, value: recordsPerSecond, unit: 'records/s' },
    {
      suite: SUITE,
      name: 'the journal alone in that run: records per second of group-commit time (encode + insert + fsync); commit p50/p99 in ms',
      value: journal.rowsWritten / commitSeconds,
      unit: 'records/s',
      p50: percentile(commitMs, 50),
      p99: percentile(commitMs, 99),
      peer: 'raw better-sqlite3 insert of the same rows (same schema, WAL, synchronous=FULL, one transaction each)',
      peerValue: raw.recordsPerSecond,
      ratio: journal.rowsWritten / commitSeconds / raw.recordsPerSecond,
    },
  ];
}

async function steady(dir: string, ratePerSecond: number, seconds: number, fsync: Float64Array): Promise<BenchFigure[]> {
  const { journal, commitMs } = timedCommits(SqliteJournal.open(join(dir, 'steady.sqlite')));
  const run = await drive(journal, ratePerSecond * seconds, ratePerSecond);
  journal.close();
  commitMs.sort((a, b) => a - b);
  const bound = 2 * percentile(fsync, 99) + 1;
  return [
    {
      suite: SUITE,
      name: `steady ${ratePerSecond}/s: arrival→durable reply, ms (bound: 2 × fsync p99 + 1 ms = ${bound.toFixed(2)} ms; group commit p50 ${percentile(commitMs, 50).toFixed(3)} / p99 ${percentile(commitMs, 99).toFixed(3)} ms)`,
      value: run.ordersPerSecond,
      unit: 'orders/s',
      p50: percentile(run.latency, 50),
      p99: percentile(run.latency, 99),
    },
  ];
}

async function inMemory(total: number): Promise<BenchFigure[]> {
  const run = await drive(new MemoryJournal(), total, Infinity);
  return [
    { suite: SUITE, name: 'the same path with an in-memory journal (CPU only, no fsync)', value: run.ordersPerSecond, unit: 'orders/s' },
    { suite: SUITE, name: 'in-memory journal, per CPU-second', value: run.ordersPerCpuSecond, unit: 'orders/CPU-s' },
  ];
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

export const omsSuite: BenchSuite = {
  name: SUITE,
  summary: 'Order path at saturation and at a steady 10k/s (risk + SQLite group commit + durable reply + simulated venue), fsync and raw insert ceilings, risk checks alone.',
  async run(options) {
    const dir = mkdtempSync(join(tmpdir(), 'oms-bench-'));
    try {
      const orders = options.quick ? 5_000 : 300_000;
      options.progress('oms: fsync of the journal disk');
      const fsync = fsyncTimes(dir, options.quick ? 20 : 300);
      const figures: BenchFigure[] = [{ suite: SUITE, name: 'fsync of a 4 KiB append on the journal disk, ms', value: percentile(fsync, 50), unit: 'ms', p50: percentile(fsync, 50), p99: percentile(fsync, 99) }];
      options.progress(`oms: full path at saturation, ${orders} orders, SQLite journal`);
      figures.push(...(await saturation(dir, orders)));
      options.progress(`oms: the same path, in-memory journal (CPU cost without fsync)`);
      figures.push(...(await inMemory(orders)));
      options.progress('oms: steady 10,000 orders/s, latency to the durable reply');
      figures.push(...(await steady(dir, 10_000, options.quick ? 1 : 5, fsync)));
      options.progress('oms: pre-trade risk alone');
      figures.push(...riskAlone(options.quick ? 200_000 : 5_000_000));
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
