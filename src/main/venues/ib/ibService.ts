// The IB service the Workstation owns: one connection (profile, connect/disconnect, status) with its venue, quotes, history, contracts, portfolio.
import type { Contract } from '@stoqey/ib';
import type { Symbol } from '../../../core/model/instrument';
import type { IbConnectionProfile, IbConnectionStatus } from '../../../shared/contracts/ib';
import { IbConnection, type IbConnectionOptions, type IbLog } from './ibConnection';
import { IbContracts } from './contracts';
import { IbHistory } from './history';
import { IbMarketData } from './marketData';
import { IbPortfolio } from './portfolio';
import { IbRequests } from './requests';
import { IbVenue, type IbVenueOptions } from './ibVenue';
import { contractResolver } from './orderMapping';
import { systemTimers, type PacingTimers } from './pacing';

export interface IbServiceOptions {
  /** Connect with this profile later via connect(); nothing connects on construction. */
  readonly profile?: IbConnectionProfile;
  /** Explicit contracts for symbols that are not US stocks on SMART (futures, FX, foreign listings). */
  readonly contracts?: Readonly<Record<Symbol, Contract>>;
  readonly venueName?: string;
  readonly account?: string;
  /** Highest IB order id the journal knows (see highestIbOrderIdInJournal); read at every session start. */
  readonly highestOrderId?: () => number;
  readonly onOrderIdReserved?: (orderId: number) => void;
  readonly connection?: Omit<IbConnectionOptions, 'profile' | 'log' | 'timers'>;
  readonly venue?: Pick<IbVenueOptions, 'commissionWaitMs' | 'symbolOf'>;
  readonly timers?: PacingTimers;
  readonly log?: IbLog;
}

export class IbService {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  /** Give this to createTradingCore's venues (or router.addVenue). */
  readonly venue: IbVenue;
  readonly marketData: IbMarketData;
  readonly history: IbHistory;
  readonly contracts: IbContracts;
  readonly portfolio: IbPortfolio;
  /** Explicit contracts, extended at run time (a stored real symbol put on the desk in its own currency). */
  private readonly explicitContracts: Record<Symbol, Contract>;

  constructor(options: IbServiceOptions = {}) {
    const timers = options.timers ?? systemTimers;
    const log = options.log ?? (() => undefined);
    this.explicitContracts = Object.assign(Object.create(null) as Record<Symbol, Contract>, options.contracts);
    const resolveContract = contractResolver(this.explicitContracts);
    this.connection = new IbConnection({ ...options.connection, profile: options.profile, timers, log });
    this.requests = new IbRequests(this.connection, timers);
    this.venue = new IbVenue({
      ...options.venue,
      name: options.venueName,
      connection: this.connection,
      requests: this.requests,
      resolveContract,
      account: options.account,
      highestOrderId: options.highestOrderId,
      onOrderIdReserved: options.onOrderIdReserved,
      timers,
      log,
    });
    this.marketData = new IbMarketData({ connection: this.connection, requestIds: this.requests.ids, resolveContract, timers, log });
    this.history = new IbHistory(this.requests, this.connection, resolveContract, timers);
    this.contracts = new IbContracts(this.requests, this.connection, resolveContract);
    this.portfolio = new IbPortfolio(this.requests, this.connection, () => timers.now());
  }

  /** The contract IB trades, quotes and loads `symbol` as from now on (an explicit one replaces the US-stock default). */
  setContract(symbol: Symbol, contract: Contract): void {
    this.explicitContracts[symbol] = contract;
  }

  status(): IbConnectionStatus {
    return this.connection.status();
  }

  /** Connects (or reconnects with a new profile). Answers at once; watch onStatus for connected. */
  connect(profile?: IbConnectionProfile): IbConnectionStatus {
    return this.connection.connect(profile);
  }

  disconnect(): IbConnectionStatus {
    return this.connection.disconnect();
  }

  onStatus(listener: (status: IbConnectionStatus) => void): () => void {
    return this.connection.onStatus(listener);
  }

  canTrade(): boolean {
    return this.connection.canTrade();
  }

  close(): void {
    this.connection.close();
    this.venue.close();
  }
}
