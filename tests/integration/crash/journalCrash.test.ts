// Crash test: a backend submitting a burst of orders is SIGKILLed at a random moment, again and again, on the same
// data directory. After every kill: every order the venue saw is in the journal, none was sent twice, no order is
// overfilled, and the restarted backend's positions equal the journal's fills. CRASH_ROUNDS sets the rounds.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../../src/core/model/clock';
import { Workstation, SQLITE_FILE } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { auditDataDir } from './journalAudit';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 50);
const CHILD = join(import.meta.dirname, 'crashChild.ts');

/** Starts the backend, lets it trade for `runMs` after it is ready, then SIGKILLs it. */
function runAndKill(dataDir: string, auditFile: string, runMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, auditFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('READY')) setTimeout(() => child.kill('SIGKILL'), runMs);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`backend exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe(`journal under SIGKILL (${ROUNDS} rounds)`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-crash-'));
  const auditFile = join(dataDir, 'venue-audit.jsonl');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses nothing and duplicates nothing', { timeout: 60_000 + ROUNDS * 10_000 }, async () => {
    const random = new SeededRandom(Number(process.env.CRASH_SEED ?? 20261121));
    for (let round = 1; round <= ROUNDS; round++) {
      await runAndKill(dataDir, auditFile, random.int(0, 250));
      const findings = auditDataDir(join(dataDir, SQLITE_FILE), auditFile);
      expect(findings.missingFromJournal, `round ${round}: the venue saw orders the journal lacks`).toEqual([]);
      expect(findings.sentTwice, `round ${round}: orders sent to the venue twice`).toEqual([]);
      expect(findings.overfilled, `round ${round}: orders filled beyond their quantity`).toEqual([]);
    }

    // The restarted backend rebuilds positions equal to the journal's fills.
    const findings = auditDataDir(join(dataDir, SQLITE_FILE), auditFile);
    expect(findings.venueSaw).toBeGreaterThan(ROUNDS); // the bursts really reached the venue
    const ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    try {
      const positions = new Map(ws.trading.core.positions.positions().map((p) => [p.symbol, p.quantity]));
      for (const [symbol, quantity] of findings.fillsBySymbol) expect(positions.get(symbol) ?? 0, symbol).toBeCloseTo(quantity, 9);
      expect(ws.trading.core.oms.orders().filter((o) => o.status === 'Unknown')).toEqual([]);
    } finally {
      await ws.stop();
    }
  });
});
