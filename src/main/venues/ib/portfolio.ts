// Account summary and positions → one portfolio snapshot (what IB says the account holds, for display and cross-checks).
import { EventName, type Contract } from '@stoqey/ib';
import type { IbConnection } from './ibConnection';
import { fetchPositions } from './reconciliation';
import type { IbRequests } from './requests';

export const DEFAULT_SUMMARY_TAGS = ['NetLiquidation', 'TotalCashValue', 'BuyingPower', 'GrossPositionValue', 'MaintMarginReq', 'AvailableFunds', 'RealizedPnL', 'UnrealizedPnL'] as const;

export interface IbPortfolioPosition {
  readonly account: string;
  readonly symbol: string;
  readonly secType: string;
  readonly currency: string;
  readonly quantity: number;
  /** Per unit, including the multiplier, as IB reports it. */
  readonly averageCost: number;
}

export interface IbPortfolioSnapshot {
  readonly time: number;
  /** account → tag → value (numeric where IB sent a number). */
  readonly accounts: Readonly<Record<string, Readonly<Record<string, { readonly value: number | string; readonly currency: string }>>>>;
  readonly positions: readonly IbPortfolioPosition[];
}

const symbolOf = (c: Contract): string => (c.secType === 'CASH' ? (c.localSymbol ?? `${c.symbol}.${c.currency}`) : (c.symbol ?? ''));

export class IbPortfolio {
  constructor(
    private readonly requests: IbRequests,
    private readonly connection: IbConnection,
    private readonly now: () => number = Date.now,
  ) {}

  async snapshot(tags: readonly string[] = DEFAULT_SUMMARY_TAGS): Promise<IbPortfolioSnapshot> {
    const accounts: Record<string, Record<string, { value: number | string; currency: string }>> = {};
    let summaryReqId = 0;
    await this.requests.run<void>({
      lane: 'data',
      name: 'reqAccountSummary',
      listen: (reqId, finish) => {
        summaryReqId = reqId;
        return [
          this.connection.on(EventName.accountSummary, (id: number, account: string, tag: string, value: string, currency: string) => {
            if (id !== reqId) return;
            const n = Number(value);
            (accounts[account] ??= {})[tag] = { value: value !== '' && Number.isFinite(n) ? n : value, currency };
          }),
          this.connection.on(EventName.accountSummaryEnd, (id: number) => id === reqId && finish()),
        ];
      },
      send: (ib, reqId) => ib.reqAccountSummary(reqId, 'All', tags.join(',')),
    });
    // The summary is a subscription: end it, or TWS keeps sending updates.
    this.connection.send('data', (ib) => ib.cancelAccountSummary(summaryReqId));
    const positions = (await fetchPositions(this.requests, this.connection)).map((p) => ({
      account: p.account,
      symbol: symbolOf(p.contract),
      secType: String(p.contract.secType ?? ''),
      currency: p.contract.currency ?? '',
      quantity: p.quantity,
      averageCost: p.averageCost,
    }));
    return { time: this.now(), accounts, positions };
  }
}
