// The smart router's record of child orders: which parent each belongs to, what it was sent as, what it has filled,
// and the mids TCA needs (when it was released, when each fill came).
import type { EpochMs } from '../model/clock';
import type { Fill } from '../model/fill';
import type { ClientOrderId } from '../model/ids';

export interface ChildRecord {
  readonly clientOrderId: ClientOrderId;
  readonly parentId: ClientOrderId;
  readonly venue: string;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly liquidity: 'TAKE' | 'REST';
  readonly sentAt: EpochMs;
  /** The consolidated mid when the router released this child. */
  readonly releaseMid: number;
  filled: number;
  averagePrice: number;
  working: boolean;
  cancelRequested: boolean;
  firstFillAt: EpochMs | null;
}

/** One execution of a child, with the mids TCA splits its cost by. */
export interface ChildFill {
  readonly parentId: ClientOrderId;
  readonly clientOrderId: ClientOrderId;
  readonly venue: string;
  readonly time: EpochMs;
  readonly quantity: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: Fill['liquidity'];
  readonly releaseMid: number;
  readonly fillMid: number;
}

export class ChildBook {
  private readonly byId = new Map<ClientOrderId, ChildRecord>();
  private readonly byParent = new Map<ClientOrderId, ChildRecord[]>();
  private readonly fillsByParent = new Map<ClientOrderId, ChildFill[]>();

  add(child: ChildRecord): void {
    this.byId.set(child.clientOrderId, child);
    let list = this.byParent.get(child.parentId);
    if (!list) this.byParent.set(child.parentId, (list = []));
    list.push(child);
  }

  get(id: ClientOrderId): ChildRecord | undefined {
    return this.byId.get(id);
  }

  ofParent(parentId: ClientOrderId): readonly ChildRecord[] {
    return this.byParent.get(parentId) ?? [];
  }

  workingOf(parentId: ClientOrderId): ChildRecord[] {
    return this.ofParent(parentId).filter((c) => c.working);
  }

  hasWorking(parentId: ClientOrderId): boolean {
    for (const c of this.ofParent(parentId)) if (c.working) return true;
    return false;
  }

  /** What the parent's working children may still fill. */
  workingQuantity(parentId: ClientOrderId): number {
    let total = 0;
    for (const c of this.ofParent(parentId)) if (c.working) total += Math.max(0, c.quantity - c.filled);
    return total;
  }

  close(child: ChildRecord): void {
    child.working = false;
  }

  recordFill(child: ChildRecord, fill: Fill, fillMid: number): void {
    let list = this.fillsByParent.get(child.parentId);
    if (!list) this.fillsByParent.set(child.parentId, (list = []));
    list.push({
      parentId: child.parentId,
      clientOrderId: child.clientOrderId,
      venue: child.venue,
      time: fill.time,
      quantity: fill.quantity,
      price: fill.price,
      fee: fill.commission,
      liquidity: fill.liquidity,
      releaseMid: child.releaseMid,
      fillMid,
    });
  }

  /** A fill already attributed (a restored parent's). */
  addFill(fill: ChildFill): void {
    let list = this.fillsByParent.get(fill.parentId);
    if (!list) this.fillsByParent.set(fill.parentId, (list = []));
    list.push(fill);
  }

  fillsOf(parentId: ClientOrderId): readonly ChildFill[] {
    return this.fillsByParent.get(parentId) ?? [];
  }
}
