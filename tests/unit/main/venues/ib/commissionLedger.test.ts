// The IB commission ledger: reports before or after their execution, repeats, corrections, and openOrder's total shared among fills without a report.
import { describe, expect, it } from 'vitest';
import { CommissionLedger } from '../../../../../src/main/venues/ib/commissionLedger';

const exec = (executionId: string, shares: number, restate = false) => ({ executionId, clientOrderId: 'C000000000001', orderId: 7, shares, currency: 'USD', restate });
const report = (execId: string, commission: number, currency = 'USD') => ({ execId, commission, currency });

describe('CommissionLedger', () => {
  it('pairs a report with its execution whichever comes first; a repeat is nothing, a new figure an amendment', () => {
    const ledger = new CommissionLedger();
    expect(ledger.onReport(report('E1', 1))).toEqual({ kind: 'EARLY' });
    expect(ledger.add(exec('E1', 100))).toMatchObject({ basis: 'REPORTED', commission: 1 });
    expect(ledger.add(exec('E2', 100)).basis).toBe('WAITING');
    expect(ledger.onReport(report('E2', 1.5))).toMatchObject({ kind: 'FOR_WAITING_FILL', record: { commission: 1.5 } });
    expect(ledger.onReport(report('E2', 1.5))).toMatchObject({ kind: 'REPEATED' });
    expect(ledger.onReport(report('E2', 1.25))).toMatchObject({ kind: 'AMEND', record: { basis: 'REPORTED', commission: 1.25 } });
  });

  it('a fill that waited in vain has no commission until its report amends it', () => {
    const ledger = new CommissionLedger();
    ledger.add(exec('E1', 100));
    expect(ledger.giveUp('E1')).toMatchObject({ record: { basis: 'NONE', commission: 0 }, others: [] });
    expect(ledger.giveUp('E1')).toBeUndefined();
    expect(ledger.onReport(report('E1', 1))).toMatchObject({ kind: 'AMEND', record: { commission: 1 } });
  });

  it("shares openOrder's total by shares among fills without a report, and re-shares the rest when a report comes", () => {
    const ledger = new CommissionLedger();
    ledger.add(exec('E1', 60));
    ledger.add(exec('E2', 40));
    ledger.giveUp('E1');
    ledger.giveUp('E2');
    expect(ledger.onOrderCommission(7, 2, 'USD').map((r) => [r.executionId, r.basis, r.commission])).toEqual([
      ['E1', 'ESTIMATED', 1.2],
      ['E2', 'ESTIMATED', 0.8],
    ]);
    expect(ledger.onOrderCommission(7, 2, 'USD')).toEqual([]); // the same total again changes nothing
    expect(ledger.onReport(report('E1', 1.5))).toMatchObject({ kind: 'AMEND' });
    expect(ledger.reestimate(7).map((r) => [r.executionId, r.commission])).toEqual([['E2', 0.5]]);
  });

  it('a fill giving up takes its share at once when the total is known', () => {
    const ledger = new CommissionLedger();
    ledger.add(exec('E1', 100));
    expect(ledger.onOrderCommission(7, 1, 'USD')).toEqual([]); // still waiting for its report
    expect(ledger.giveUp('E1')).toMatchObject({ record: { basis: 'ESTIMATED', commission: 1 }, others: [] });
  });

  it('never estimates a fill from reconciliation (the OMS may hold its real figure) and refuses unset figures', () => {
    const ledger = new CommissionLedger();
    ledger.add(exec('E1', 100, true));
    ledger.giveUp('E1');
    expect(ledger.onOrderCommission(7, 1, 'USD')).toEqual([]);
    expect(ledger.onOrderCommission(7, Number.MAX_VALUE, 'USD')).toEqual([]);
    expect(ledger.onReport(report('E1', Number.MAX_VALUE))).toMatchObject({ kind: 'INVALID' });
    expect(ledger.onReport({ execId: '', commission: 1, currency: 'USD' })).toMatchObject({ kind: 'INVALID' });
  });
});
