// `nautilus tca`: the hand-computed example from the TCA log in a data directory, per order, venue and algorithm,
// the period filter, and a malformed record named by line and field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { tcaCommand } from '../../../src/cli/commands/tca';
import type { TcaParent } from '../../../src/core/execution/tca';
import { TCA_LOG_FILE, TcaLog } from '../../../src/main/trading/tcaLog';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await tcaCommand.run(argv, io);
  return { code, out, err };
}

const PARENT: TcaParent = {
  parentId: 'C000000000001', symbol: 'XYZ', side: 'BUY', algo: 'TWAP', createdAt: Date.UTC(2026, 11, 1, 15), arrivalMid: 100, quantity: 600, multiplier: 1, currency: 'USD',
  fills: [
    { venue: 'SIM-A', time: 2_000, quantity: 300, price: 100.03, fee: 0.9, releaseMid: 100.01, fillMid: 100.02 },
    { venue: 'SIM-B', time: 3_000, quantity: 200, price: 100.06, fee: 0.6, releaseMid: 100.04, fillMid: 100.05 },
  ],
  intervalVwap: 100.035,
};

describe('nautilus tca', () => {
  it('reports the hand-computed example to the cent, per venue and per algorithm, within the period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-tca-'));
    dirs.push(dir);
    const log = new TcaLog(join(dir, TCA_LOG_FILE));
    log.append(PARENT);
    log.append({ ...PARENT, parentId: 'C000000000009', createdAt: Date.UTC(2026, 11, 3) });
    const { code, out } = await run(['--from', '2026-12-01', '--to', '2026-12-02', '--data-dir', dir, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.parents).toHaveLength(1);
    expect(result.parents[0]).toMatchObject({ parentId: 'C000000000001', shortfall: { amount: 22.5 }, spread: { amount: 5 }, impact: { amount: 5 }, timing: { amount: 11 }, fees: { amount: 1.5 } });
    expect(result.parents[0].shortfall.bps).toBeCloseTo(4.5, 10);
    expect(result.byVenue.map((g: { key: string; shortfall: { amount: number } }) => [g.key, g.shortfall.amount])).toEqual([['SIM-A', 9.9], ['SIM-B', 12.6]]);
    expect(result.byAlgo.map((g: { key: string; shortfall: { amount: number } }) => [g.key, g.shortfall.amount])).toEqual([['TWAP', 22.5]]);
    const table = await run(['--data-dir', dir]);
    expect(table.out).toContain('2 parent orders');
    expect(table.out).toContain('C000000000001 TWAP BUY 500/600 XYZ arrival 100 avg 100.042  shortfall 22.50 USD (4.50 bp)');
  });

  it('names the line and field of a malformed record, and a bad time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-tca-'));
    dirs.push(dir);
    writeFileSync(join(dir, TCA_LOG_FILE), `${JSON.stringify(PARENT)}\n${JSON.stringify({ ...PARENT, arrivalMid: -1 })}\n`);
    const bad = await run(['--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${TCA_LOG_FILE}:2: arrivalMid:`);
    const time = await run(['--from', 'yesterday', '--data-dir', dir]);
    expect(time).toMatchObject({ code: 2, err: expect.stringContaining('--from must be ISO 8601') });
  });
});
