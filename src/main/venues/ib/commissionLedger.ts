// Commissions of IB executions: the fill each execution id belongs to, the commission stated for it, late and repeated reports, and openOrder's total as a fallback.
import type { CommissionReport } from '@stoqey/ib';
import type { ClientOrderId } from '../../../core/model/ids';

/**
 * What the OMS was (or will be) told about one execution's commission:
 * WAITING — the fill is held for its report; REPORTED — from a commission report;
 * ESTIMATED — a share of the order's commission from openOrder; NONE — nothing known (0).
 */
export type CommissionBasis = 'WAITING' | 'REPORTED' | 'ESTIMATED' | 'NONE';

export interface ExecutionCommission {
  readonly executionId: string;
  readonly clientOrderId: ClientOrderId;
  readonly orderId: number | undefined;
  readonly shares: number;
  /**
   * First seen in a reconciliation reply: the OMS may hold this fill from an earlier run with
   * another figure, so a reported commission is restated to it (a repeat changes nothing there).
   */
  readonly restate: boolean;
  basis: CommissionBasis;
  commission: number;
  currency: string;
}

export type ReportOutcome =
  | { readonly kind: 'EARLY' }
  | { readonly kind: 'REPEATED'; readonly record: ExecutionCommission }
  | { readonly kind: 'FOR_WAITING_FILL'; readonly record: ExecutionCommission }
  | { readonly kind: 'AMEND'; readonly record: ExecutionCommission }
  | { readonly kind: 'INVALID'; readonly reason: string };

interface Statement {
  readonly commission: number;
  readonly currency: string;
}

const roundCommission = (x: number): number => Math.round(x * 1e8) / 1e8;

/** A report's figure, or why it is unusable (TWS sends Double.MAX_VALUE for "unset"). */
function statementOf(report: CommissionReport, fallbackCurrency: string): Statement | string {
  const c = report.commission;
  if (c === undefined || !Number.isFinite(c) || Math.abs(c) >= 1e300) return `commission ${String(c)} is not a figure`;
  return { commission: c, currency: report.currency || fallbackCurrency };
}

export class CommissionLedger {
  private readonly records = new Map<string, ExecutionCommission>();
  private readonly byOrder = new Map<number, ExecutionCommission[]>();
  /** Reports that arrived before their execution. */
  private readonly early = new Map<string, CommissionReport>();
  /** The order's total commission as openOrder last stated it. */
  private readonly orderTotals = new Map<number, Statement>();

  has(executionId: string): boolean {
    return this.records.has(executionId);
  }

  get(executionId: string): Readonly<ExecutionCommission> | undefined {
    return this.records.get(executionId);
  }

  /** A new execution; REPORTED at once when its report came first, else WAITING. */
  add(e: { executionId: string; clientOrderId: ClientOrderId; orderId: number | undefined; shares: number; currency: string; restate: boolean }): ExecutionCommission {
    const report = this.early.get(e.executionId);
    this.early.delete(e.executionId);
    const stated = report ? statementOf(report, e.currency) : undefined;
    const record: ExecutionCommission = typeof stated === 'object' ? { ...e, basis: 'REPORTED', commission: stated.commission, currency: stated.currency } : { ...e, basis: 'WAITING', commission: 0 };
    this.records.set(e.executionId, record);
    if (e.orderId !== undefined) {
      const list = this.byOrder.get(e.orderId);
      if (list) list.push(record);
      else this.byOrder.set(e.orderId, [record]);
    }
    return record;
  }

  onReport(report: CommissionReport): ReportOutcome {
    const executionId = report.execId;
    if (!executionId) return { kind: 'INVALID', reason: 'no execution id' };
    const record = this.records.get(executionId);
    if (!record) {
      this.early.set(executionId, report);
      return { kind: 'EARLY' };
    }
    const stated = statementOf(report, record.currency);
    if (typeof stated === 'string') return { kind: 'INVALID', reason: stated };
    if (record.basis === 'REPORTED' && record.commission === stated.commission && record.currency === stated.currency) return { kind: 'REPEATED', record };
    const waiting = record.basis === 'WAITING';
    record.basis = 'REPORTED';
    record.commission = stated.commission;
    record.currency = stated.currency;
    return { kind: waiting ? 'FOR_WAITING_FILL' : 'AMEND', record };
  }

  /**
   * The fill's wait ended without a report: it goes out with its share of the order's commission
   * from openOrder, or none; `others` are fills already out whose estimated share moved.
   */
  giveUp(executionId: string): { record: ExecutionCommission; others: ExecutionCommission[] } | undefined {
    const record = this.records.get(executionId);
    if (!record || record.basis !== 'WAITING') return undefined;
    record.basis = 'NONE';
    record.commission = 0;
    const changed = record.restate ? [] : this.estimate(record.orderId);
    return { record, others: changed.filter((r) => r !== record) };
  }

  /** openOrder states the order's total commission; returns the fills whose estimated share changed. */
  onOrderCommission(orderId: number, commission: number | undefined, currency: string): ExecutionCommission[] {
    if (commission === undefined || !Number.isFinite(commission) || Math.abs(commission) >= 1e300) return [];
    this.orderTotals.set(orderId, { commission, currency });
    return this.estimate(orderId);
  }

  /** After a report the rest of the order's total may have moved: re-share it. */
  reestimate(orderId: number | undefined): ExecutionCommission[] {
    return this.estimate(orderId);
  }

  /**
   * Shares what openOrder's total leaves after the reported commissions among the fills that went
   * out without a report, by shares. A later report for one of them replaces its share.
   */
  private estimate(orderId: number | undefined): ExecutionCommission[] {
    if (orderId === undefined) return [];
    const total = this.orderTotals.get(orderId);
    const records = this.byOrder.get(orderId);
    if (!total || !records) return [];
    const open = records.filter((r) => !r.restate && (r.basis === 'NONE' || r.basis === 'ESTIMATED'));
    if (open.length === 0) return [];
    let reported = 0;
    for (const r of records) {
      if (r.basis !== 'REPORTED') continue;
      if (r.currency !== total.currency) return []; // totals in two currencies: no honest share
      reported += r.commission;
    }
    const remainder = Math.max(0, total.commission - reported);
    const shares = open.reduce((sum, r) => sum + r.shares, 0);
    const changed: ExecutionCommission[] = [];
    for (const r of open) {
      const share = roundCommission(shares > 0 ? (remainder * r.shares) / shares : remainder / open.length);
      if (r.basis === 'ESTIMATED' && r.commission === share && r.currency === total.currency) continue;
      if (r.basis === 'NONE' && share === 0) continue;
      r.basis = 'ESTIMATED';
      r.commission = share;
      r.currency = total.currency;
      changed.push(r);
    }
    return changed;
  }
}
