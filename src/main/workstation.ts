// The composition root: one backend, built the same way by the Electron main process and the headless host.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { WorkstationApi } from '../shared/contracts/api';
import type { SystemInfo } from '../shared/contracts/system';
import { ENGINE_NAMES, engineInstances } from '../engines/registry';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { engineHandlers } from './api/engineHandlers';
import { ibDeskHandlers, ibHandlers } from './api/ibHandlers';
import { marketHandlers } from './api/marketHandlers';
import { researchHandlers } from './api/researchHandlers';
import { riskHandlers } from './api/riskHandlers';
import { systemHandlers } from './api/systemHandlers';
import { tradingHandlers } from './api/tradingHandlers';
import { executionHandlers } from './api/executionHandlers';
import { TCA_LOG_FILE } from './trading/tcaLog';
import { auditHandlers } from './api/auditHandlers';
import { MessageBus } from './bus/messageBus';
import type { EngineLauncher } from './engine-host/launcher';
import { EngineSupervisor } from './engine-host/supervisor';
import { busSnapshot } from './engine-host/busSnapshot';
import { MarketStore } from './storage/market/marketStore';
import { seedSyntheticHistory } from './storage/market/seedSyntheticHistory';
import { openSqlite, type SqliteDatabase } from './storage/sqlite/database';
import { RECORD_MIGRATIONS } from './storage/recordMigrations';
import { BarRecorder } from './market/barRecorder';
import { SessionBars } from './market/sessionBars';
import { LiveMarket } from './market/liveMarket';
import { openMarketDesk, type MarketDesk } from './market/marketDesk';
import { SystemLog } from './systemLog';
import { createIbService, IbDesk } from './trading/ibDesk';
import { TradingService } from './trading/tradingService';
import { SqliteJournal } from './storage/journal/sqliteJournal';
import { MlModelRegistry } from './storage/sqlite/mlModelRegistry';
import { Outbox } from './storage/outbox/outbox';
import { openVenueAudit } from './trading/venueAudit';
import { APP_VERSION } from './version';
import { connectQueue, type QueueConnection, type QueueStore } from './team/researchQueue';
import { backtestHandlers } from './api/backtestHandlers';
import { portfolioRiskHandlers } from './api/portfolioRiskHandlers';
import { currentRiskBook, supervisedRiskEngine } from './risk/workstationRisk';
import { startLiveRiskEstimator, type LiveRiskEstimator } from './risk/liveRiskEstimator';
import { storedFundamentals } from './research/storedFundamentals';
import { mlVolatility } from './research/mlService';
import { workstationRiskSources } from './report/workstationRiskSources';
import { PortfolioRiskService } from './risk/portfolioRiskService';
import { dataHandlers } from './api/dataHandlers';
import { createDataService } from './data/createDataService';
import type { ApiKeySource } from './data/apiKeyFile';
import { portfolioHandlers } from './api/portfolioHandlers';
import { portfolioOrderHandlers } from './api/portfolioOrderHandlers';
import { basketIds, rebalanceOrders } from './portfolio/rebalanceOrders';
import { mlHandlers, mlRegistryHandlers } from './api/mlHandlers';
import { mlTrainingHandlers } from './api/mlTrainingHandlers';
import { mlModelUseHandlers } from './api/mlModelUseHandlers';
import { factorHandlers } from './api/factorHandlers';
import { defaultStrategyDirs, loadStrategy } from './strategies/strategyLoader';
import { StrategyService } from './strategies/strategyService';
import { DeploymentStore } from './strategies/deploymentStore';
import { storedBacktestEvidence } from './strategies/backtestEvidence';
import { strategyHandlers } from './api/strategyHandlers';
import { reportHandlers } from './api/reportHandlers';
import type { RiskReportSources } from './report/collectRiskReport';
import { chromiumPrinter, type PdfPrinter } from './report/renderRiskReport';
import { workstationReportDeps } from './report/workstationReportDeps';
import { RealInstrumentStore } from './data/trading/realInstrumentStore';
import { RealSymbolDesk } from './data/trading/realSymbolDesk';
import { dataTradingHandlers } from './api/dataTradingHandlers';
import { syncHandlers } from './api/syncHandlers';
import { SyncService, type SyncServiceOptions } from './sync/syncService';
import { SyncSecretFile, type SyncSecretSource } from './sync/syncSecret';
import { backupHandlers } from './api/backupHandlers';
import { BackupScheduler } from './backup/backupScheduler';

export interface WorkstationOptions {
  dataDir: string;
  /** The team's research queue: sweeps asked to run `on: 'queue'` go there (see `nautilus worker`). */
  researchQueue?: QueueStore;
  host: SystemInfo['host'];
  engineLauncher: EngineLauncher;
  /** Engine modules to run (default: all). */
  engines?: readonly string[];
  /** Instances of each per-core engine pool (features, backtest): default one per core. */
  poolSize?: number;
  now?: () => number;
  /** Supervisor tuning, for tests. */
  restartBackoffMs?: number;
  /** Mirrors log entries elsewhere (the headless host prints them). */
  echoLog?: (line: string) => void;
  /** History the synthetic market is seeded with on first start; false for none (tests). */
  syntheticHistory?: { seed: number; years: number; minuteDays: number } | false;
  /** Appends every order the simulated venue receives to this file (the crash test's view of the venue). */
  venueAuditFile?: string;
  /** How often the live synthetic market steps. */
  marketIntervalMs?: number;
  /** The risk report's VaR, stress, exposure and breach sections (unwired ones say "not available"). */
  reportSources?: RiskReportSources;
  /** Prints the report's PDF: the desktop app's hidden window; by default a headless Chromium found on the machine. */
  printPdf?: PdfPrinter;
  /** How often the limit monitor recomputes every measure (default 5 s; it also looks on fills and quotes). */
  limitMonitorIntervalMs?: number;
  /** Where data connector API keys come from: the desktop passes its SecretStore; default a 0600 file in dataDir. */
  dataApiKeys?: ApiKeySource;
  /** The sync's PostgreSQL password: the desktop passes its SecretStore; default a 0600 file in dataDir. */
  syncSecret?: SyncSecretSource;
  /** Sync worker tuning (tests). */
  syncWorker?: SyncServiceOptions['worker'];
  /** How often the record is backed up while it changes (default 5 minutes). */
  backupIntervalMs?: number;
}

/** Ten years of daily bars and thirty days of minute bars, as the simulated exchange's past. */
export const DEFAULT_SYNTHETIC_HISTORY = { seed: 20_260_101, years: 10, minuteDays: 30 } as const;

export const SQLITE_FILE = 'workstation.sqlite';
export const DUCKDB_FILE = 'market.duckdb';

export class Workstation {
  readonly bus: MessageBus;
  readonly log: SystemLog;
  readonly supervisor: EngineSupervisor;
  readonly api: WorkstationApi;
  readonly dispatch: Dispatch;
  readonly trading: TradingService;
  /** Deployed strategy versions running on the trading node (paper and live). */
  readonly strategies: StrategyService;
  readonly live: LiveMarket;
  readonly ib: IbDesk;
  readonly recorder: BarRecorder;
  /** Stored real symbols put on the desk (simulated exchange marks, IB contracts). */
  readonly realSymbols: RealSymbolDesk;
  readonly sync: SyncService;
  readonly backups: BackupScheduler;
  /** The order path's VaR/ES estimator, built from the stored history after start (undefined until then, or without history). */
  private riskEstimator: Promise<LiveRiskEstimator | undefined> = Promise.resolve(undefined);
  private readonly startedAt: number;
  /** The team's research queue, when configured. */
  readonly researchQueue: QueueConnection | undefined;

  private constructor(
    private readonly options: WorkstationOptions,
    { bus, log }: { bus: MessageBus; log: SystemLog },
    readonly sqlite: SqliteDatabase,
    readonly market: MarketStore,
    readonly desk: MarketDesk,
    realInstruments: RealInstrumentStore,
  ) {
    const now = options.now ?? Date.now;
    this.startedAt = now();
    this.bus = bus;
    this.researchQueue = options.researchQueue ? connectQueue(options.researchQueue, (message) => log.warn('research', message)) : undefined;
    this.log = log;
    this.supervisor = new EngineSupervisor({
      launcher: options.engineLauncher,
      engines: engineInstances(options.engines ?? ENGINE_NAMES, options.poolSize ?? availableParallelism()),
      now,
      ...(options.restartBackoffMs ? { baseBackoffMs: options.restartBackoffMs } : {}),
      bus: this.bus,
      busSnapshot: (topic) => busSnapshot(topic, this.trading, this.live),
      onBusError: (engine, error) => this.log.warn(`engine:${engine}`, `bus stream stopped: ${(error as Error)?.message ?? String(error)}`),
      onHealth: (health) => {
        this.bus.publish('engine.health', health);
        const detail = health.reason ? ` (${health.reason})` : '';
        const level = health.state === 'up' || health.state === 'starting' || health.state === 'stopped' ? 'info' : 'warn';
        this.log.write(level, `engine:${health.name}`, `${health.state}${detail}`);
      },
    });
    // Built before the trading core: replaying the journal must find the IB venue for IB orders.
    const journal = new SqliteJournal(sqlite);
    const ibService = createIbService(journal, log);
    this.trading = new TradingService({
      extraVenues: [ibService.venue],
      db: sqlite,
      journal,
      bus: this.bus,
      log: this.log,
      clock: { now },
      instruments: desk.tradable,
      randomSeed: now() >>> 0,
      ...(options.limitMonitorIntervalMs ? { monitorIntervalMs: options.limitMonitorIntervalMs } : {}),
      ...(options.venueAuditFile ? { audit: openVenueAudit(options.venueAuditFile) } : {}),
      tcaLogFile: join(options.dataDir, TCA_LOG_FILE),
    });
    this.ib = new IbDesk(ibService, this.trading, this.bus, this.log);
    const strategyDirs = defaultStrategyDirs(options.dataDir);
    this.strategies = new StrategyService({
      store: new DeploymentStore(sqlite, now),
      node: this.trading.node,
      scheduler: this.trading.scheduler,
      log: this.log,
      bus: this.bus,
      now,
      load: (name) => loadStrategy(name, strategyDirs),
      backtestEvidence: storedBacktestEvidence(market),
      paperVenue: this.trading.venue.name,
      defaultLiveVenue: ibService.venue.name,
    });
    this.sync = new SyncService({
      db: sqlite,
      strategyDirs,
      trading: this.trading,
      log: this.log,
      secret: options.syncSecret ?? new SyncSecretFile(options.dataDir),
      now,
      ...(options.syncWorker ? { worker: options.syncWorker } : {}),
    });
    this.backups = new BackupScheduler({ db: sqlite, dataDir: options.dataDir, log: this.log, now, ...(options.backupIntervalMs ? { intervalMs: options.backupIntervalMs } : {}) });
    this.recorder = new BarRecorder(market, this.log);
    this.live = new LiveMarket({
      feed: desk.feed,
      bus: this.bus,
      now,
      onQuote: (quote) => {
        this.trading.onQuote(quote);
        this.strategies.onQuote(quote);
        this.recorder.onQuote(quote);
      },
      ...(options.marketIntervalMs ? { intervalMs: options.marketIntervalMs } : {}),
    });
    this.realSymbols = new RealSymbolDesk({
      store: market,
      records: realInstruments,
      instruments: desk.tradable,
      node: this.trading.node,
      publish: (quote) => {
        this.trading.onQuote(quote);
        this.live.publish(quote);
      },
      setIbContract: (symbol, contract) => ibService.setContract(symbol, contract),
      hasLiveQuotes: (symbol) => this.ib.isWatching(symbol),
      now,
      log: (level, message) => this.log.write(level, 'data', message),
    });
    const sessionBars = new SessionBars(market, this.recorder);
    const portfolioRisk = new PortfolioRiskService({
      store: market,
      currentBook: () => currentRiskBook(this.trading.core, desk.instruments()),
      onEngine: supervisedRiskEngine(this.supervisor),
      forecastVolatility: (symbols) => mlVolatility({ store: market, supervisor: this.supervisor }, { symbols: [...symbols], distribution: 'normal' }),
    });
    const mlRegistry = new MlModelRegistry(sqlite, now);
    const factorDeps = { store: market, supervisor: this.supervisor, now, sharedMemory: options.host === 'headless', fundamentals: storedFundamentals(market), ...(this.researchQueue ? { researchQueue: this.researchQueue } : {}) };
    this.api = {
      ...systemHandlers(() => this.info(), this.log, now),
      ...engineHandlers(this.supervisor),
      ...marketHandlers(sessionBars, this.live, () => desk.instruments()),
      ...tradingHandlers(this.trading, () => this.trading.fills),
      ...executionHandlers(this.trading, (symbol, from, to) => market.readBars(symbol, '1m', { from, to })),
      ...riskHandlers(this.trading, now),
      ...researchHandlers(market, this.supervisor, this.bus, sessionBars),
      ...ibHandlers(ibService),
      ...ibDeskHandlers(this.ib, market),
      ...auditHandlers(() => this.trading.journal),
      ...portfolioHandlers(market, this.supervisor),
      ...portfolioOrderHandlers(rebalanceOrders(this.trading, basketIds(now))),
      ...mlHandlers({ store: market, supervisor: this.supervisor }),
      ...mlRegistryHandlers(mlRegistry),
      ...backtestHandlers(
        {
          store: market,
          supervisor: this.supervisor,
          strategyDirs: defaultStrategyDirs(options.dataDir),
          currentLimits: () => this.trading.core.risk.limits,
          now,
          sharedMemory: options.host === 'headless',
          ...(this.researchQueue ? { researchQueue: this.researchQueue } : {}),
          recorded: (stored) => new Outbox(sqlite, now).add({ topic: 'backtest', ...stored }),
        },
        this.bus,
      ),
      ...reportHandlers(
        {
          collect: workstationReportDeps(this.trading, market, options.dataDir, { ...workstationRiskSources(portfolioRisk, this.trading.breaches, this.trading), ...options.reportSources }, now),
          printPdf: options.printPdf ?? chromiumPrinter(),
          written: (report, file) => new Outbox(sqlite, now).add({ topic: 'riskReport', fileName: file.fileName, format: file.format, report }),
        },
        this.bus,
      ),
      ...portfolioRiskHandlers(portfolioRisk),
      ...dataHandlers(createDataService(market, options.dataDir, this.log, options.dataApiKeys)),
      ...dataTradingHandlers(this.realSymbols),
      ...strategyHandlers(this.strategies),
      ...factorHandlers(factorDeps, this.bus),
      ...mlTrainingHandlers(factorDeps, { registry: mlRegistry, dataDir: options.dataDir }, this.bus),
      ...mlModelUseHandlers(factorDeps, { registry: mlRegistry, dataDir: options.dataDir }),
      ...syncHandlers(this.sync),
      ...backupHandlers(this.backups, sqlite, options.dataDir),
    };
    this.dispatch = createDispatcher(this.api, (method, error, incident) =>
      this.log.error('api', `${method} failed (id ${incident}): ${(error as Error)?.message ?? String(error)}`, (error as Error)?.stack),
    );
  }

  /** Opens (or creates) both stores in the data directory and starts the engines. */
  static async start(options: WorkstationOptions): Promise<Workstation> {
    mkdirSync(options.dataDir, { recursive: true });
    // One SQLite file, one writer: settings and the order journal share the record.
    const sqlite = openSqlite(join(options.dataDir, SQLITE_FILE), RECORD_MIGRATIONS);
    let market: MarketStore | undefined;
    try {
      market = await MarketStore.open(join(options.dataDir, DUCKDB_FILE));
      const history = options.syntheticHistory ?? DEFAULT_SYNTHETIC_HISTORY;
      const logging = createLogging(options);
      await seedHistoryIfEmpty(market, history, logging.log);
      // Real symbols put on the desk earlier are instruments before the journal replays their orders.
      const realInstruments = new RealInstrumentStore(sqlite);
      const recorded = realInstruments.load();
      const desk = await openMarketDesk(market, history ? history.seed : DEFAULT_SYNTHETIC_HISTORY.seed, (options.now ?? Date.now)(), recorded);
      const workstation = new Workstation(options, logging, sqlite, market, desk, realInstruments);
      for (const quote of desk.feed.snapshot()) workstation.trading.onQuote(quote);
      await workstation.realSymbols.restore(recorded);
      await workstation.trading.start();
      await workstation.strategies.resumeActive();
      await workstation.sync.start();
      workstation.backups.start();
      workstation.live.start();
      workstation.realSymbols.start();
      workstation.recorder.start();
      workstation.supervisor.start();
      workstation.riskEstimator = startLiveRiskEstimator({
        store: market,
        core: workstation.trading.core,
        instruments: desk.instruments(),
        bus: workstation.bus,
        log: (level, message) => workstation.log.write(level, 'risk', message),
      }).catch((error: Error) => {
        workstation.log.warn('risk', `pre-trade VaR/ES unavailable: ${error.message}`);
        return undefined;
      });
      const r = workstation.trading.restored;
      workstation.log.info('workstation', `started (${options.host}) with data in ${options.dataDir}; journal: ${r.records} records, ${r.orders} orders, ${r.working} working, ${r.unknown.length} unknown`);
      return workstation;
    } catch (error) {
      market?.close();
      sqlite.close();
      throw error;
    }
  }

  info(): SystemInfo {
    return {
      name: 'Nautilus Workstation',
      version: APP_VERSION,
      host: this.options.host,
      dataDir: this.options.dataDir,
      startedAt: this.startedAt,
      engines: this.supervisor.health().map((h) => h.name),
      researchQueue: this.researchQueue !== undefined,
    };
  }

  async stop(): Promise<void> {
    // The market stops before anything is awaited: a step in between would move prices past what a caller saw last.
    this.live.stop();
    this.realSymbols.stop();
    this.ib.stop();
    this.strategies.close();
    this.trading.stop();
    // After the last group commit; what it could not push stays in the outbox for the next start.
    await this.sync.stop();
    await this.backups.stop();
    await this.researchQueue?.close();
    (await this.riskEstimator)?.stop();
    // The bars still open are stored too: the next start's feed continues from their close.
    await this.recorder.stop().catch((error: Error) => this.log.error('store', `last live bars not stored: ${error.message}`));
    await this.supervisor.stop();
    await this.market.closeWhenIdle();
    this.sqlite.close();
  }
}

/** A fresh data directory gets the synthetic market's history, so charts and research work with no account. */
async function seedHistoryIfEmpty(market: MarketStore, history: WorkstationOptions['syntheticHistory'], log: SystemLog): Promise<void> {
  if (!history || (await market.countBarsNotFetched()) > 0) return;
  log.info('store', `seeding ${history.years} years of synthetic daily bars and ${history.minuteDays} days of minute bars…`);
  const seeded = await seedSyntheticHistory(market, history);
  if (!seeded.ok) return; // another writer filled it meanwhile: nothing to do
  const r = seeded.value;
  log.info('store', `seeded ${r.symbols} symbols: ${r.dailyBars} daily, ${r.minuteBars} minute, ${r.resampledBars} resampled bars in ${Math.round(r.durationMs)} ms`);
}

/** The bus and the log exist before anything else, so start-up work (seeding, replay) is logged where the UI sees it. */
function createLogging(options: WorkstationOptions): { bus: MessageBus; log: SystemLog } {
  const echo = options.echoLog;
  const holder: { log?: SystemLog } = {};
  const bus = new MessageBus({ onHandlerError: (error, topic) => holder.log?.error('bus', `handler for ${topic} failed: ${String(error)}`) });
  const log = new SystemLog(bus, options.now ?? Date.now, echo ? (e, detail) => echo(`${e.level} ${e.source}: ${e.message}${detail ? `\n${detail}` : ''}`) : undefined);
  holder.log = log;
  return { bus, log };
}
