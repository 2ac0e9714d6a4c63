// Contract details from reqContractDetails → our Instrument (tick size, lot, multiplier, currency, exchange), cached per symbol.
import { EventName, type Contract, type ContractDetails } from '@stoqey/ib';
import type { AssetClass, Instrument, Symbol } from '../../../core/model/instrument';
import type { IbConnection } from './ibConnection';
import type { ContractResolver } from './orderMapping';
import type { IbRequests } from './requests';

const ASSET_CLASS: Readonly<Record<string, AssetClass>> = { STK: 'EQUITY', FUT: 'FUTURE', CONTFUT: 'FUTURE', CASH: 'FX', IND: 'INDEX' };

/** One IB contract description as our Instrument; undefined when IB's answer lacks what risk and normalization need. */
export function toInstrument(symbol: Symbol, details: ContractDetails): Instrument | undefined {
  const c = details.contract;
  const tickSize = details.minTick;
  if (!(tickSize !== undefined && Number.isFinite(tickSize) && tickSize > 0) || !c?.currency) return undefined;
  const secType = String(c.secType ?? '');
  const etf = secType === 'STK' && /ETF/i.test(details.stockType ?? '');
  const lot = details.sizeIncrement ?? details.minSize;
  const multiplier = Number(c.multiplier);
  return {
    symbol,
    name: details.longName || symbol,
    assetClass: etf ? 'ETF' : (ASSET_CLASS[secType] ?? 'EQUITY'),
    currency: c.currency,
    exchange: c.primaryExch || c.exchange || '',
    sector: details.industry || details.category || '',
    tickSize,
    lotSize: lot !== undefined && Number.isFinite(lot) && lot > 0 && lot < 1e12 ? lot : 1,
    multiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : 1,
  };
}

export class IbContracts {
  private readonly cache = new Map<Symbol, Promise<Instrument>>();

  constructor(
    private readonly requests: IbRequests,
    private readonly connection: IbConnection,
    private readonly resolveContract: ContractResolver,
  ) {}

  /** Every contract IB matches for the description (an ambiguous symbol gives several). */
  details(contract: Contract): Promise<ContractDetails[]> {
    const found: ContractDetails[] = [];
    return this.requests.run({
      lane: 'data',
      name: `reqContractDetails ${contract.symbol ?? contract.conId ?? ''}`,
      listen: (reqId, finish) => [
        this.connection.on(EventName.contractDetails, (id: number, d: ContractDetails) => id === reqId && found.push(d)),
        this.connection.on(EventName.contractDetailsEnd, (id: number) => id === reqId && finish(found)),
      ],
      send: (ib, reqId) => ib.reqContractDetails(reqId, contract),
    });
  }

  /** The instrument for one of our symbols (resolved through the venue's contract map); cached once it succeeds. */
  instrument(symbol: Symbol): Promise<Instrument> {
    const cached = this.cache.get(symbol);
    if (cached) return cached;
    const contract = this.resolveContract(symbol);
    if (!contract) return Promise.reject(new Error(`no IB contract for ${symbol}`));
    const result = this.details(contract).then((all) => {
      if (all.length !== 1) throw new Error(`IB contract for ${symbol} is ${all.length === 0 ? 'unknown' : `ambiguous (${all.length} matches)`}`);
      const instrument = toInstrument(symbol, all[0] as ContractDetails);
      if (!instrument) throw new Error(`IB contract details for ${symbol} lack a tick size or currency`);
      return instrument;
    });
    this.cache.set(symbol, result);
    result.catch(() => this.cache.delete(symbol));
    return result;
  }
}
