// A backtest's execution as it is stored and shown: the parent as it ended, its TCA once it filled, and its children.
// The one home of that shape: the DuckDB rows, the API's schema and the Backtests panel all follow it.
import type { EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Symbol } from '../model/instrument';
import type { OrderSide } from '../model/order';
import type { ChildRecord } from '../execution/childBook';
import { isParentDone, type AlgoKind, type ExecutionParent, type ParentStatus } from '../execution/parentOrder';
import type { TcaReport } from '../execution/tca';

export interface ExecutionParentRecord {
  readonly parentId: ClientOrderId;
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly algo: AlgoKind;
  readonly status: ParentStatus;
  readonly quantity: number;
  /** The parent's own limit; null for a market parent. */
  readonly limitPrice: number | null;
  readonly filled: number;
  /** Null until something filled. */
  readonly averagePrice: number | null;
  /** Fees of its children's fills, in the instrument's currency. */
  readonly fees: number;
  readonly createdAt: EpochMs;
  /** When it reached FILLED, CANCELED or EXPIRED; null when the run ended with it still working. */
  readonly endedAt: EpochMs | null;
  /** The consolidated mid when it arrived: TCA's benchmark. */
  readonly arrivalMid: number;
}

export interface ExecutionChildRecord {
  readonly childId: ClientOrderId;
  readonly venue: string;
  readonly liquidity: ChildRecord['liquidity'];
  readonly sentAt: EpochMs;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly filled: number;
  /** Null until something filled. */
  readonly averagePrice: number | null;
}

export interface ExecutionRecord {
  readonly parent: ExecutionParentRecord;
  /** Null when nothing filled (TCA measures what filled). */
  readonly tca: TcaReport | null;
  /** In the order the router sent them. */
  readonly children: readonly ExecutionChildRecord[];
}

export function executionParentRecord(parent: Readonly<ExecutionParent>): ExecutionParentRecord {
  return {
    parentId: parent.id,
    symbol: parent.symbol,
    side: parent.side,
    algo: parent.algo,
    status: parent.status,
    quantity: parent.quantity,
    limitPrice: parent.limitPrice,
    filled: parent.filled,
    averagePrice: parent.filled > 0 ? parent.filledNotional / parent.filled : null,
    fees: parent.fees,
    createdAt: parent.createdAt,
    endedAt: isParentDone(parent.status) ? parent.updatedAt : null,
    arrivalMid: parent.arrivalMid,
  };
}

export function executionChildRecord(child: Readonly<ChildRecord>): ExecutionChildRecord {
  return {
    childId: child.clientOrderId,
    venue: child.venue,
    liquidity: child.liquidity,
    sentAt: child.sentAt,
    quantity: child.quantity,
    limitPrice: child.limitPrice,
    filled: child.filled,
    averagePrice: child.filled > 0 ? child.averagePrice : null,
  };
}
