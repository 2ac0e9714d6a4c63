// The schema of a stored run's executions (what `backtest.equity` and `backtest show --json` return): a parent with its
// TCA and children passes as is; a non-finite number, an unknown status, a TCA of another parent, a missing field or
// an extra one is refused, naming its path; and `backtest.equity` takes only a run id.
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../../../src/core/backtest';
import { executionRecordsSchema } from '../../../../src/shared/contracts/backtestExecutions';
import { backtestContract, backtestRunDetailSchema } from '../../../../src/shared/contracts/backtest';

const T = Date.UTC(2025, 5, 27, 14, 30);
const RECORD: ExecutionRecord = {
  parent: { parentId: 'P1', symbol: 'AAA', side: 'BUY', algo: 'TWAP', status: 'FILLED', quantity: 300, limitPrice: null, filled: 300, averagePrice: 50.02, fees: 1.5, createdAt: T, endedAt: T + 1_800_000, arrivalMid: 50 },
  tca: {
    parentId: 'P1', symbol: 'AAA', side: 'BUY', algo: 'TWAP', currency: 'USD', quantity: 300, filledQuantity: 300, arrivalPrice: 50, averageFillPrice: 50.02,
    shortfall: { amount: 7.5, bps: 5 }, spread: { amount: 3, bps: 2 }, impact: { amount: 1.5, bps: 1 }, timing: { amount: 1.5, bps: 1 }, fees: { amount: 1.5, bps: 1 },
    intervalVwap: 50.01, vsIntervalVwapBps: 2,
  },
  children: [
    { childId: 'C1', venue: 'SIM-A', liquidity: 'TAKE', sentAt: T, quantity: 150, limitPrice: 50.05, filled: 150, averagePrice: 50.01 },
    { childId: 'C2', venue: 'SIM-B', liquidity: 'REST', sentAt: T + 300_000, quantity: 150, limitPrice: null, filled: 150, averagePrice: 50.03 },
  ],
};

const issuePath = (value: unknown): string | null => {
  const parsed = executionRecordsSchema.safeParse(value);
  return parsed.success ? null : parsed.error.issues.map((i) => i.path.join('.')).join(' ');
};
const withParent = (patch: Record<string, unknown>) => [{ ...RECORD, parent: { ...RECORD.parent, ...patch } }];

describe('stored backtest executions schema', () => {
  it('passes a parent with its TCA and children, and one that never filled', () => {
    expect(executionRecordsSchema.parse([RECORD])).toEqual([RECORD]);
    const unfilled = { ...RECORD, parent: { ...RECORD.parent, status: 'WORKING', filled: 0, averagePrice: null, endedAt: null }, tca: null, children: [] };
    expect(issuePath([unfilled])).toBeNull();
  });

  it('refuses bad fields, naming each', () => {
    expect(issuePath(withParent({ averagePrice: Number.POSITIVE_INFINITY }))).toBe('0.parent.averagePrice');
    expect(issuePath(withParent({ quantity: Number.NaN }))).toBe('0.parent.quantity');
    expect(issuePath(withParent({ status: 'LOST' }))).toBe('0.parent.status');
    expect(issuePath(withParent({ algo: 'MOC' }))).toBe('0.parent.algo');
    expect(issuePath(withParent({ createdAt: 1e308 }))).toBe('0.parent.createdAt');
    expect(issuePath([{ ...RECORD, tca: { ...RECORD.tca!, parentId: 'P2' } }])).toBe('0.tca.parentId');
    expect(issuePath([{ ...RECORD, tca: { ...RECORD.tca!, spread: { amount: Number.NEGATIVE_INFINITY, bps: 2 } } }])).toBe('0.tca.spread.amount');
    expect(issuePath([{ ...RECORD, tca: { ...RECORD.tca!, currency: 'usd' } }])).toBe('0.tca.currency');
    expect(issuePath([{ ...RECORD, children: [{ ...RECORD.children[0]!, filled: -1 }] }])).toBe('0.children.0.filled');
    expect(issuePath([{ ...RECORD, children: [{ ...RECORD.children[0]!, liquidity: 'MAYBE' }] }])).toBe('0.children.0.liquidity');
    const { venue: _venue, ...noVenue } = RECORD.children[0]!;
    expect(issuePath([{ ...RECORD, children: [noVenue] }])).toBe('0.children.0.venue');
    expect(issuePath([{ ...RECORD, parent: { ...RECORD.parent, secret: 1 } }])).toBe('0.parent');
  });

  it('is part of the run detail backtest.equity returns; its input is a run id only', () => {
    const detail = { equity: { time: [T], equity: [100_000] }, fills: [{ time: T, symbol: 'AAA', side: 'BUY', quantity: 150, price: 50.01 }], executions: [RECORD] };
    expect(backtestRunDetailSchema.parse(detail)).toEqual(detail);
    expect(backtestRunDetailSchema.safeParse({ ...detail, executions: undefined }).success).toBe(false);
    expect(backtestContract['backtest.equity'].output).toBe(backtestRunDetailSchema);
    const input = backtestContract['backtest.equity'].input;
    expect(input.safeParse({ runId: '00000000-0000-4000-8000-000000000001' }).success).toBe(true);
    const bad = input.safeParse({ runId: 'not-a-run' });
    expect(bad.success || bad.error.issues[0]!.path).toEqual(['runId']);
    expect(input.safeParse({ runId: '00000000-0000-4000-8000-000000000001', limit: 5 }).success).toBe(false);
  });
});
